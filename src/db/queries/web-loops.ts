import { and, eq, gte, isNotNull } from "drizzle-orm";
import type { Decision } from "../../domain/commands.js";
import type { MergeOutcome } from "../../domain/loop-metrics.js";
import type { SenseState } from "../../domain/sense-state.js";
import type { Db } from "../client.js";
import { pullRequests, responses, senseItems } from "../schema/index.js";
import { inIds } from "./id-list.js";

/** The facts every loop figure is computed from, one row per sense item, nothing more. */
export interface LoopFactRow {
  repositoryId: number;
  state: SenseState;
  shippedAt: Date;
  dueAt: Date;
  response: { decision: Decision; respondedAt: Date } | null;
}

/**
 * Every sense item of these repositories (no cut: the figures are over all of them), read
 * through the repository index with the response joined on its unique index.
 */
export async function loopFacts(db: Db, params: { repositoryIds: readonly number[] }): Promise<LoopFactRow[]> {
  if (params.repositoryIds.length === 0) return [];
  const found = await db
    .select({ repositoryId: senseItems.repositoryId, state: senseItems.state, shippedAt: senseItems.shippedAt, dueAt: senseItems.dueAt, decision: responses.decision, respondedAt: responses.respondedAt })
    .from(senseItems)
    .leftJoin(responses, eq(responses.senseItemId, senseItems.id))
    .where(inIds(senseItems.repositoryId, params.repositoryIds));
  return found.map((row) => ({
    repositoryId: row.repositoryId,
    state: row.state,
    shippedAt: row.shippedAt,
    dueAt: row.dueAt,
    response: row.decision !== null && row.respondedAt !== null ? { decision: row.decision as Decision, respondedAt: row.respondedAt } : null,
  }));
}

export interface MergedFactRow {
  repositoryId: number;
  mergedAt: Date;
  outcome: MergeOutcome;
}

/** PRs of these repositories merged since a date, through the (repository, merged_at) index. */
export async function mergedFacts(db: Db, params: { repositoryIds: readonly number[]; since: Date }): Promise<MergedFactRow[]> {
  if (params.repositoryIds.length === 0) return [];
  const found = await db
    .select({ repositoryId: pullRequests.repositoryId, mergedAt: pullRequests.mergedAt, outcome: pullRequests.outcome })
    .from(pullRequests)
    .where(and(inIds(pullRequests.repositoryId, params.repositoryIds), isNotNull(pullRequests.mergedAt), gte(pullRequests.mergedAt, params.since)));
  return found.map((row) => ({ repositoryId: row.repositoryId, mergedAt: row.mergedAt!, outcome: row.outcome as MergeOutcome }));
}
