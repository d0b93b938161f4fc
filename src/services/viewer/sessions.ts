import { createHash, randomBytes } from "node:crypto";
import { deleteSession, findActiveSession, insertSession, touchSession, type ActiveSession } from "../../db/queries/web-sessions.js";
import type { ViewerScope } from "./viewer-scope.js";

const DAY_MS = 86_400_000;
/** A browser session lasts two weeks after its last use. */
export const BROWSER_SESSION_DAYS = 14;
/** An API token lasts 90 days after it was made, used or not. */
export const API_TOKEN_DAYS = 90;
/** Last use is written at most this often, so reading a page does not mean writing a row. */
const TOUCH_EVERY_MS = 3_600_000;

export type SessionKind = "browser" | "api";

/** What the database keeps of a session id: its hash, so the table alone signs nobody in. */
export const sessionHash = (id: string) => createHash("sha256").update(id).digest("base64url");

export async function startSession(scope: Pick<ViewerScope, "db" | "clock">, userId: number, kind: SessionKind, label: string | null = null): Promise<{ id: string; expiresAt: Date }> {
  const id = `${kind === "api" ? "slt_" : ""}${randomBytes(32).toString("base64url")}`;
  const now = scope.clock.now();
  const expiresAt = new Date(now.getTime() + (kind === "api" ? API_TOKEN_DAYS : BROWSER_SESSION_DAYS) * DAY_MS);
  await insertSession(scope.db, { idHash: sessionHash(id), userId, kind, label, createdAt: now, lastSeenAt: now, expiresAt });
  return { id, expiresAt };
}

/** A live session; `renewed` when this read moved its expiry on, so the browser's cookie should follow. */
export type ReadSession = ActiveSession & { renewed: boolean };

/** The live session behind an id; a browser session's expiry slides on with use. */
export async function readSession(scope: Pick<ViewerScope, "db" | "clock">, id: string, kind: SessionKind): Promise<ReadSession | undefined> {
  const now = scope.clock.now();
  const session = await findActiveSession(scope.db, sessionHash(id), now);
  if (!session || session.kind !== kind) return undefined;
  if (now.getTime() - session.lastSeenAt.getTime() < TOUCH_EVERY_MS) return { ...session, renewed: false };
  const expiresAt = kind === "browser" ? new Date(now.getTime() + BROWSER_SESSION_DAYS * DAY_MS) : session.expiresAt;
  await touchSession(scope.db, session.idHash, now, expiresAt);
  return { ...session, lastSeenAt: now, expiresAt, renewed: kind === "browser" };
}

export async function endSession(scope: Pick<ViewerScope, "db">, id: string): Promise<void> {
  await deleteSession(scope.db, sessionHash(id));
}
