import { bigint, integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/**
 * GitHub answered "Resource not accessible by integration": the installation has not granted a
 * permission a feature needs (one the app asked for later, say). The feature is off for that
 * repository until the owner accepts the new permissions, or the refusal is a day old.
 */
export const permissionRefusals = pgTable(
  "permission_refusals",
  {
    installationId: bigint("installation_id", { mode: "number" }).notNull(),
    /** owner/name, lower-cased, or "" when the request was not about one repository. */
    repository: text("repository").notNull(),
    /** The GitHub permission the refused request needs (deployments, checks, issues…). */
    permission: text("permission").notNull(),
    /** The last refused request, method and path. */
    request: text("request").notNull(),
    message: text("message").notNull(),
    refusals: integer("refusals").notNull().default(1),
    firstSeenAt: ts("first_seen_at").notNull(),
    lastSeenAt: ts("last_seen_at").notNull(),
    /** When a line about it was last logged: once per day, however often it is refused. */
    loggedAt: ts("logged_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.installationId, t.repository, t.permission] })],
);
