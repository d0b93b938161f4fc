import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.js";
import { commitPullRequests, environments, ships } from "../schema/index.js";

export type ShipRow = typeof ships.$inferSelect;
export type NewShip = typeof ships.$inferInsert;

/** The ship for this source event, created unless it exists: redeliveries find the same row. */
export async function claimShip(db: Db, ship: NewShip): Promise<ShipRow> {
  const inserted = await db.insert(ships).values(ship).onConflictDoNothing().returning();
  if (inserted[0]) return inserted[0];
  return (
    await db
      .select()
      .from(ships)
      .where(and(eq(ships.repositoryId, ship.repositoryId), eq(ships.environment, ship.environment), eq(ships.source, ship.source), eq(ships.sourceRef, ship.sourceRef)))
      .limit(1)
  )[0]!;
}


export async function finishShip(db: Db, id: number, set: { kind: string; sha?: string; baseSha?: string | null; commitCount?: number | null; prNumbers?: number[] }, at: Date): Promise<void> {
  await db
    .update(ships)
    .set({ ...set, processedAt: at })
    .where(eq(ships.id, id));
}

export async function getLiveSha(db: Db, repositoryId: number, environment: string): Promise<string | undefined> {
  return (await db.select({ sha: environments.liveSha }).from(environments).where(and(eq(environments.repositoryId, repositoryId), eq(environments.name, environment))).limit(1))[0]?.sha;
}

export async function setLiveSha(db: Db, repositoryId: number, environment: string, sha: string, since: Date, at: Date): Promise<void> {
  await db
    .insert(environments)
    .values({ repositoryId, name: environment, liveSha: sha, liveSince: since, updatedAt: at })
    .onConflictDoUpdate({ target: [environments.repositoryId, environments.name], set: { liveSha: sha, liveSince: since, updatedAt: at } });
}

export async function cachedCommitPullRequests(db: Db, repositoryId: number, shas: string[]): Promise<Map<string, number[]>> {
  const out = new Map<string, number[]>();
  for (let i = 0; i < shas.length; i += 500) {
    const rows = await db
      .select({ sha: commitPullRequests.sha, prNumbers: commitPullRequests.prNumbers })
      .from(commitPullRequests)
      .where(and(eq(commitPullRequests.repositoryId, repositoryId), inArray(commitPullRequests.sha, shas.slice(i, i + 500))));
    for (const row of rows) out.set(row.sha, row.prNumbers);
  }
  return out;
}

export async function cacheCommitPullRequests(db: Db, repositoryId: number, sha: string, prNumbers: number[], at: Date): Promise<void> {
  await db.insert(commitPullRequests).values({ repositoryId, sha, prNumbers, fetchedAt: at }).onConflictDoNothing();
}

export async function shipsByIds(db: Db, ids: number[]): Promise<ShipRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(ships).where(inArray(ships.id, ids));
}

/** The ship of these repositories into an environment at a moment (the one that rolled work back). */
export async function shipAt(db: Db, repositoryIds: number[], environment: string, at: Date): Promise<ShipRow | undefined> {
  if (repositoryIds.length === 0) return undefined;
  return (
    await db
      .select()
      .from(ships)
      .where(and(inArray(ships.repositoryId, repositoryIds), eq(ships.environment, environment), eq(ships.shippedAt, at)))
      .orderBy(asc(ships.id))
      .limit(1)
  )[0];
}
