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

/**
 * Starts a worker per queue in this process. A job created on a queue wakes its workers at once
 * (LISTEN/NOTIFY); `pollingIntervalSeconds` is the fallback when notifications are unavailable,
 * and jobs whose start time comes later (debounced dashboards, parked jobs) are found by the
 * slower poll that runs while notifications work. A worker that has just finished a job fetches
 * again at once, so a backlog drains at the speed of the work, not one job per poll.
 */
export async function startWorkers(rt: Runtime, options: { concurrency: number; pollingIntervalSeconds: number; notifyPollingIntervalSeconds?: number }): Promise<void> {
  for (const def of JOB_DEFINITIONS) {
    const polling = { pollingIntervalSeconds: options.pollingIntervalSeconds, notifyPollingIntervalSeconds: options.notifyPollingIntervalSeconds ?? 5 };
    await rt.boss.work(def.queue, { batchSize: 1, localConcurrency: def.localConcurrency ?? options.concurrency, ...polling }, async (jobs) => {
      for (const job of jobs) await runJob(rt, def, job as never);
      keepFetching(rt.boss, def.queue);
    });
  }
}

/**
 * pg-boss waits out the polling interval after every fetch, even one that found a job (its burst
 * mode needs batches larger than one, or a queue count that lags by a minute). Waking the busy
 * workers of the queue, this one included, makes each fetch again as soon as it is free; one that
 * finds the queue empty goes back to waiting for a notification or its poll.
 */
function keepFetching(boss: Runtime["boss"], queue: string): void {
  for (const worker of boss.getWipData()) {
    if (worker.name === queue && worker.count > 0) boss.notifyWorker(worker.id);
  }
}
