import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { SenseState } from "../../domain/sense-state.js";
import type { Db } from "../client.js";
import { hypotheses, installations, repositories, senseItems } from "../schema/index.js";

export interface ReadingDueItem {
  id: number;
  installationId: number;
  state: SenseState;
  shippedAt: Date;
  dueAt: Date;
  signalQuery: string | null;
  readingEveryHours: number;
}

/**
 * Open loops whose next reading slot is due, soonest first, through the partial index on
 * `next_reading_at`: loops without a signal query (null) and closed ones cost nothing.
 */
export async function itemsDueForReading(db: Db, now: Date, limit: number): Promise<ReadingDueItem[]> {
  return db
    .select({
      id: senseItems.id,
      installationId: senseItems.installationId,
      state: senseItems.state,
      shippedAt: senseItems.shippedAt,
      dueAt: senseItems.dueAt,
      signalQuery: hypotheses.signalQuery,
      readingEveryHours: repositories.readingEveryHours,
    })
    .from(senseItems)
    .innerJoin(hypotheses, eq(hypotheses.id, senseItems.hypothesisId))
    .innerJoin(repositories, eq(repositories.id, senseItems.repositoryId))
    .leftJoin(installations, eq(installations.id, senseItems.installationId))
    .where(
      and(
        isNull(senseItems.respondedAt),
        isNull(senseItems.rolledBackAt),
        isNotNull(senseItems.nextReadingAt),
        lte(senseItems.nextReadingAt, now),
        sql`coalesce(${installations.active}, true)`,
        sql`not coalesce(${installations.suspended}, false)`,
      ),
    )
    .orderBy(asc(senseItems.nextReadingAt))
    .limit(limit);
}

/** When to look at an item's slots again; null stops looking (no signal query, or the loop closed). */
export async function setNextReadingAt(db: Db, senseItemId: number, at: Date | null): Promise<void> {
  await db.update(senseItems).set({ nextReadingAt: at }).where(eq(senseItems.id, senseItemId));
}

/**
 * A hypothesis gained or changed its signal query: its open loops are looked at by the next
 * sweep (their baseline, read at the ship's time, included).
 */
export async function scheduleReadingsOf(db: Db, hypothesisId: number, at: Date): Promise<number[]> {
  const rows = await db
    .update(senseItems)
    .set({ nextReadingAt: at })
    .where(and(eq(senseItems.hypothesisId, hypothesisId), isNull(senseItems.respondedAt), isNull(senseItems.rolledBackAt)))
    .returning({ id: senseItems.id });
  return rows.map((row) => row.id);
}

/** A due date moved: its slot is looked at when it comes, even when the next periodic slot is later. */
export async function readDueDateBy(db: Db, senseItemId: number, dueAt: Date): Promise<void> {
  await db
    .update(senseItems)
    .set({ nextReadingAt: sql`least(${senseItems.nextReadingAt}, ${dueAt.toISOString()}::timestamptz)` })
    .where(and(eq(senseItems.id, senseItemId), isNotNull(senseItems.nextReadingAt)));
}
