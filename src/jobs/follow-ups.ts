import type { Clock } from "../clock.js";
import type { FollowUp } from "../domain/effects.js";
import type { Runtime } from "../runtime.js";
import { checkPrKey, QUEUES } from "./queues.js";

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
      case "sweep-installation":
        await rt.boss.send(QUEUES.sweepInstallation.name, { installationId: work.installationId, budget: work.budget }, { singletonKey: `${work.installationId}` });
        break;
    }
  }
}
