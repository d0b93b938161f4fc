import type { Queue } from "pg-boss";
import type { ShipEvent } from "../domain/ship-event.js";
import type { CheckRequest } from "../services/check-pull-request.js";
import type { ReadSlotRequest } from "../services/read-slot.js";

/**
 * Retries with exponential backoff from 15 s to 30 min, and a 30 s heartbeat: a job that was
 * active when its process died is picked up again within a minute, not after its expiry.
 */
const RETRYING = { retryLimit: 6, retryDelay: 15, retryBackoff: true, retryDelayMax: 1800, expireInSeconds: 900, heartbeatSeconds: 30 } as const;

/** Every pg-boss queue, with its policy; `createQueues` keeps the database in step with this. */
export const QUEUES = {
  /** One webhook delivery: parse, then run its handler. */
  delivery: { name: "delivery", policy: "standard", ...RETRYING },
  /** Evaluate one PR and write its check run. One queued and one active per PR: bursts collapse. */
  checkPr: { name: "check-pr", policy: "stately", ...RETRYING },
  /** Work out what one ship (deployment, release, merge) shipped. In arrival order per repository. */
  ship: { name: "ship", policy: "key_strict_fifo", ...RETRYING, expireInSeconds: 1800 },
  /** Open or update one sense issue and its comments. One queued and one active per sense item. */
  senseIssue: { name: "sense-issue", policy: "stately", ...RETRYING },
  /** The scheduled sweep: finds installations with overdue loops and queues one job each. */
  sweep: { name: "sweep", policy: "singleton", ...RETRYING, retryLimit: 2, retryDelay: 60, retryDelayMax: 300 },
  /** Reminders and escalations of one installation, within its write budget. */
  sweepInstallation: { name: "sweep-installation", policy: "stately", ...RETRYING, retryLimit: 4, retryDelay: 30, expireInSeconds: 1800 },
  /** Re-render one repository's dashboard issue; debounced: one waits, the rest are absorbed. */
  dashboard: { name: "dashboard", policy: "stately", ...RETRYING, retryLimit: 4, retryDelay: 30 },
  /** Missed webhook deliveries asked for again (cron, API, CLI, after a downtime). One running, one waiting. */
  reconcile: { name: "reconcile", policy: "stately", ...RETRYING, retryLimit: 3, retryDelay: 60, retryDelayMax: 900 },
  /**
   * Read one slot of one sense item's signal. One queued and one active per slot, so however many
   * sweeps or ships ask, a slot waits once. Its own retries (backoff, `Retry-After`) and its
   * parking at a source's limits are re-sends with a start time; these settings only cover
   * Senseloop's own errors. Short expiry: a read takes at most 10 s.
   */
  reading: { name: "reading", policy: "stately", ...RETRYING, retryLimit: 3, retryDelay: 30, expireInSeconds: 120 },
  /** Daily housekeeping: forget old deliveries and old source calls. */
  maintenance: { name: "maintenance", policy: "singleton", ...RETRYING, retryLimit: 2, retryDelay: 300, retryDelayMax: 3600 },
} as const satisfies Record<string, Queue>;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];

export interface DeliveryJob {
  deliveryId: string;
}

/** Check one PR (the service's own input). */
export type CheckPrJob = CheckRequest;

/**
 * A burst of checks of one PR collapses into one; a Re-run has a key of its own, so a check
 * already waiting (which may find nothing changed and write nothing) cannot absorb it.
 */
export const checkPrKey = (job: CheckPrJob) => `${job.repositoryId}:${job.number}${job.rerun ? ":rerun" : ""}`;

/** Work out one ship (the service's own input). */
export type ShipJob = ShipEvent;

export interface SenseIssueJob {
  senseItemId: number;
}

export type SweepJob = Record<string, never>;

export interface SweepInstallationJob {
  installationId: number;
  /** Most GitHub writes this run may make for the installation; the rest waits for the next run. */
  budget: number;
}

export interface ReconcileJob {
  /** What asked for the run: cron, api, cli or start-up. */
  trigger: string;
  /** Redeliveries the run may ask for; the service's default when absent. */
  budget?: number;
  /** GitHub delivers to a webhook proxy: its 2xx answers say nothing about Senseloop. */
  viaProxy?: boolean;
}

/** Read one slot (the service's own input). */
export type ReadingJob = ReadSlotRequest;

export interface DashboardJob {
  installationId: number;
  repositoryId: number;
}
