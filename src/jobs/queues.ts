import type { Queue } from "pg-boss";

/**
 * Every pg-boss queue, with its retry and expiry policy. A job that is active when its process
 * dies is reclaimed after its heartbeat stops (30 s), not after the 15-minute default expiry.
 */
export const QUEUES = {
  /** One webhook delivery: parse, then run its handler. */
  delivery: {
    name: "delivery",
    policy: "standard",
    retryLimit: 6,
    retryDelay: 15,
    retryBackoff: true,
    retryDelayMax: 1800,
    expireInSeconds: 900,
    heartbeatSeconds: 30,
  },
  /** Evaluate one PR and write its check run. One queued and one active per PR: bursts collapse. */
  checkPr: {
    name: "check-pr",
    policy: "stately",
    retryLimit: 6,
    retryDelay: 15,
    retryBackoff: true,
    retryDelayMax: 1800,
    expireInSeconds: 900,
    heartbeatSeconds: 30,
  },
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
