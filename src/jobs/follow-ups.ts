import type { Clock } from "../clock.js";
import type { FollowUp } from "../domain/effects.js";
import type { Runtime } from "../runtime.js";
import { checkPrKey, QUEUES, type ReadingJob } from "./queues.js";

/** One reading job per slot of an item waits at a time. */
export const readingKey = (job: ReadingJob) => `${job.senseItemId}:${job.slot.kind}:${job.slot.at}`;

type Enqueuer = Pick<Runtime, "boss" | "dashboardDelaySeconds"> & { clock: Clock };

/**
 * Queues the work a service asked for. Each queue's singleton key collapses bursts: a check
 * already waiting for a PR absorbs another, ships of one repository go in arrival order, and a
 * burst of dashboard changes makes one edit (the first waits out the debounce window).
 */
export async function enqueueFollowUps(rt: Enqueuer, followUps: readonly FollowUp[]): Promise<void> {
  for (const work of followUps) {
    switch (work.kind) {
      case "recheck-pr": {
        const { kind: _kind, ...job } = work;
        await rt.boss.send(QUEUES.checkPr.name, job, { singletonKey: checkPrKey(job) });
        break;
      }
      case "ship":
        await rt.boss.send(QUEUES.ship.name, work.ship, { singletonKey: `${work.ship.repositoryId}` });
        break;
      case "sync-sense-issue":
        await rt.boss.send(QUEUES.senseIssue.name, { senseItemId: work.senseItemId }, { singletonKey: `${work.senseItemId}` });
        break;
      case "refresh-dashboard": {
        const startAfter = new Date(rt.clock.now().getTime() + rt.dashboardDelaySeconds * 1000);
        await rt.boss.send(QUEUES.dashboard.name, { installationId: work.installationId, repositoryId: work.repositoryId }, { singletonKey: `${work.repositoryId}`, startAfter });
        break;
      }
      case "read-slot": {
        const job: ReadingJob = { senseItemId: work.senseItemId, installationId: work.installationId, slot: work.slot };
        await rt.boss.send(QUEUES.reading.name, job, { singletonKey: readingKey(job), ...(work.notBefore ? { startAfter: work.notBefore } : {}) });
        break;
      }
      case "sweep-installation":
        await rt.boss.send(QUEUES.sweepInstallation.name, { installationId: work.installationId, budget: work.budget }, { singletonKey: `${work.installationId}` });
        break;
    }
  }
}
