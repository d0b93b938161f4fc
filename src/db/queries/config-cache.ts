import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { configCache } from "../schema/index.js";

export type CachedConfigFile = typeof configCache.$inferSelect;

export interface ConfigFileKey {
  installationId: number;
  /** owner/name, lower-cased. */
  repository: string;
  path: string;
}

const matches = (key: ConfigFileKey) => and(eq(configCache.installationId, key.installationId), eq(configCache.repository, key.repository), eq(configCache.path, key.path));

/**
 * An invalidation that came in while the file was being asked for (after `askedAt`) still
 * stands: what GitHub answered may predate the push.
 */
const invalidationAfter = (askedAt: Date) => sql`case when ${configCache.invalidatedAt} > ${askedAt.toISOString()}::timestamptz then ${configCache.invalidatedAt} else null end`;

export async function getCachedConfigFile(db: Db, key: ConfigFileKey): Promise<CachedConfigFile | undefined> {
  return (await db.select().from(configCache).where(matches(key)).limit(1))[0];
}

/** Stores what GitHub answered (the text, or null for no file) when asked at `askedAt`. */
export async function saveConfigFile(db: Db, key: ConfigFileKey, file: { content: string | null; etag: string | null }, fetchedAt: Date, askedAt: Date): Promise<void> {
  await db
    .insert(configCache)
    .values({ ...key, ...file, fetchedAt, invalidatedAt: null })
    .onConflictDoUpdate({
      target: [configCache.installationId, configCache.repository, configCache.path],
      set: { ...file, fetchedAt, invalidatedAt: invalidationAfter(askedAt) },
    });
}

/** GitHub answered 304 to a read asked at `askedAt`: the text held is still the file's. */
export async function confirmConfigFile(db: Db, key: ConfigFileKey, fetchedAt: Date, askedAt: Date): Promise<void> {
  await db.update(configCache).set({ fetchedAt, invalidatedAt: invalidationAfter(askedAt) }).where(matches(key));
}

/** A push changed these files of a repository (every file of it, for `"all"`), in every installation that reads them. */
export async function invalidateConfigFiles(db: Db, repository: string, paths: readonly string[] | "all", at: Date): Promise<number> {
  if (paths !== "all" && paths.length === 0) return 0;
  const where = paths === "all" ? eq(configCache.repository, repository) : and(eq(configCache.repository, repository), inArray(configCache.path, [...paths]));
  const rows = await db.update(configCache).set({ invalidatedAt: at }).where(where).returning({ path: configCache.path });
  return rows.length;
}
