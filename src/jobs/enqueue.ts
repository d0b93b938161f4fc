import type { Runtime } from "../runtime.js";
import { QUEUES, type CheckPrJob, type SenseIssueJob, type ShipJob } from "./queues.js";

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
