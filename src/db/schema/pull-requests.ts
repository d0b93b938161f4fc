import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

export interface StoredReference {
  /** The reference as the author wrote it. */
  raw: string;
  /** owner/name as written (or implied), for messages. */
  repo: string;
  number: number;
  /** GitHub's id of the hypothesis repository, when it resolved. */
  repositoryId: number | null;
  /** Why it is not a valid hypothesis, or null when it is. */
  problem: string | null;
}

/** Open and merged pull requests as the last check saw them. */
export const pullRequests = pgTable(
  "pull_requests",
  {
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    htmlUrl: text("html_url").notNull(),
    authorLogin: text("author_login"),
    /** open | closed */
    state: text("state").notNull(),
    draft: boolean("draft").notNull().default(false),
    headSha: text("head_sha").notNull(),
    baseRef: text("base_ref"),
    mergedAt: ts("merged_at"),
    mergeCommitSha: text("merge_commit_sha"),
    /** linked | exempt | missing | invalid | config_invalid, from the last evaluation. */
    outcome: text("outcome"),
    /** Why the PR is exempt, when outcome is exempt. */
    exemption: text("exemption"),
    references: jsonb("references").$type<StoredReference[]>().notNull().default([]),
    checkedAt: ts("checked_at"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.number] }), index("pull_requests_merged_idx").on(t.repositoryId, t.mergedAt)],
);

/** Which hypotheses each PR references, to re-check open PRs when a hypothesis changes. */
export const pullRequestHypotheses = pgTable(
  "pull_request_hypotheses",
  {
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    prNumber: integer("pr_number").notNull(),
    hypothesisRepositoryId: bigint("hypothesis_repository_id", { mode: "number" }).notNull(),
    hypothesisNumber: integer("hypothesis_number").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.repositoryId, t.prNumber, t.hypothesisRepositoryId, t.hypothesisNumber] }),
    index("pull_request_hypotheses_hypothesis_idx").on(t.hypothesisRepositoryId, t.hypothesisNumber),
  ],
);

/**
 * Our check run on each head SHA: which PR it is for and its conclusion. The write itself (its
 * GitHub id, what was last written) is in the write ledger, under `check-run:<repository>:<sha>`.
 */
export const checkRuns = pgTable(
  "check_runs",
  {
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    headSha: text("head_sha").notNull(),
    prNumber: integer("pr_number").notNull(),
    conclusion: text("conclusion"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.repositoryId, t.headSha] })],
);
