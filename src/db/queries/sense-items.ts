import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { SenseState } from "../../domain/sense-state.js";
import type { Db } from "../client.js";
import { senseItemPullRequests, senseItems } from "../schema/index.js";

export type SenseItemRow = typeof senseItems.$inferSelect;
export type SenseItemPullRequestRow = typeof senseItemPullRequests.$inferSelect;

export async function getSenseItem(db: Db, id: number): Promise<SenseItemRow | undefined> {
  return (await db.select().from(senseItems).where(eq(senseItems.id, id)).limit(1))[0];
}

export async function findSenseItem(db: Db, hypothesisId: number, environment: string): Promise<SenseItemRow | undefined> {
  return (
    await db
      .select()
      .from(senseItems)
      .where(and(eq(senseItems.hypothesisId, hypothesisId), eq(senseItems.environment, environment)))
      .limit(1)
  )[0];
}

/** The sense item whose issue this is, if it is one of ours. */
export async function findSenseItemByIssue(db: Db, repositoryId: number, issueNumber: number): Promise<SenseItemRow | undefined> {
  return (
    await db
      .select()
      .from(senseItems)
      .where(and(eq(senseItems.repositoryId, repositoryId), eq(senseItems.issueNumber, issueNumber)))
      .limit(1)
  )[0];
}

/** Creates the item for (hypothesis, environment) unless it exists; returns it and whether it is new. */
export async function claimSenseItem(db: Db, item: typeof senseItems.$inferInsert): Promise<{ item: SenseItemRow; created: boolean }> {
  const inserted = await db.insert(senseItems).values(item).onConflictDoNothing().returning();
  if (inserted[0]) return { item: inserted[0], created: true };
  return { item: (await findSenseItem(db, item.hypothesisId, item.environment))!, created: false };
}

/** Fields of an item other than its state, which only `moveSenseItem` changes. */
export type SenseItemFields = Partial<Omit<SenseItemRow, "id" | "state" | "createdAt" | "updatedAt">>;

export async function updateSenseItem(db: Db, id: number, set: SenseItemFields, at: Date): Promise<void> {
  await db
    .update(senseItems)
    .set({ ...set, updatedAt: at })
    .where(eq(senseItems.id, id));
}

/**
 * A move the state machine decided: applied only if the item is still in the state the decision
 * was made from, so two jobs deciding at once cannot both move it. False when it was not.
 */
export async function moveSenseItem(db: Db, id: number, move: { from: SenseState; to: SenseState | undefined }, set: SenseItemFields, at: Date): Promise<boolean> {
  const moved = await db
    .update(senseItems)
    .set({ ...set, ...(move.to ? { state: move.to } : {}), updatedAt: at })
    .where(and(eq(senseItems.id, id), eq(senseItems.state, move.from)))
    .returning({ id: senseItems.id });
  return moved.length > 0;
}

/** A hypothesis's loops that are still open (not responded, not rolled back). */
export async function openSenseItemIdsOf(db: Db, hypothesisId: number): Promise<number[]> {
  const rows = await db
    .select({ id: senseItems.id })
    .from(senseItems)
    .where(and(eq(senseItems.hypothesisId, hypothesisId), isNull(senseItems.respondedAt), isNull(senseItems.rolledBackAt)))
    .orderBy(asc(senseItems.id));
  return rows.map((row) => row.id);
}

export async function senseItemPullRequestsOf(db: Db, senseItemId: number): Promise<SenseItemPullRequestRow[]> {
  return db.select().from(senseItemPullRequests).where(eq(senseItemPullRequests.senseItemId, senseItemId)).orderBy(asc(senseItemPullRequests.shipId), asc(senseItemPullRequests.prNumber));
}

/** Marks PRs of a repository as gone from an environment; returns the sense items they belong to. */
export async function markPullRequestsLeft(db: Db, repositoryId: number, prNumbers: number[], environment: string): Promise<number[]> {
  if (prNumbers.length === 0) return [];
  const itemIds = (
    await db
      .select({ id: senseItems.id })
      .from(senseItems)
      .innerJoin(senseItemPullRequests, eq(senseItemPullRequests.senseItemId, senseItems.id))
      .where(and(eq(senseItems.environment, environment), eq(senseItemPullRequests.repositoryId, repositoryId), inArray(senseItemPullRequests.prNumber, prNumbers)))
  ).map((row) => row.id);
  const unique = [...new Set(itemIds)];
  if (unique.length === 0) return [];
  await db
    .update(senseItemPullRequests)
    .set({ left: true })
    .where(and(inArray(senseItemPullRequests.senseItemId, unique), eq(senseItemPullRequests.repositoryId, repositoryId), inArray(senseItemPullRequests.prNumber, prNumbers)));
  return unique;
}

/**
 * Lists PRs on an item. New ones are inserted; ones that had left the environment and ship again
 * are revived. Returns both: the PRs this ship adds.
 */
export async function shipSenseItemPullRequests(db: Db, rows: (typeof senseItemPullRequests.$inferInsert)[]): Promise<SenseItemPullRequestRow[]> {
  if (rows.length === 0) return [];
  return db
    .insert(senseItemPullRequests)
    .values(rows)
    .onConflictDoUpdate({
      target: [senseItemPullRequests.senseItemId, senseItemPullRequests.repositoryId, senseItemPullRequests.prNumber],
      set: { left: false, shipId: sql`excluded.ship_id`, addedAt: sql`excluded.added_at` },
      setWhere: sql`${senseItemPullRequests.left} = true`,
    })
    .returning();
}
