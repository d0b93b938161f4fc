import { eq } from "drizzle-orm";
import type { RateLimitHold } from "../../domain/rate-limit-hold.js";
import type { Db } from "../client.js";
import { installations } from "../schema/index.js";

/** What decides whether a job may call GitHub for an installation: gone, suspended, rate limited. */
export interface InstallationAccess {
  active: boolean;
  suspended: boolean;
  hold: RateLimitHold | null;
}

/** An installation's access, or undefined when Senseloop has no row for it yet (then nothing holds it). */
export async function installationAccess(db: Db, id: number): Promise<InstallationAccess | undefined> {
  const row = (
    await db
      .select({ active: installations.active, suspended: installations.suspended, until: installations.rateLimitedUntil, kind: installations.rateLimitKind, strikes: installations.rateLimitStrikes })
      .from(installations)
      .where(eq(installations.id, id))
      .limit(1)
  )[0];
  if (!row) return undefined;
  const hold = row.until ? { until: row.until, kind: row.kind === "secondary" ? ("secondary" as const) : ("primary" as const), strikes: row.strikes } : null;
  return { active: row.active, suspended: row.suspended, hold };
}

/** Stores a rate limit as a fact of the installation (creating its row if need be), so every replica holds its calls. */
export async function holdInstallation(db: Db, id: number, hold: RateLimitHold, at: Date): Promise<void> {
  await db.insert(installations).values({ id, accountLogin: "unknown", createdAt: at, updatedAt: at }).onConflictDoNothing();
  await db.update(installations).set({ rateLimitedUntil: hold.until, rateLimitKind: hold.kind, rateLimitStrikes: hold.strikes, updatedAt: at }).where(eq(installations.id, id));
}
