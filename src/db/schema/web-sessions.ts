import { bigint, index, pgTable, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/**
 * Signed-in sessions, shared by every replica. The browser's cookie (or a script's API token)
 * holds a random id; only its SHA-256 is stored, so a copy of this table signs nobody in.
 */
export const webSessions = pgTable(
  "web_sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: bigint("user_id", { mode: "number" }).notNull(),
    /** browser | api */
    kind: text("kind").notNull(),
    /** What an API token is for, as its owner named it. */
    label: text("label"),
    createdAt: ts("created_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull(),
    expiresAt: ts("expires_at").notNull(),
  },
  (t) => [index("web_sessions_user_idx").on(t.userId)],
);
