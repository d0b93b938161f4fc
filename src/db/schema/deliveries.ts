import { bigint, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/**
 * Every webhook delivery we accepted, keyed by GitHub's X-GitHub-Delivery id, so a delivery
 * posted twice (concurrently or days later) is processed once. The payload is kept until the
 * job finishes, then dropped.
 */
export const deliveries = pgTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    event: text("event").notNull(),
    action: text("action"),
    installationId: bigint("installation_id", { mode: "number" }),
    repositoryId: bigint("repository_id", { mode: "number" }),
    repositoryFullName: text("repository_full_name"),
    senderLogin: text("sender_login"),
    /** queued | ignored | done | dead */
    status: text("status").notNull(),
    /** Why it was ignored or why it is dead. */
    reason: text("reason"),
    payload: jsonb("payload"),
    attempts: integer("attempts").notNull().default(0),
    /** How many more times GitHub (or a replay) posted the same delivery id. */
    duplicates: integer("duplicates").notNull().default(0),
    receivedAt: ts("received_at").notNull(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("deliveries_received_at_idx").on(t.receivedAt), index("deliveries_status_idx").on(t.status, t.reason)],
);
