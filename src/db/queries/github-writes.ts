import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { Db } from "../client.js";
import { githubWrites } from "../schema/index.js";

export type GitHubWriteRow = typeof githubWrites.$inferSelect;

/** Inserts a key as pending under a lease; false when the key already exists. */
export async function insertPendingWrite(db: Db, key: string, leaseUntil: Date, at: Date): Promise<boolean> {
  const inserted = await db
    .insert(githubWrites)
    .values({ key, status: "pending", leaseUntil, attempts: 1, createdAt: at, updatedAt: at })
    .onConflictDoNothing()
    .returning({ key: githubWrites.key });
  return inserted.length > 0;
}

export async function getWrite(db: Db, key: string): Promise<GitHubWriteRow | undefined> {
  return (await db.select().from(githubWrites).where(eq(githubWrites.key, key)).limit(1))[0];
}

/**
 * Takes the lease of a pending key whose lease is free or expired; false when another worker
 * holds it.
 */
export async function takeWriteLease(db: Db, key: string, leaseUntil: Date, at: Date, attempts: number): Promise<boolean> {
  const taken = await db
    .update(githubWrites)
    .set({ leaseUntil, updatedAt: at, attempts })
    .where(and(eq(githubWrites.key, key), eq(githubWrites.status, "pending"), or(isNull(githubWrites.leaseUntil), lt(githubWrites.leaseUntil, at))))
    .returning({ key: githubWrites.key });
  return taken.length > 0;
}

export async function finishWrite(db: Db, key: string, set: { status: "done" | "refused"; result?: string | null; reason?: string | null }, at: Date): Promise<void> {
  await db
    .insert(githubWrites)
    .values({ key, status: set.status, result: set.result ?? null, reason: set.reason ?? null, leaseUntil: null, attempts: 1, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: githubWrites.key, set: { status: set.status, result: set.result ?? null, reason: set.reason ?? null, leaseUntil: null, updatedAt: at } });
}

export async function deletePendingWrite(db: Db, key: string): Promise<void> {
  await db.delete(githubWrites).where(and(eq(githubWrites.key, key), eq(githubWrites.status, "pending")));
}

export async function releaseWriteLease(db: Db, key: string, at: Date): Promise<void> {
  await db.update(githubWrites).set({ leaseUntil: null, updatedAt: at }).where(eq(githubWrites.key, key));
}

/** A done key whose result is gone (its issue deleted): pending again, under a new lease. */
export async function reopenWrite(db: Db, key: string, leaseUntil: Date, at: Date): Promise<void> {
  await db
    .insert(githubWrites)
    .values({ key, status: "pending", leaseUntil, attempts: 1, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: githubWrites.key, set: { status: "pending", result: null, leaseUntil, updatedAt: at } });
}
