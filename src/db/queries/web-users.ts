import { eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { webUsers, webUserTokens } from "../schema/index.js";

export type WebUserRow = typeof webUsers.$inferSelect;
export type UserTokenRow = typeof webUserTokens.$inferSelect;

export async function upsertWebUser(db: Db, user: { id: number; login: string; name: string | null }, at: Date): Promise<void> {
  await db
    .insert(webUsers)
    .values({ ...user, signedInAt: at, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({ target: webUsers.id, set: { login: user.login, name: user.name, signedInAt: at, updatedAt: at } });
}

export async function getWebUser(db: Db, id: number): Promise<WebUserRow | undefined> {
  return (await db.select().from(webUsers).where(eq(webUsers.id, id)).limit(1))[0];
}

/** Stores a person's (already sealed) token pair, replacing the one held. */
export async function saveUserTokens(db: Db, row: UserTokenRow): Promise<void> {
  await db.insert(webUserTokens).values(row).onConflictDoUpdate({ target: webUserTokens.userId, set: row });
}

export async function getUserTokens(db: Db, userId: number): Promise<UserTokenRow | undefined> {
  return (await db.select().from(webUserTokens).where(eq(webUserTokens.userId, userId)).limit(1))[0];
}

/**
 * The token row, locked until the transaction ends: the one request that refreshes holds it, and
 * any other waits and then finds the new pair instead of spending the refresh token again.
 */
export async function lockUserTokens(tx: Db, userId: number): Promise<UserTokenRow | undefined> {
  return (await tx.select().from(webUserTokens).where(eq(webUserTokens.userId, userId)).for("update"))[0];
}

export async function deleteUserTokens(db: Db, userId: number): Promise<void> {
  await db.delete(webUserTokens).where(eq(webUserTokens.userId, userId));
}

/** The people whose tokens are stored, by GitHub id; for revocations that name a login only. */
export async function webUserIdsByLogin(db: Db, login: string): Promise<number[]> {
  return (await db.select({ id: webUsers.id }).from(webUsers).where(sql`lower(${webUsers.login}) = ${login.toLowerCase()}`)).map((row) => row.id);
}
