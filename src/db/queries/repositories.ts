import { and, eq, isNull } from "drizzle-orm";
import type { ConfigProblem } from "../../domain/config-problem.js";
import type { Db } from "../client.js";
import { installations, repositories } from "../schema/index.js";

export type RepositoryRow = typeof repositories.$inferSelect;

export interface RepositoryInput {
  id: number;
  installationId: number;
  owner: string;
  name: string;
  defaultBranch?: string | null | undefined;
  private?: boolean | undefined;
}

export const repoKey = (owner: string, name: string) => `${owner}/${name}`.toLowerCase();

export async function upsertInstallation(db: Db, input: { id: number; accountLogin: string; accountType?: string | undefined }, at: Date): Promise<void> {
  await db
    .insert(installations)
    .values({ id: input.id, accountLogin: input.accountLogin, accountType: input.accountType ?? "Organization", active: true, createdAt: at, updatedAt: at })
    .onConflictDoUpdate({
      target: installations.id,
      set: { accountLogin: input.accountLogin, active: true, updatedAt: at },
    });
}

/** Records that an installation is gone (uninstalled, or GitHub says so) or back. */
export async function setInstallationActive(db: Db, id: number, active: boolean, at: Date): Promise<void> {
  await db.update(installations).set({ active, updatedAt: at }).where(eq(installations.id, id));
}

export async function setInstallationSuspended(db: Db, id: number, suspended: boolean, at: Date): Promise<void> {
  await db.update(installations).set({ suspended, updatedAt: at }).where(eq(installations.id, id));
}

export async function isInstallationActive(db: Db, id: number): Promise<boolean> {
  const row = (await db.select({ active: installations.active, suspended: installations.suspended }).from(installations).where(eq(installations.id, id)).limit(1))[0];
  return row === undefined || (row.active && !row.suspended);
}

export async function upsertRepository(db: Db, input: RepositoryInput, at: Date): Promise<void> {
  const values = {
    id: input.id,
    installationId: input.installationId,
    owner: input.owner,
    name: input.name,
    fullNameKey: repoKey(input.owner, input.name),
    ...(input.defaultBranch ? { defaultBranch: input.defaultBranch } : {}),
    ...(input.private !== undefined ? { private: input.private } : {}),
    removedAt: null,
    updatedAt: at,
  };
  await db.insert(repositories).values(values).onConflictDoUpdate({ target: repositories.id, set: values });
}

export async function markRepositoryRemoved(db: Db, id: number, at: Date): Promise<void> {
  await db.update(repositories).set({ removedAt: at, updatedAt: at }).where(eq(repositories.id, id));
}

/** A repository of this installation by owner/name, if we know it. */
export async function findInstallationRepository(db: Db, installationId: number, fullName: string): Promise<RepositoryRow | undefined> {
  return (
    await db
      .select()
      .from(repositories)
      .where(and(eq(repositories.installationId, installationId), eq(repositories.fullNameKey, fullName.toLowerCase()), isNull(repositories.removedAt)))
      .limit(1)
  )[0];
}

export async function getRepository(db: Db, id: number): Promise<RepositoryRow | undefined> {
  return (await db.select().from(repositories).where(eq(repositories.id, id)).limit(1))[0];
}

/** What a config read leaves on the repository so the sweep and the web dashboard need not read config: reminder days, the reading period, the hypothesis label. */
export interface ConfigTiming {
  graceDays: number;
  escalateAfterDays: number;
  readingEveryHours: number;
  hypothesisLabel: string;
}

export async function setConfigStatus(db: Db, id: number, status: "ok" | "invalid", problems: ConfigProblem[] | null, at: Date, timing?: ConfigTiming): Promise<void> {
  await db
    .update(repositories)
    .set({ configStatus: status, configProblems: problems, updatedAt: at, ...(timing ?? {}) })
    .where(eq(repositories.id, id));
}

/** Records an installation the first time any of its deliveries is processed; its creation time bounds what counts as old work. */
export async function ensureInstallation(db: Db, id: number, accountLogin: string, at: Date): Promise<void> {
  await db.insert(installations).values({ id, accountLogin, createdAt: at, updatedAt: at }).onConflictDoNothing();
}

export async function getInstallation(db: Db, id: number) {
  return (await db.select().from(installations).where(eq(installations.id, id)).limit(1))[0];
}
