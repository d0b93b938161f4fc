import { finishDelivery } from "../db/queries/deliveries.js";
import { getSenseItem } from "../db/queries/sense-items.js";
import type { Runtime } from "../runtime.js";
import { installationGitHub } from "../runtime.js";
import { checkPullRequest } from "../services/check-pull-request.js";
import { syncSenseIssue } from "../services/sense-issues.js";
import { processShip } from "../services/ship-detect.js";
import { processDelivery } from "./process-delivery.js";
import { QUEUES, type CheckPrJob, type DeliveryJob, type SenseIssueJob, type ShipJob } from "./queues.js";
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

export const shipJob: JobDefinition<ShipJob> = {
  queue: QUEUES.ship.name,
  retryLimit: QUEUES.ship.retryLimit,
  run: async (rt, data, log) => {
    const outcome = await processShip(rt, await installationGitHub(rt, data.installationId), data, log);
    log.info({ outcome }, "ship processed");
  },
  logFields: (data) => ({ installation: data.installationId, repositoryId: data.repositoryId, source: data.source, ref: data.sourceRef }),
  singletonKey: (data) => `${data.repositoryId}`,
};

export const senseIssueJob: JobDefinition<SenseIssueJob> = {
  queue: QUEUES.senseIssue.name,
  retryLimit: QUEUES.senseIssue.retryLimit,
  run: async (rt, data, log) => {
    const installationId = await senseItemInstallation(rt, data.senseItemId);
    if (installationId !== undefined) await syncSenseIssue(rt, await installationGitHub(rt, installationId), data, log);
  },
  logFields: (data) => ({ senseItem: data.senseItemId }),
  singletonKey: (data) => `${data.senseItemId}`,
};

/** Every job a worker runs, by queue. */
export const JOB_DEFINITIONS: JobDefinition<never>[] = [deliveryJob, checkPrJob, shipJob, senseIssueJob] as unknown as JobDefinition<never>[];

async function senseItemInstallation(rt: Runtime, id: number): Promise<number | undefined> {
  return (await getSenseItem(rt.db, id))?.installationId;
}
