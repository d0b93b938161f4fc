import { and, asc, desc, eq, gt } from "drizzle-orm";
import type { Db } from "../client.js";
import { installations, permissionRefusals } from "../schema/index.js";

/** A refusal counts for a day: then the feature tries once more (and is refused again, or works). */
export const REFUSAL_PERIOD_MS = 86_400_000;

export interface RefusalInput {
  installationId: number;
  repository: string;
  permission: string;
  request: string;
  message: string;
}

/** Records a refused request; true when it should be logged (the first time in a day). */
export async function recordPermissionRefusal(db: Db, input: RefusalInput, at: Date): Promise<boolean> {
  const key = and(eq(permissionRefusals.installationId, input.installationId), eq(permissionRefusals.repository, input.repository), eq(permissionRefusals.permission, input.permission));
  const existing = (await db.select().from(permissionRefusals).where(key).limit(1))[0];
  if (!existing) {
    await db.insert(permissionRefusals).values({ ...input, message: input.message.slice(0, 500), firstSeenAt: at, lastSeenAt: at, loggedAt: at }).onConflictDoNothing();
    return true;
  }
  const log = at.getTime() - existing.loggedAt.getTime() >= REFUSAL_PERIOD_MS;
  await db
    .update(permissionRefusals)
    .set({ request: input.request, message: input.message.slice(0, 500), refusals: existing.refusals + 1, lastSeenAt: at, ...(log ? { loggedAt: at } : {}) })
    .where(key);
  return log;
}

/** Whether a feature needing `permission` is off in this repository: refused within the last day. */
export async function isPermissionRefused(db: Db, input: { installationId: number; repository: string; permission: string }, now: Date): Promise<boolean> {
  const found = await db
    .select({ at: permissionRefusals.lastSeenAt })
    .from(permissionRefusals)
    .where(
      and(
        eq(permissionRefusals.installationId, input.installationId),
        eq(permissionRefusals.repository, input.repository.toLowerCase()),
        eq(permissionRefusals.permission, input.permission),
        gt(permissionRefusals.lastSeenAt, new Date(now.getTime() - REFUSAL_PERIOD_MS)),
      ),
    )
    .limit(1);
  return found.length > 0;
}

/** The owner accepted the app's permissions (or installed it afresh): every feature may try again. */
export async function clearPermissionRefusals(db: Db, installationId: number): Promise<void> {
  await db.delete(permissionRefusals).where(eq(permissionRefusals.installationId, installationId));
}

export interface RefusedPermission {
  installationId: number;
  accountLogin: string | null;
  repository: string;
  permission: string;
  request: string;
  refusals: number;
  lastSeenAt: Date;
}

/** Refusals of the last day, for the status page: newest first. */
export async function listPermissionRefusals(db: Db, now: Date, limit = 50): Promise<RefusedPermission[]> {
  return db
    .select({
      installationId: permissionRefusals.installationId,
      accountLogin: installations.accountLogin,
      repository: permissionRefusals.repository,
      permission: permissionRefusals.permission,
      request: permissionRefusals.request,
      refusals: permissionRefusals.refusals,
      lastSeenAt: permissionRefusals.lastSeenAt,
    })
    .from(permissionRefusals)
    .leftJoin(installations, eq(installations.id, permissionRefusals.installationId))
    .where(gt(permissionRefusals.lastSeenAt, new Date(now.getTime() - REFUSAL_PERIOD_MS)))
    .orderBy(desc(permissionRefusals.lastSeenAt), asc(permissionRefusals.repository))
    .limit(limit);
}
