import { and, eq, gte, lt, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { deliveries } from "../schema/index.js";
import { visibleDelivery, type StatusScope } from "./status.js";

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;

/** Inserts a delivery unless its id is known; a known id only counts as one more duplicate. */
export async function insertDelivery(db: Db, row: NewDelivery): Promise<"inserted" | "duplicate"> {
  const inserted = await db.insert(deliveries).values(row).onConflictDoNothing({ target: deliveries.id }).returning({ id: deliveries.id });
  if (inserted.length > 0) return "inserted";
  await db
    .update(deliveries)
    .set({ duplicates: sql`${deliveries.duplicates} + 1` })
    .where(eq(deliveries.id, row.id));
  return "duplicate";
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
