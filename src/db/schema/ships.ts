import { bigint, bigserial, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/** The last SHA known to be live, per repository and environment (deployment and release sources). */
export const environments = pgTable(
  "environments",
  {
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    name: text("name").notNull(),
    liveSha: text("live_sha").notNull(),
    liveSince: ts("live_since").notNull(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.name] })],
);

/**
 * Every ship Senseloop saw: a successful deployment, a published release or a merge. Keyed by
 * its source, so a redelivered or replayed event is processed once.
 */
export const ships = pgTable(
  "ships",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    environment: text("environment").notNull(),
    /** deployment | release | merge */
    source: text("source").notNull(),
    /** The deployment id, release id or PR number. */
    sourceRef: text("source_ref").notNull(),
    sha: text("sha").notNull(),
    baseSha: text("base_sha"),
    /** baseline | identical | ahead | diverged | rollback | merge, once processed. */
    kind: text("kind"),
    commitCount: integer("commit_count"),
    prNumbers: jsonb("pr_numbers").$type<number[]>().notNull().default([]),
    /** Where to link the ship: the deployment's log, the release page or the PR. */
    url: text("url"),
    shippedAt: ts("shipped_at").notNull(),
    processedAt: ts("processed_at"),
  },
  (t) => [uniqueIndex("ships_source_idx").on(t.repositoryId, t.environment, t.source, t.sourceRef)],
);

/** Commit → merged PRs, from "list pull requests associated with a commit", so no commit is looked up twice. */
export const commitPullRequests = pgTable(
  "commit_pull_requests",
  {
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    sha: text("sha").notNull(),
    prNumbers: jsonb("pr_numbers").$type<number[]>().notNull(),
    fetchedAt: ts("fetched_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.sha] })],
);


