import { PgBoss, fromPglite, type Clock as BossClock } from "pg-boss";
import type { Logger } from "probot";
import type { Database } from "../db/client.js";
import { QUEUES } from "./queues.js";

export interface BossOptions {
  /** Run cron schedules and maintenance (off in tests that drive the queue by hand). */
  background: boolean;
  log: Logger;
  /** pg-boss's clock (tests pass a TestClock so the database's job_now() follows test time). */
  clock?: BossClock;
}

/**
 * How often the supervisor looks for jobs whose worker stopped beating (and expired ones). With
 * the queues' 30 s heartbeat, a job whose process died is back in the queue within a minute.
 */
export const SUPERVISE_INTERVAL_SECONDS = 30;

/** pg-boss on the same database as everything else: the PGlite instance, or the PostgreSQL URL. */
export function createBoss(database: Database, options: BossOptions): PgBoss {
  const common = {
    schedule: options.background,
    supervise: options.background,
    superviseIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    monitorIntervalSeconds: SUPERVISE_INTERVAL_SECONDS,
    migrate: true,
    application_name: "senseloop",
    ...(options.clock ? { clock: options.clock } : {}),
  };
  const boss =
    database.kind === "pglite"
      ? new PgBoss({ ...common, db: fromPglite(database.pglite), backend: "pglite" })
      : new PgBoss({ ...common, connectionString: database.url, max: 5 });
  boss.on("error", (err) => options.log.error({ err }, "job queue error"));
  return boss;
}

/** Creates every queue (idempotent) and brings its retry policy up to date. */
export async function createQueues(boss: PgBoss): Promise<void> {
  for (const queue of Object.values(QUEUES)) {
    await boss.createQueue(queue.name, queue);
    const { name: _name, policy: _policy, heartbeatSeconds, retryDelayMax, ...mutable } = queue;
    await boss.updateQueue(queue.name, { ...mutable, heartbeatSeconds, retryDelayMax });
  }
}
