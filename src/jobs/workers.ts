import type { Runtime } from "../runtime.js";
import { JOB_DEFINITIONS } from "./definitions.js";
import { QUEUES, type ReconcileJob } from "./queues.js";
import { runJob } from "./run-job.js";

export interface Schedules {
  sweepCron: string;
  reconcileCron: string;
  /** GitHub delivers to a webhook proxy (see ReconcileJob). */
  viaProxy: boolean;
}

/** The recurring jobs; pg-boss makes one job per period across every replica. */
export async function scheduleRecurringJobs(rt: Runtime, schedules: Schedules): Promise<void> {
  await rt.boss.schedule(QUEUES.sweep.name, schedules.sweepCron, {}, { tz: "UTC" });
  const reconcile: ReconcileJob = { trigger: "cron", viaProxy: schedules.viaProxy };
  await rt.boss.schedule(QUEUES.reconcile.name, schedules.reconcileCron, reconcile, { tz: "UTC" });
  await rt.boss.schedule(QUEUES.maintenance.name, "17 3 * * *", {}, { tz: "UTC" });
}

/** Starts a worker per queue in this process. */
export async function startWorkers(rt: Runtime, options: { concurrency: number; pollingIntervalSeconds: number }): Promise<void> {
  for (const def of JOB_DEFINITIONS) {
    await rt.boss.work(def.queue, { batchSize: 1, localConcurrency: def.localConcurrency ?? options.concurrency, pollingIntervalSeconds: options.pollingIntervalSeconds }, async (jobs) => {
      for (const job of jobs) await runJob(rt, def, job as never);
    });
  }
}
