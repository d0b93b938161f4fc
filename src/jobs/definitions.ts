import { finishDelivery } from "../db/queries/deliveries.js";
import { installationGitHub } from "../runtime.js";
import { checkPullRequest } from "../services/check-pull-request.js";
import { processDelivery } from "./process-delivery.js";
import { QUEUES, type CheckPrJob, type DeliveryJob } from "./queues.js";
import type { JobDefinition } from "./run-job.js";

export const deliveryJob: JobDefinition<DeliveryJob> = {
  queue: QUEUES.delivery.name,
  retryLimit: QUEUES.delivery.retryLimit,
  run: processDelivery,
  logFields: (data) => ({ delivery: data.deliveryId }),
  onDead: async (rt, data, reason) => finishDelivery(rt.db, data.deliveryId, "dead", rt.clock.now(), reason),
};

export const checkPrJob: JobDefinition<CheckPrJob> = {
  queue: QUEUES.checkPr.name,
  retryLimit: QUEUES.checkPr.retryLimit,
  run: async (rt, data, log) => {
    await checkPullRequest(rt, await installationGitHub(rt, data.installationId), data, log);
  },
  logFields: (data) => ({ installation: data.installationId, repositoryId: data.repositoryId, pr: data.number }),
  singletonKey: (data) => `${data.repositoryId}:${data.number}`,
};

/** Every job a worker runs, by queue. */
export const JOB_DEFINITIONS: JobDefinition<never>[] = [deliveryJob, checkPrJob] as unknown as JobDefinition<never>[];
