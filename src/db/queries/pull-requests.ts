import { and, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { checkRuns, pullRequestHypotheses, pullRequests } from "../schema/index.js";

export type PullRequestRow = typeof pullRequests.$inferSelect;
export type NewPullRequest = typeof pullRequests.$inferInsert;
export type CheckRunRow = typeof checkRuns.$inferSelect;

export async function upsertPullRequest(db: Db, row: NewPullRequest): Promise<void> {
  const { repositoryId: _r, number: _n, ...set } = row;
  await db.insert(pullRequests).values(row).onConflictDoUpdate({ target: [pullRequests.repositoryId, pullRequests.number], set });
}

export async function getPullRequest(db: Db, repositoryId: number, number: number): Promise<PullRequestRow | undefined> {
  return (
    await db
      .select()
      .from(pullRequests)
      .where(and(eq(pullRequests.repositoryId, repositoryId), eq(pullRequests.number, number)))
      .limit(1)
  )[0];
}

/** Replaces the hypotheses a PR points to with those of its latest evaluation. */
export async function replacePullRequestHypotheses(db: Db, repositoryId: number, prNumber: number, targets: { repositoryId: number; number: number }[]): Promise<void> {
  await db.delete(pullRequestHypotheses).where(and(eq(pullRequestHypotheses.repositoryId, repositoryId), eq(pullRequestHypotheses.prNumber, prNumber)));
  if (targets.length === 0) return;
  await db
    .insert(pullRequestHypotheses)
    .values(targets.map((t) => ({ repositoryId, prNumber, hypothesisRepositoryId: t.repositoryId, hypothesisNumber: t.number })))
    .onConflictDoNothing();
}

/** Open PRs that reference a hypothesis, to re-check them when it changes. */
export async function openPullRequestsReferencing(db: Db, hypothesisRepositoryId: number, hypothesisNumber: number, limit = 500): Promise<{ repositoryId: number; number: number }[]> {
  return db
    .select({ repositoryId: pullRequests.repositoryId, number: pullRequests.number })
    .from(pullRequestHypotheses)
    .innerJoin(pullRequests, and(eq(pullRequests.repositoryId, pullRequestHypotheses.repositoryId), eq(pullRequests.number, pullRequestHypotheses.prNumber)))
    .where(
      and(
        eq(pullRequestHypotheses.hypothesisRepositoryId, hypothesisRepositoryId),
        eq(pullRequestHypotheses.hypothesisNumber, hypothesisNumber),
        eq(pullRequests.state, "open"),
      ),
    )
    .limit(limit);
}

export async function getCheckRun(db: Db, repositoryId: number, headSha: string): Promise<CheckRunRow | undefined> {
  return (
    await db
      .select()
      .from(checkRuns)
      .where(and(eq(checkRuns.repositoryId, repositoryId), eq(checkRuns.headSha, headSha)))
      .limit(1)
  )[0];
}

/** Remembers our check run on a head SHA: which PR it is for and its conclusion. */
export async function saveCheckRun(db: Db, target: { repositoryId: number; headSha: string; prNumber: number }, conclusion: string, at: Date): Promise<void> {
  const values = { repositoryId: target.repositoryId, headSha: target.headSha, prNumber: target.prNumber, conclusion, updatedAt: at };
  await db
    .insert(checkRuns)
    .values(values)
    .onConflictDoUpdate({ target: [checkRuns.repositoryId, checkRuns.headSha], set: { prNumber: target.prNumber, conclusion, updatedAt: at } });
}
