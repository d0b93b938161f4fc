import { and, gte, isNotNull } from "drizzle-orm";
import type { MergeOutcome } from "../../domain/loop-metrics.js";
import type { Db } from "../client.js";
import { pullRequests } from "../schema/index.js";
import { inIds } from "./id-list.js";

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
