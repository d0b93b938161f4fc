import { bigint, pgTable, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/** People who signed in to the web dashboard, keyed by their GitHub user id (a login can change). */
export const webUsers = pgTable("web_users", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  login: text("login").notNull(),
  name: text("name"),
  signedInAt: ts("signed_in_at").notNull(),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});

/**
 * A person's GitHub user-to-server tokens, encrypted at rest (AES-256-GCM under a key derived from
 * SESSION_SECRET, bound to the user id). One row per person: refreshing revokes the old pair, so
 * the row is locked while a refresh is in flight and only one request refreshes.
 */
export const webUserTokens = pgTable("web_user_tokens", {
  userId: bigint("user_id", { mode: "number" }).primaryKey(),
  accessToken: text("access_token").notNull(),
  /** Null when the app's user tokens do not expire. */
  accessExpiresAt: ts("access_expires_at"),
  refreshToken: text("refresh_token"),
  refreshExpiresAt: ts("refresh_expires_at"),
  updatedAt: ts("updated_at").notNull(),
});
