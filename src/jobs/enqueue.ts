import type { Runtime } from "../runtime.js";
import { QUEUES, type CheckPrJob, type DashboardJob, type SenseIssueJob, type ShipJob, type SweepInstallationJob } from "./queues.js";

/** Queues a check of one PR; a check already waiting for the same PR absorbs this one. */
export async function enqueueCheck(rt: Runtime, job: CheckPrJob): Promise<void> {
  await rt.boss.send(QUEUES.checkPr.name, job, { singletonKey: `${job.repositoryId}:${job.number}` });
}

/** Ships of one repository are worked out in arrival order, one at a time. */
export async function enqueueShip(rt: Runtime, job: ShipJob): Promise<void> {
  await rt.boss.send(QUEUES.ship.name, job, { singletonKey: `${job.repositoryId}` });
}

export async function enqueueSenseIssue(rt: Runtime, job: SenseIssueJob): Promise<void> {
  await rt.boss.send(QUEUES.senseIssue.name, job, { singletonKey: `${job.senseItemId}` });
}

/** A burst of changes makes one dashboard edit: the first waits out the debounce window, later ones are absorbed. */
export async function enqueueDashboard(rt: Runtime, job: DashboardJob): Promise<void> {
  const startAfter = new Date(rt.clock.now().getTime() + rt.dashboardDelaySeconds * 1000);
  await rt.boss.send(QUEUES.dashboard.name, job, { singletonKey: `${job.repositoryId}`, startAfter });
}

export async function enqueueSweepInstallation(rt: Runtime, job: SweepInstallationJob): Promise<void> {
  await rt.boss.send(QUEUES.sweepInstallation.name, job, { singletonKey: `${job.installationId}` });
}
