import { finishDelivery, pruneDeliveries } from "../db/queries/deliveries.js";
import { pruneSourceCalls } from "../db/queries/source-calls.js";
import { getSenseItem } from "../db/queries/sense-items.js";
import { pruneRedeliveryRequests } from "../db/queries/reconcile.js";
import { REDELIVERY_WINDOW_MS } from "../domain/reconcile-plan.js";
import { appCalls, scopeFor } from "../runtime.js";
import { checkPullRequest } from "../services/check-pull-request.js";
import { refreshDashboard } from "../services/dashboard.js";
import { DEFAULT_REDELIVERY_BUDGET, reconcileDeliveries } from "../services/reconcile.js";
import { syncSenseIssue } from "../services/sense-issues.js";
import { giveUpSlot, readSlot } from "../services/read-slot.js";
import { scheduleReadings } from "../services/reading-schedule.js";
import { processShip } from "../services/ship-detect.js";
import { startSweep, sweepInstallation } from "../services/sweep.js";
import { readingKey } from "./follow-ups.js";
import { processDelivery } from "./process-delivery.js";
import { checkPrKey, QUEUES, type CheckPrJob, type DashboardJob, type DeliveryJob, type ReadingJob, type ReconcileJob, type SenseIssueJob, type ShipJob, type SweepInstallationJob, type SweepJob } from "./queues.js";
import type { JobDefinition } from "./run-job.js";

export const deliveryJob: JobDefinition<DeliveryJob> = {
  queue: QUEUES.delivery.name,
  retryLimit: QUEUES.delivery.retryLimit,
  run: processDelivery,
  onDone: async (rt, data) => finishDelivery(rt.db, data.deliveryId, "done", rt.clock.now(), undefined, { onlyQueued: true }),
  logFields: (data) => ({ delivery: data.deliveryId }),
  onDead: async (rt, data, reason) => finishDelivery(rt.db, data.deliveryId, "dead", rt.clock.now(), reason),
  onEnded: async (rt, data, reason) => finishDelivery(rt.db, data.deliveryId, "ignored", rt.clock.now(), reason, { onlyQueued: true }),
};

export const checkPrJob: JobDefinition<CheckPrJob> = {
  queue: QUEUES.checkPr.name,
  retryLimit: QUEUES.checkPr.retryLimit,
  run: async (rt, data, log) => {
    await checkPullRequest(await scopeFor(rt, data.installationId, log), data);
    return [];
  },
  logFields: (data) => ({ installation: data.installationId, repositoryId: data.repositoryId, pr: data.number }),
  singletonKey: checkPrKey,
};

export const shipJob: JobDefinition<ShipJob> = {
  queue: QUEUES.ship.name,
  retryLimit: QUEUES.ship.retryLimit,
  run: async (rt, data, log) => {
    const { outcome, followUps } = await processShip(await scopeFor(rt, data.installationId, log), data);
    log.info({ outcome }, "ship processed");
    return followUps;
  },
  logFields: (data) => ({ installation: data.installationId, repositoryId: data.repositoryId, source: data.source, ref: data.sourceRef }),
  singletonKey: (data) => `${data.repositoryId}`,
};

export const senseIssueJob: JobDefinition<SenseIssueJob> = {
  queue: QUEUES.senseIssue.name,
  retryLimit: QUEUES.senseIssue.retryLimit,
  run: async (rt, data, log) => {
    const item = await getSenseItem(rt.db, data.senseItemId);
    if (!item) return [];
    return syncSenseIssue(await scopeFor(rt, item.installationId, log), data.senseItemId);
  },
  logFields: (data) => ({ senseItem: data.senseItemId }),
  singletonKey: (data) => `${data.senseItemId}`,
};

/** Reminders (one job per installation with something due), then the reading slots that are due. */
export const sweepJob: JobDefinition<SweepJob> = {
  queue: QUEUES.sweep.name,
  retryLimit: QUEUES.sweep.retryLimit,
  run: async (rt, _data, log) => {
    const scope = { db: rt.db, clock: rt.clock, log };
    return [...(await startSweep(scope)), ...(await scheduleReadings(scope))];
  },
  logFields: () => ({}),
};

