import { and, asc, desc, eq, inArray, isNull, lt, ne, or, sql } from "drizzle-orm";
import type { StoredSlot } from "../../domain/reading-summary.js";
import type { ReadingSlot } from "../../domain/reading-slots.js";
import type { Db } from "../client.js";
import { senseItems, senseReadings } from "../schema/index.js";

export type SenseReadingRow = typeof senseReadings.$inferSelect;
export type ItemSlot = StoredSlot & { senseItemId: number };

const slotColumns = {
  senseItemId: senseReadings.senseItemId,
  slotKind: senseReadings.slotKind,
  slotKey: senseReadings.slotKey,
  slotAt: senseReadings.slotAt,
  status: senseReadings.status,
  value: senseReadings.value,
  unit: senseReadings.unit,
  at: senseReadings.at,
  reason: senseReadings.reason,
  source: senseReadings.source,
};

/**
 * The slots that decide what items' readings amount to (`readingsSoFar`), in three bounded
 * reads however long the items have been sensed: baselines and due-date slots, the newest
 * settled later slot of each item, and the newest later reading of each.
 */
export async function slotSummaries(db: Db, senseItemIds: readonly number[]): Promise<Map<number, ItemSlot[]>> {
  const out = new Map<number, ItemSlot[]>();
  if (senseItemIds.length === 0) return out;
  const ids = [...senseItemIds];
  const anchors = await db.select(slotColumns).from(senseReadings).where(and(inArray(senseReadings.senseItemId, ids), inArray(senseReadings.slotKind, ["baseline", "due"])));
  const later = and(inArray(senseReadings.senseItemId, ids), ne(senseReadings.slotKind, "baseline"));
  const newestSettled = await db
    .selectDistinctOn([senseReadings.senseItemId], slotColumns)
    .from(senseReadings)
    .where(and(later, ne(senseReadings.status, "pending")))
    .orderBy(senseReadings.senseItemId, desc(senseReadings.slotAt));
  const newestRead = await db
    .selectDistinctOn([senseReadings.senseItemId], slotColumns)
    .from(senseReadings)
    .where(and(later, eq(senseReadings.status, "read")))
    .orderBy(senseReadings.senseItemId, desc(senseReadings.slotAt));
  for (const row of [...anchors, ...newestSettled, ...newestRead]) {
    const slots = out.get(row.senseItemId) ?? [];
    if (!slots.some((slot) => slot.slotKey === row.slotKey)) slots.push(row);
    out.set(row.senseItemId, slots);
  }
  return out;
}

/**
 * Which of these slots are taken: read, failed, or pending under a job that is still on it. A
 * pending slot untouched since `staleBefore` lost its job (a crash between retries) and is
 * offered again. The slot keys taken, by item.
 */
export async function takenSlots(db: Db, senseItemIds: readonly number[], slotKeys: readonly string[], staleBefore: Date): Promise<Map<number, Set<string>>> {
  const taken = new Map<number, Set<string>>();
  if (senseItemIds.length === 0 || slotKeys.length === 0) return taken;
  const rows = await db
    .select({ senseItemId: senseReadings.senseItemId, slotKey: senseReadings.slotKey })
    .from(senseReadings)
    .where(and(inArray(senseReadings.senseItemId, [...senseItemIds]), inArray(senseReadings.slotKey, [...new Set(slotKeys)]), or(ne(senseReadings.status, "pending"), sql`${senseReadings.updatedAt} >= ${staleBefore.toISOString()}::timestamptz`)));
  for (const row of rows) taken.set(row.senseItemId, (taken.get(row.senseItemId) ?? new Set()).add(row.slotKey));
  return taken;
}

export async function getSlot(db: Db, senseItemId: number, slotKey: string): Promise<SenseReadingRow | undefined> {
  return (await db.select().from(senseReadings).where(and(eq(senseReadings.senseItemId, senseItemId), eq(senseReadings.slotKey, slotKey))).limit(1))[0];
}

/**
 * Takes a slot to read it: a new one, or a pending one whose lease is free or ran out. Undefined
 * when it is settled or another job holds it; either way this job must not call the source.
 */
