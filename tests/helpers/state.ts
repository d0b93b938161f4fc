import { and, asc, eq, sql } from "drizzle-orm";
import { rows } from "../../src/db/client.js";
import { checkRuns, deadJobs, deliveries, githubWrites, hypotheses, pullRequestHypotheses, pullRequests, repositories } from "../../src/db/schema/index.js";
import type { QueueName } from "../../src/jobs/queues.js";
import type { Harness } from "./harness.js";
import type { TestRepo } from "./ids.js";

/** Reads of what the app stored, for the assert step of webhook tests. */

/** Jobs ever sent to a queue (finished ones stay in pg-boss's table until its retention ends). */
export async function jobsIn(h: Harness, queue: QueueName): Promise<number> {
  const [row] = await rows<{ n: number }>(h.rt.db, sql`select count(*)::int as n from pgboss.job where name = ${queue}`);
  return row?.n ?? 0;
}

/** Jobs of a queue still waiting to run, now or after a retry delay. */
export async function pendingJobs(h: Harness, queue: QueueName): Promise<number> {
  const [row] = await rows<{ n: number }>(h.rt.db, sql`select count(*)::int as n from pgboss.job where name = ${queue} and state in ('created', 'retry')`);
  return row?.n ?? 0;
}

export const deliveryRows = (h: Harness) => h.rt.db.select().from(deliveries).orderBy(asc(deliveries.id));

export async function deliveryRow(h: Harness, id: string) {
  return (await h.rt.db.select().from(deliveries).where(eq(deliveries.id, id)))[0];
}

export const deadJobRows = (h: Harness) => h.rt.db.select().from(deadJobs);

export const checkRunRows = (h: Harness) => h.rt.db.select().from(checkRuns);

export async function pullRequestRow(h: Harness, repo: TestRepo, number: number) {
  return (await h.rt.db.select().from(pullRequests).where(and(eq(pullRequests.repositoryId, repo.id), eq(pullRequests.number, number))))[0];
}

/** The hypotheses a PR points to (repository id and issue number), used to re-check it when one changes. */
export async function linkedHypotheses(h: Harness, repo: TestRepo, number: number) {
  return h.rt.db
    .select({ repositoryId: pullRequestHypotheses.hypothesisRepositoryId, number: pullRequestHypotheses.hypothesisNumber })
    .from(pullRequestHypotheses)
    .where(and(eq(pullRequestHypotheses.repositoryId, repo.id), eq(pullRequestHypotheses.prNumber, number)));
}

export const hypothesisRows = (h: Harness) => h.rt.db.select().from(hypotheses).orderBy(asc(hypotheses.repositoryId), asc(hypotheses.number));

export async function hypothesisRow(h: Harness, repo: TestRepo, number: number) {
  return (await h.rt.db.select().from(hypotheses).where(and(eq(hypotheses.repositoryId, repo.id), eq(hypotheses.number, number))))[0];
}

export const repositoryRows = (h: Harness) => h.rt.db.select().from(repositories).orderBy(asc(repositories.id));

export async function repositoryRow(h: Harness, repo: TestRepo) {
  return (await h.rt.db.select().from(repositories).where(eq(repositories.id, repo.id)))[0];
}

/** A write ledger entry: its status and its result (parsed), or undefined when the key is unknown. */
export async function ledgerEntry(h: Harness, key: string): Promise<{ status: string; result: any; reason: string | null } | undefined> {
  const row = (await h.rt.db.select().from(githubWrites).where(eq(githubWrites.key, key)))[0];
  return row ? { status: row.status, result: row.result === null ? null : JSON.parse(row.result), reason: row.reason } : undefined;
}

/** Puts a key in the write ledger: done with its result, or pending (an earlier outcome unknown). */
export async function seedLedger(h: Harness, key: string, result: unknown | null) {
  const now = h.time.now();
  await h.rt.db.insert(githubWrites).values({ key, status: result === null ? "pending" : "done", result: result === null ? null : JSON.stringify(result), leaseUntil: null, attempts: 1, createdAt: now, updatedAt: now });
}

/** The check run ids the ledger holds per head SHA of a repository. */
export async function checkRunIds(h: Harness, repo: TestRepo): Promise<[string, number][]> {
  const out: [string, number][] = [];
  for (const row of await checkRunRows(h)) {
    if (row.repositoryId !== repo.id) continue;
    const entry = await ledgerEntry(h, `check-run:${repo.id}:${row.headSha}`);
    if (entry?.status === "done") out.push([row.headSha, entry.result.id]);
  }
  return out.sort();
}
