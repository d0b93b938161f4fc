import { and, desc, eq, gt } from "drizzle-orm";
import type { Db } from "../client.js";
import { webSessions, webUsers } from "../schema/index.js";

export type WebSessionRow = typeof webSessions.$inferSelect;

export interface ActiveSession {
  idHash: string;
  kind: string;
  lastSeenAt: Date;
  expiresAt: Date;
  user: { id: number; login: string; name: string | null };
}

export async function insertSession(db: Db, row: WebSessionRow): Promise<void> {
  await db.insert(webSessions).values(row);
}

/** A session that has not expired, with its person. */
export async function findActiveSession(db: Db, idHash: string, now: Date): Promise<ActiveSession | undefined> {
  const row = (
    await db
      .select({ session: webSessions, user: { id: webUsers.id, login: webUsers.login, name: webUsers.name } })
      .from(webSessions)
      .innerJoin(webUsers, eq(webUsers.id, webSessions.userId))
      .where(and(eq(webSessions.idHash, idHash), gt(webSessions.expiresAt, now)))
      .limit(1)
  )[0];
  return row ? { idHash: row.session.idHash, kind: row.session.kind, lastSeenAt: row.session.lastSeenAt, expiresAt: row.session.expiresAt, user: row.user } : undefined;
}

export async function touchSession(db: Db, idHash: string, at: Date, expiresAt: Date): Promise<void> {
  await db.update(webSessions).set({ lastSeenAt: at, expiresAt }).where(eq(webSessions.idHash, idHash));
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.delete(webSessions).where(eq(webSessions.idHash, idHash));
}

/** Signs a person out everywhere: browsers and API tokens. */
export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db.delete(webSessions).where(eq(webSessions.userId, userId));
}

export async function listApiTokens(db: Db, userId: number, now: Date): Promise<WebSessionRow[]> {
  return db
    .select()
    .from(webSessions)
    .where(and(eq(webSessions.userId, userId), eq(webSessions.kind, "api"), gt(webSessions.expiresAt, now)))
    .orderBy(desc(webSessions.createdAt));
}

/** Deletes one of the person's own API tokens; false when it is not theirs or not there. */
export async function deleteApiToken(db: Db, userId: number, idHash: string): Promise<boolean> {
  const deleted = await db
    .delete(webSessions)
    .where(and(eq(webSessions.idHash, idHash), eq(webSessions.userId, userId), eq(webSessions.kind, "api")))
    .returning({ idHash: webSessions.idHash });
  return deleted.length > 0;
}
