import type { Runtime } from "../runtime.js";
import { QUEUES, type CheckPrJob } from "./queues.js";

/** Queues a check of one PR; a check already waiting for the same PR absorbs this one. */
export async function enqueueCheck(rt: Runtime, job: CheckPrJob): Promise<void> {
  await rt.boss.send(QUEUES.checkPr.name, job, { singletonKey: `${job.repositoryId}:${job.number}` });
}
