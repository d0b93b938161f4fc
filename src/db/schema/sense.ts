import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, index, integer, pgEnum, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { SENSE_STATES } from "../../domain/sense-state.js";
import { ts } from "./installations.js";

/** A sense item's state: the database refuses any value the state machine does not know. */
export const senseState = pgEnum("sense_state", SENSE_STATES);

/**
 * One per (hypothesis, environment): the follow-up that asks the team to sense the signal and
 * respond. Its `state` only changes through a move the state machine (domain/sense-loop.ts) decided.
 */
export const senseItems = pgTable(
  "sense_items",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    hypothesisId: bigint("hypothesis_id", { mode: "number" }).notNull(),
    installationId: bigint("installation_id", { mode: "number" }).notNull(),
    environment: text("environment").notNull(),
    state: senseState("state").notNull(),
    shippedAt: ts("shipped_at").notNull(),
    dueAt: ts("due_at").notNull(),
    extensions: integer("extensions").notNull().default(0),
    /** The repository holding the hypothesis and its sense issue. */
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    issueNumber: integer("issue_number"),
    issueUrl: text("issue_url"),
    /** The due date a reminder / escalation was last posted for: one of each per due date. */
    remindedForDue: ts("reminded_for_due"),
    escalatedForDue: ts("escalated_for_due"),
    respondedAt: ts("responded_at"),
    rolledBackAt: ts("rolled_back_at"),
    /** When a reading slot may next fall due; null when the hypothesis has no signal query. */
    nextReadingAt: ts("next_reading_at"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("sense_items_hypothesis_env_idx").on(t.hypothesisId, t.environment),
    // The sweep's selection: open loops by due date. Partial, so responded, rolled-back and
    // already-escalated rows (nothing left to send for this due date) cost nothing.
    index("sense_items_open_due_idx")
      .on(t.dueAt)
      .where(sql`${t.respondedAt} is null and ${t.rolledBackAt} is null and ${t.escalatedForDue} is distinct from ${t.dueAt}`),
    // The sweep's reading schedule: open loops whose next slot is due. Partial like the one above.
    index("sense_items_next_reading_idx")
      .on(t.nextReadingAt)
      .where(sql`${t.respondedAt} is null and ${t.rolledBackAt} is null and ${t.nextReadingAt} is not null`),
    index("sense_items_repository_idx").on(t.repositoryId, t.state),
    index("sense_items_issue_idx").on(t.repositoryId, t.issueNumber),
  ],
);

/** The PRs that shipped for a sense item, and in which ship. */
export const senseItemPullRequests = pgTable(
  "sense_item_pull_requests",
  {
    senseItemId: bigint("sense_item_id", { mode: "number" }).notNull(),
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    prNumber: integer("pr_number").notNull(),
    /** owner/name of the PR's repository, for links. */
    repo: text("repo").notNull(),
    title: text("title").notNull(),
    htmlUrl: text("html_url").notNull(),
    shipId: bigint("ship_id", { mode: "number" }).notNull(),
    /** Set when the PR's commits left the environment (rollback or revert). */
    left: boolean("left").notNull().default(false),
    addedAt: ts("added_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.senseItemId, t.repositoryId, t.prNumber] }), index("sense_item_prs_pr_idx").on(t.repositoryId, t.prNumber)],
);

/**
 * The ledger that makes GitHub writes idempotent: the key is written before the call; a key
 * without a result means an earlier attempt's outcome is unknown, so the write is looked for
 * (by the hidden marker our bot wrote) before it is made again. A lease keeps two workers from
 * making the same write at once.
 */
export const githubWrites = pgTable("github_writes", {
  key: text("key").primaryKey(),
  /** pending | done | refused */
  status: text("status").notNull(),
  result: text("result"),
  /** Why GitHub refused the write for good, when status is refused. */
  reason: text("reason"),
  leaseUntil: ts("lease_until"),
  attempts: integer("attempts").notNull().default(0),
  createdAt: ts("created_at").notNull(),
  updatedAt: ts("updated_at").notNull(),
});