export async function claimSlot(db: Db, input: { senseItemId: number; slot: ReadingSlot; slotKey: string; source: string; query: string; now: Date; leaseUntil: Date }): Promise<SenseReadingRow | undefined> {
  const { now, leaseUntil } = input;
  const [row] = await db
    .insert(senseReadings)
    .values({ senseItemId: input.senseItemId, slotKind: input.slot.kind, slotKey: input.slotKey, slotAt: input.slot.at, status: "pending", source: input.source, query: input.query, leaseUntil, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [senseReadings.senseItemId, senseReadings.slotKey],
      set: { source: input.source, query: input.query, leaseUntil, updatedAt: now },
      setWhere: and(eq(senseReadings.status, "pending"), or(isNull(senseReadings.leaseUntil), lt(senseReadings.leaseUntil, now))),
    })
    .returning();
  return row;
}

export type SlotOutcome =
  | { status: "read"; value: number; unit: string | null; at: Date }
  | { status: "failed"; failure: string; reason: string }
  /** A transient failure with retries left: kept pending, its lease freed, the failure noted. */
  | { status: "pending"; failure: string; reason: string }
  /** Parked before any call (a source limit): only the lease is freed. */
  | { status: "released" };

/** Records what became of a claimed slot; `called` counts a call made to the source. */
export async function settleSlot(db: Db, id: number, outcome: SlotOutcome, called: boolean, at: Date): Promise<void> {
  const attempts = called ? sql`${senseReadings.attempts} + 1` : senseReadings.attempts;
  const common = { leaseUntil: null, updatedAt: at, attempts };
  switch (outcome.status) {
    case "read":
      await db.update(senseReadings).set({ ...common, status: "read", value: outcome.value, unit: outcome.unit, at: outcome.at, failure: null, reason: null }).where(eq(senseReadings.id, id));
      return;
    case "failed":
    case "pending":
      await db.update(senseReadings).set({ ...common, status: outcome.status, failure: outcome.failure, reason: outcome.reason }).where(eq(senseReadings.id, id));
      return;
    case "released":
      await db.update(senseReadings).set(common).where(eq(senseReadings.id, id));
  }
}

/** Records a slot as failed without reading it (a bad query line, or a job given up on). */
export async function failSlot(db: Db, input: { senseItemId: number; slot: ReadingSlot; slotKey: string; source: string | null; query: string | null; failure: string; reason: string; now: Date }): Promise<void> {
  const { now } = input;
  // A slot given up on keeps the source and query it was being read with.
  const values = { status: "failed" as const, ...(input.source !== null ? { source: input.source, query: input.query } : {}), failure: input.failure, reason: input.reason, leaseUntil: null, updatedAt: now };
  await db
    .insert(senseReadings)
    .values({ ...values, senseItemId: input.senseItemId, slotKind: input.slot.kind, slotKey: input.slotKey, slotAt: input.slot.at, createdAt: now })
    .onConflictDoUpdate({ target: [senseReadings.senseItemId, senseReadings.slotKey], set: values, setWhere: eq(senseReadings.status, "pending") });
}

export interface SeriesPoint {
  senseItemId: number;
  slotKind: ReadingSlot["kind"];
  at: Date;
  value: number;
  unit: string | null;
}

/**
 * Every number read for the loops of these repositories (optionally only these items), oldest
 * first: what the web dashboard draws its sparklines from. A repository the caller may not see
 * is never read, so a route cannot forget the check.
 */
export async function readingSeries(db: Db, params: { repositoryIds: readonly number[]; senseItemIds?: readonly number[] }): Promise<SeriesPoint[]> {
  if (params.repositoryIds.length === 0 || params.senseItemIds?.length === 0) return [];
  const rows = await db
    .select({ senseItemId: senseReadings.senseItemId, slotKind: senseReadings.slotKind, at: senseReadings.at, slotAt: senseReadings.slotAt, value: senseReadings.value, unit: senseReadings.unit })
    .from(senseReadings)
    .innerJoin(senseItems, eq(senseItems.id, senseReadings.senseItemId))
    .where(and(inArray(senseItems.repositoryId, [...params.repositoryIds]), eq(senseReadings.status, "read"), params.senseItemIds ? inArray(senseReadings.senseItemId, [...params.senseItemIds]) : undefined))
    .orderBy(asc(senseReadings.senseItemId), asc(senseReadings.slotAt));
  return rows.map((row) => ({ senseItemId: row.senseItemId, slotKind: row.slotKind, at: row.at ?? row.slotAt, value: row.value!, unit: row.unit }));
}
