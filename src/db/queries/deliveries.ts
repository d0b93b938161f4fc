import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { deliveries } from "../schema/index.js";
import { visibleDelivery, type StatusScope } from "./status.js";

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;

/** Inserts the deliveries whose ids are new; returns the ids it inserted. */
export async function insertDeliveries(db: Db, rows: NewDelivery[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(deliveries).values(rows).onConflictDoNothing({ target: deliveries.id }).returning({ id: deliveries.id });
  return inserted.map((row) => row.id);
}

/** A known id posted again: one more duplicate for each time it appears in `ids`. */
export async function countDuplicates(db: Db, ids: string[]): Promise<void> {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const [id, n] of counts) {
    await db
      .update(deliveries)
      .set({ duplicates: sql`${deliveries.duplicates} + ${n}` })
      .where(eq(deliveries.id, id));
  }
}

export async function getDelivery(db: Db, id: string): Promise<DeliveryRow | undefined> {
  return (await db.select().from(deliveries).where(eq(deliveries.id, id)).limit(1))[0];
}

export async function startDeliveryAttempt(db: Db, id: string): Promise<void> {
  await db
    .update(deliveries)
    .set({ attempts: sql`${deliveries.attempts} + 1` })
    .where(eq(deliveries.id, id));
}

/** Ends a delivery: done, ignored or dead. Its payload is dropped; the row stays for dedupe. */
export async function finishDelivery(db: Db, id: string, status: "done" | "dead" | "ignored", at: Date, reason?: string, options: { onlyQueued?: boolean } = {}): Promise<void> {
  await db
    .update(deliveries)
    .set({ status, finishedAt: at, payload: null, ...(reason ? { reason: reason.slice(0, 1000) } : {}) })
    .where(options.onlyQueued ? and(eq(deliveries.id, id), eq(deliveries.status, "queued")) : eq(deliveries.id, id));
}

export interface DeliveryCount {
  status: string;
  reason: string | null;
  count: number;
}

/** Deliveries by status and reason since a moment: how many were ignored, and why. */
export async function countDeliveries(db: Db, since: Date, visible?: StatusScope): Promise<DeliveryCount[]> {
  return db
    .select({ status: deliveries.status, reason: deliveries.reason, count: sql<number>`count(*)::int` })
    .from(deliveries)
    // Through the column, so the Date is encoded by its driver mapping: a raw sql`` Date fails on postgres.js.
    .where(and(gte(deliveries.receivedAt, since), visibleDelivery(visible)))
    .groupBy(deliveries.status, deliveries.reason)
    .orderBy(deliveries.status, deliveries.reason);
}

/** Forgets finished deliveries older than `before`; their ids no longer need deduplicating. */
export async function pruneDeliveries(db: Db, before: Date): Promise<number> {
  const removed = await db
    .delete(deliveries)
    .where(and(lt(deliveries.receivedAt, before), sql`${deliveries.status} <> 'queued'`))
    .returning({ id: deliveries.id });
  return removed.length;
}
