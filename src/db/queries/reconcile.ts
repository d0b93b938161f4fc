import { and, desc, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { deliveries, reconcileRuns, redeliveryRequests } from "../schema/index.js";

export type ReconcileRunRow = typeof reconcileRuns.$inferSelect;

/**
 * Where the last finished run left off: everything delivered before it was dealt with. The
 * latest run's point, not the latest point: a run over its budget moves it back.
 */
export async function lastReconciledThrough(db: Db): Promise<Date | null> {
  const row = (
    await db
      .select({ through: reconcileRuns.reconciledThrough })
      .from(reconcileRuns)
      .where(isNotNull(reconcileRuns.reconciledThrough))
      .orderBy(desc(reconcileRuns.startedAt), desc(reconcileRuns.id))
      .limit(1)
  )[0];
  return row?.through ?? null;
}

export async function startReconcileRun(db: Db, input: { trigger: string; startedAt: Date; since: Date }): Promise<number> {
  const [row] = await db.insert(reconcileRuns).values(input).returning({ id: reconcileRuns.id });
  return row!.id;
}

export interface RunFigures {
  listed: number;
  missing: number;
  redelivered: number;
  skipped: number;
}

export async function finishReconcileRun(db: Db, id: number, set: RunFigures & { finishedAt: Date; reconciledThrough: Date | null; error?: string | undefined }): Promise<void> {
  await db
    .update(reconcileRuns)
    .set({ ...set, error: set.error?.slice(0, 1000) ?? null })
    .where(eq(reconcileRuns.id, id));
}

/** The latest runs, newest first, for the status page. */
export async function recentReconcileRuns(db: Db, limit = 5): Promise<ReconcileRunRow[]> {
  return db.select().from(reconcileRuns).orderBy(desc(reconcileRuns.startedAt), desc(reconcileRuns.id)).limit(limit);
}

/** Which of these delivery guids Senseloop recorded (in whatever state: queued, done, ignored, dead). */
export async function recordedDeliveries(db: Db, guids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < guids.length; i += 500) {
    const chunk = guids.slice(i, i + 500);
    for (const row of await db.select({ id: deliveries.id }).from(deliveries).where(inArray(deliveries.id, chunk))) found.add(row.id);
  }
  return found;
}

/** A guid is asked for again only this long after the last ask, and at most this many times. */
export const REASK_AFTER_MS = 3_600_000;
export const MAX_ASKS = 3;

/**
 * Claims the right to ask GitHub for a redelivery of this guid: true for the one run (of any
 * replica) that may ask now. A guid asked for within the hour, or three times already, is not.
 */
export async function claimRedelivery(db: Db, input: { guid: string; deliveryId: number; event: string; action: string | null; installationId: number | null }, at: Date): Promise<boolean> {
  const claimed = await db
    .insert(redeliveryRequests)
    .values({ guid: input.guid, deliveryId: input.deliveryId, event: input.event, action: input.action, installationId: input.installationId, attempts: 1, requestedAt: at })
    .onConflictDoUpdate({
      target: redeliveryRequests.guid,
      set: { deliveryId: input.deliveryId, attempts: sql`${redeliveryRequests.attempts} + 1`, requestedAt: at, outcome: null },
      setWhere: and(lt(redeliveryRequests.requestedAt, new Date(at.getTime() - REASK_AFTER_MS)), lt(redeliveryRequests.attempts, MAX_ASKS)),
    })
    .returning({ guid: redeliveryRequests.guid });
  return claimed.length > 0;
}

export async function settleRedelivery(db: Db, guid: string, outcome: string): Promise<void> {
  await db.update(redeliveryRequests).set({ outcome: outcome.slice(0, 500) }).where(eq(redeliveryRequests.guid, guid));
}

/** The ask did not reach GitHub (a server error, a rate limit): the next run may ask at once. */
export async function releaseRedelivery(db: Db, guid: string, at: Date): Promise<void> {
  await db
    .update(redeliveryRequests)
    .set({ requestedAt: new Date(at.getTime() - REASK_AFTER_MS - 1), attempts: sql`greatest(${redeliveryRequests.attempts} - 1, 0)` })
    .where(eq(redeliveryRequests.guid, guid));
}

/** Forgets requests of deliveries GitHub no longer keeps. */
export async function pruneRedeliveryRequests(db: Db, before: Date): Promise<void> {
  await db.delete(redeliveryRequests).where(lt(redeliveryRequests.requestedAt, before));
}