/** One reading slot: no GitHub token is needed, so it runs even while GitHub is unreachable. */
export const readingJob: JobDefinition<ReadingJob> = {
  queue: QUEUES.reading.name,
  retryLimit: QUEUES.reading.retryLimit,
  run: async (rt, data, log) => {
    const { outcome, followUps } = await readSlot({ db: rt.db, clock: rt.clock, log, signals: rt.signals }, data);
    log.debug({ outcome }, "reading slot processed");
    return followUps;
  },
  logFields: (data) => ({ installation: data.installationId, senseItem: data.senseItemId, slot: `${data.slot.kind}:${data.slot.at}` }),
  singletonKey: readingKey,
  // More readers than one unresponsive source may hold (its concurrency, 2 by default), so the others are still read.
  localConcurrency: 4,
  onDead: async (rt, data) => giveUpSlot({ db: rt.db, clock: rt.clock }, data),
};

export const sweepInstallationJob: JobDefinition<SweepInstallationJob> = {
  queue: QUEUES.sweepInstallation.name,
  retryLimit: QUEUES.sweepInstallation.retryLimit,
  run: async (rt, data, log) => {
    const result = await sweepInstallation(await scopeFor(rt, data.installationId, log), data.installationId, data.budget);
    return result === "inactive" ? [] : result.followUps;
  },
  logFields: (data) => ({ installation: data.installationId }),
  singletonKey: (data) => `${data.installationId}`,
};

export const dashboardJob: JobDefinition<DashboardJob> = {
  queue: QUEUES.dashboard.name,
  retryLimit: QUEUES.dashboard.retryLimit,
  run: async (rt, data, log) => {
    const outcome = await refreshDashboard(await scopeFor(rt, data.installationId, log), data.repositoryId);
    log.debug({ outcome }, "dashboard refreshed");
    return [];
  },
  logFields: (data) => ({ installation: data.installationId, repositoryId: data.repositoryId }),
  singletonKey: (data) => `${data.repositoryId}`,
};

export const reconcileJob: JobDefinition<ReconcileJob> = {
  queue: QUEUES.reconcile.name,
  retryLimit: QUEUES.reconcile.retryLimit,
  run: async (rt, data, log) => {
    await reconcileDeliveries({ db: rt.db, clock: rt.clock, log, app: appCalls(rt) }, { trigger: data.trigger, budget: data.budget ?? DEFAULT_REDELIVERY_BUDGET, trustSuccess: !data.viaProxy });
    return [];
  },
  logFields: (data) => ({ trigger: data.trigger }),
};

/** Delivery ids are kept this long to drop replays; then forgotten. */
export const DELIVERY_RETENTION_DAYS = 30;

export const maintenanceJob: JobDefinition<object> = {
  queue: QUEUES.maintenance.name,
  retryLimit: QUEUES.maintenance.retryLimit,
  run: async (rt, _data, log) => {
    const now = rt.clock.now().getTime();
    const removed = await pruneDeliveries(rt.db, new Date(now - DELIVERY_RETENTION_DAYS * 86_400_000));
    const calls = await pruneSourceCalls(rt.db, new Date(now - 86_400_000));
    // GitHub keeps three days of deliveries; an ask older than that can never be repeated.
    await pruneRedeliveryRequests(rt.db, new Date(now - 2 * REDELIVERY_WINDOW_MS));
    log.info({ removed, calls }, "old deliveries and source calls forgotten");
    return [];
  },
  logFields: () => ({}),
};

/** Every job a worker runs, by queue. */
export const JOB_DEFINITIONS: JobDefinition<never>[] = [deliveryJob, checkPrJob, shipJob, readingJob, senseIssueJob, sweepInstallationJob, dashboardJob, sweepJob, reconcileJob, maintenanceJob] as unknown as JobDefinition<never>[];
