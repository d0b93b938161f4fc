import { sql } from "drizzle-orm";
import { rows, type Db } from "../../src/db/client.js";
import type { RecordedRequest, Standin } from "../../src/standin/index.js";
import type { SenseloopProcess } from "../helpers/senseloop-process.js";

/** Polls `done` every 200 ms; on timeout says what the processes last printed. */
export async function until(what: string, done: () => Promise<boolean>, processes: SenseloopProcess[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the processes said:\n${processes.map((p) => `--- ${p.name}\n${p.output.join("").slice(-6000)}`).join("\n")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const count = async (db: Db, query: ReturnType<typeof sql>) => (await rows<{ n: number }>(db, query))[0]!.n;

/** Jobs waiting (due now or later), retrying or running, in any of Senseloop's queues. */
export const unfinishedJobs = (db: Db) => count(db, sql`select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and name not like '\\_\\_pgboss%'`);
export const queuedDeliveries = (db: Db) => count(db, sql`select count(*)::int as n from deliveries where status = 'queued'`);
export const deadJobs = (db: Db) => count(db, sql`select count(*)::int as n from dead_jobs`);

/**
 * Until Senseloop has nothing left to do: every webhook the stand-in sent was answered, no
 * delivery is queued, no job waits or runs, and the stand-in saw no new request or webhook
 * while that was checked (a job that just finished may have written, and so sent a webhook).
 */
export async function quiet(standin: Standin, db: Db, processes: SenseloopProcess[], timeoutMs = 90_000): Promise<void> {
  const mark = () => `${standin.requests().length}:${standin.deliveries().length}`;
  let before = "";
  await until(
    "Senseloop to finish its work",
    async () => {
      await standin.settle();
      const now = mark();
      const idle = now === before && (await queuedDeliveries(db)) === 0 && (await unfinishedJobs(db)) === 0 && mark() === now;
      before = now;
      return idle;
    },
    processes,
    timeoutMs,
  );
}

export interface DeliveryRecord {
  id: string;
  event: string;
  action: string | null;
  status: string;
  attempts: number;
  duplicates: number;
}

export const deliveryRecords = (db: Db) => rows<DeliveryRecord>(db, sql`select id, event, action, status, attempts, duplicates from deliveries order by received_at, id`);

const ISSUE_NUMBER = /\/issues\/(\d+)\//;

/**
 * Senseloop's writes at the stand-in, each named by what it made: a check run by its commit, an
 * issue by its title, a comment or labels by the issue they went on. A write made twice shows twice.
 * The installation token requests are not writes to the repository and are left out.
 */
export function writesMade(standin: Standin, requests: RecordedRequest[] = standin.requests({ writes: true })): string[] {
  return requests
    .filter((r) => r.route !== "POST /app/installations/{installation_id}/access_tokens")
    .map((r) => {
      const body = (r.body ?? {}) as Record<string, unknown>;
      const issue = ISSUE_NUMBER.exec(r.path)?.[1];
      switch (r.route) {
        case "POST /repos/{owner}/{repo}/check-runs":
          return `check run on ${String(body.head_sha)}`;
        case "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}":
          return `check run ${String(body.external_id)} updated`;
        case "POST /repos/{owner}/{repo}/issues":
          return `issue "${String(body.title)}"`;
        case "POST /repos/{owner}/{repo}/issues/{issue_number}/comments":
          return `comment on #${issue}`;
        case "POST /repos/{owner}/{repo}/issues/{issue_number}/labels":
          return `labels ${(body.labels as string[]).join(",")} on #${issue}`;
        case "PATCH /repos/{owner}/{repo}/issues/{issue_number}":
          return `edit of #${/\/issues\/(\d+)$/.exec(r.path)?.[1]}`;
        default:
          return `${r.method} ${r.path}`;
      }
    })
    .sort();
}

/** Edits of an issue that wrote exactly what the previous edit of it had written: wasted, duplicate writes. */
export function repeatedEdits(standin: Standin): string[] {
  const last = new Map<string, string>();
  const repeated: string[] = [];
  for (const r of standin.requests({ method: "PATCH" })) {
    const body = JSON.stringify(r.body);
    if (last.get(r.path) === body) repeated.push(r.path);
    last.set(r.path, body);
  }
  return repeated;
}

/**
 * The sweep schedule's occurrences and the jobs they made. pg-boss forwards each due occurrence
 * of a schedule through its own queue, filed under the occurrence's minute: one row per period
 * however many replicas run the schedule, each followed by one sweep job.
 */
export async function sweepPeriods(db: Db): Promise<{ period: string; jobs: number }[]> {
  return rows(db, sql`select to_char(singleton_on, 'HH24:MI') as period, count(*)::int as jobs from pgboss.job where name = '__pgboss__send-it' and singleton_key = 'sweep__' group by 1 order by 1`);
}

export const sweepJobs = (db: Db) => rows<{ id: string; state: string; retries: number }>(db, sql`select id::text, state::text, retry_count as retries from pgboss.job where name = 'sweep' order by created_on`);
