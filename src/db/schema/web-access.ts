import { bigint, index, pgTable, primaryKey } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/**
 * When a person's access was last read from GitHub. Without a row, or with one older than five
 * minutes, it is read again; webhooks that change access delete the rows they affect.
 */
export const webAccessSnapshots = pgTable("web_access_snapshots", {
  userId: bigint("user_id", { mode: "number" }).primaryKey(),
  fetchedAt: ts("fetched_at").notNull(),
});

/** The repositories both the person and one of our installations can reach, as GitHub last said. */
export const webAccessRepositories = pgTable(
  "web_access_repositories",
  {
    userId: bigint("user_id", { mode: "number" }).notNull(),
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    installationId: bigint("installation_id", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.repositoryId] }), index("web_access_repositories_installation_idx").on(t.installationId)],
);
