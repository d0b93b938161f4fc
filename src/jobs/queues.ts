import type { Queue } from "pg-boss";

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
  /** Daily housekeeping: forget old deliveries. */
  maintenance: { name: "maintenance", policy: "singleton", ...RETRYING, retryLimit: 2, retryDelay: 300, retryDelayMax: 3600 },
} as const satisfies Record<string, Queue>;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES]["name"];

export interface DeliveryJob {
  deliveryId: string;
}

export interface CheckPrJob {
  installationId: number;
  repositoryId: number;
  number: number;
  /** A line to show in the check summary, e.g. why a requested action was refused. */
  notice?: string;
}

export type ShipSource = "deployment" | "release" | "merge";

export interface ShipJob {
  installationId: number;
  repositoryId: number;
  source: ShipSource;
  /** The deployment id, release id or PR number. */
  sourceRef: string;
  /** The deployment's environment; releases and merges ship to the configured `ship.environment`. */
  environment: string | null;
  /** The commit that shipped; null for a release until its tag is resolved. */
  sha: string | null;
  tag?: string;
  /** When it shipped (ISO). */
  shippedAt: string;
  url: string | null;
  /** How to name the ship in comments: "deployment 123", "release v2.0.0", "the merge of #7". */
  label: string;
}

export interface SenseIssueJob {
  senseItemId: number;
}

export interface SweepJob {
  /** Plan and print only: no GitHub write, no database change. */
  dryRun?: boolean;
}

export interface SweepInstallationJob {
  installationId: number;
  /** Most GitHub writes this run may make for the installation; the rest waits for the next run. */
  budget: number;
}

export interface DashboardJob {
  installationId: number;
  repositoryId: number;
}
