import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { installations, repositories, webAccessRepositories, webAccessSnapshots } from "../schema/index.js";

/** A repository the person may see, as the web pages need it. */
export interface VisibleRepository {
  id: number;
  installationId: number;
  owner: string;
  name: string;
  private: boolean;
  graceDays: number;
  hypothesisLabel: string;
}

export async function accessFetchedAt(db: Db, userId: number): Promise<Date | undefined> {
  return (await db.select({ at: webAccessSnapshots.fetchedAt }).from(webAccessSnapshots).where(eq(webAccessSnapshots.userId, userId)).limit(1))[0]?.at;
}

/**
 * What GitHub last said the person can reach, narrowed to what Senseloop knows and still serves:
 * repositories not removed from their installation, of installations neither removed nor
 * suspended. So an uninstall or a removed repository takes effect at once, whatever the cache holds.
 */
export async function cachedVisibleRepositories(db: Db, userId: number): Promise<VisibleRepository[]> {
  return db
    .select({
      id: repositories.id,
      installationId: repositories.installationId,
      owner: repositories.owner,
      name: repositories.name,
      private: repositories.private,
      graceDays: repositories.graceDays,
      hypothesisLabel: repositories.hypothesisLabel,
    })
    .from(webAccessRepositories)
    .innerJoin(repositories, and(eq(repositories.id, webAccessRepositories.repositoryId), eq(repositories.installationId, webAccessRepositories.installationId)))
    .innerJoin(installations, eq(installations.id, repositories.installationId))
    .where(and(eq(webAccessRepositories.userId, userId), isNull(repositories.removedAt), eq(installations.active, true), eq(installations.suspended, false)))
    .orderBy(asc(repositories.fullNameKey));
}

/** Replaces the person's cached access with what GitHub just said, in one transaction. */
export async function replaceAccess(db: Db, userId: number, rows: { repositoryId: number; installationId: number }[], at: Date): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(webAccessRepositories).where(eq(webAccessRepositories.userId, userId));
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.insert(webAccessRepositories).values(rows.slice(i, i + 1000).map((row) => ({ userId, ...row }))).onConflictDoNothing();
    }
    await tx.insert(webAccessSnapshots).values({ userId, fetchedAt: at }).onConflictDoUpdate({ target: webAccessSnapshots.userId, set: { fetchedAt: at } });
  });
}

/** Marks cached access stale, so the next request asks GitHub again. */
export async function dropAccess(db: Db, which: { userIds: number[] } | { installationId: number } | { all: true }): Promise<number> {
  let deleted: { userId: number }[];
  if ("all" in which) {
    deleted = await db.delete(webAccessSnapshots).returning({ userId: webAccessSnapshots.userId });
  } else if ("installationId" in which) {
    const holders = db.selectDistinct({ userId: webAccessRepositories.userId }).from(webAccessRepositories).where(eq(webAccessRepositories.installationId, which.installationId));
    deleted = await db.delete(webAccessSnapshots).where(inArray(webAccessSnapshots.userId, holders)).returning({ userId: webAccessSnapshots.userId });
  } else {
    if (which.userIds.length === 0) return 0;
    deleted = await db.delete(webAccessSnapshots).where(inArray(webAccessSnapshots.userId, which.userIds)).returning({ userId: webAccessSnapshots.userId });
  }
  return deleted.length;
}

/** Forgets a person's access entirely (they were signed out for good). */
export async function forgetAccess(db: Db, userId: number): Promise<void> {
  await db.delete(webAccessRepositories).where(eq(webAccessRepositories.userId, userId));
  await db.delete(webAccessSnapshots).where(eq(webAccessSnapshots.userId, userId));
}

/** Which of these GitHub repository ids Senseloop knows, with their installation. */
export async function knownRepositories(db: Db, ids: number[]): Promise<{ id: number; installationId: number }[]> {
  if (ids.length === 0) return [];
  return db.select({ id: repositories.id, installationId: repositories.installationId }).from(repositories).where(sql`${repositories.id} = any(${`{${ids.join(",")}}`}::bigint[])`);
}
