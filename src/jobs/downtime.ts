import type { PgBoss } from "pg-boss";
import type { Logger } from "probot";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import { beat, lastSeen } from "../db/queries/heartbeats.js";
import { QUEUES, type ReconcileJob } from "./queues.js";

/** The heartbeat every process that receives webhooks keeps. */
export const RECEIVER_HEARTBEAT = "webhook-receiver";
export const HEARTBEAT_INTERVAL_MS = 15_000;
/** Longer than this without a receiver, and GitHub may have given up on deliveries: reconcile. */
export const DOWNTIME_THRESHOLD_MS = 60_000;
/** The catch-up waits this long, so the server is surely listening when redeliveries come. */
export const CATCH_UP_DELAY_MS = 10_000;

export interface DowntimeWatch {
  /** How long no receiver was seen before this start, or null on the very first start. */
  downForMs: number | null;
  /** Whether a reconcile was queued for it. */
  catchUp: boolean;
  stop(): void;
}

/**
 * At start-up of a process that receives webhooks: if none was seen for over a minute, GitHub's
 * deliveries of that time failed, so a reconcile is queued now rather than at its daily slot.
 * Then the heartbeat is kept while the process runs. On PostgreSQL several replicas share it:
 * one that restarts while others run sees a fresh beat and queues nothing.
 */
export async function watchDowntime(rt: { db: Db; boss: PgBoss; clock: Clock; log: Logger }, options: { viaProxy: boolean; intervalMs?: number }): Promise<DowntimeWatch> {
  const now = rt.clock.now();
  const seen = await lastSeen(rt.db, RECEIVER_HEARTBEAT);
  const downForMs = seen ? now.getTime() - seen.getTime() : null;
  const catchUp = downForMs !== null && downForMs > DOWNTIME_THRESHOLD_MS;
  if (catchUp) {
    const job: ReconcileJob = { trigger: "start-up", viaProxy: options.viaProxy };
    await rt.boss.send(QUEUES.reconcile.name, job, { startAfter: new Date(now.getTime() + CATCH_UP_DELAY_MS) });
    rt.log.info({ downSeconds: Math.round(downForMs / 1000), since: seen!.toISOString() }, "no process received webhooks for a while: missed deliveries will be reconciled shortly");
  }
  await beat(rt.db, RECEIVER_HEARTBEAT, now);
  const timer = setInterval(() => {
    beat(rt.db, RECEIVER_HEARTBEAT, rt.clock.now()).catch((err: unknown) => rt.log.debug({ err }, "heartbeat not written"));
  }, options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  timer.unref();
  return { downForMs, catchUp, stop: () => clearInterval(timer) };
}
