import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { PGlite } from "@electric-sql/pglite";
import { sql, type SQL } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import { lockDataDir } from "./lock.js";
import * as schema from "./schema/index.js";

export type Schema = typeof schema;
/** A database or a transaction: every query function accepts either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export const migrationsFolder = fileURLToPath(new URL("../../drizzle", import.meta.url));

export type Database =
  | { kind: "pglite"; db: Db; pglite: PGlite; migrate(): Promise<void>; close(): Promise<void> }
  | { kind: "postgres"; db: Db; url: string; migrate(): Promise<void>; close(): Promise<void> };

export interface PgliteOptions {
  dataDir?: string;
  /** A dump of an already migrated database (tests clone one instead of migrating each time). */
  loadDataDir?: Blob | File;
  lock?: boolean;
}

/**
 * The embedded server's memory lives in WebAssembly, which never gives pages back: PostgreSQL's
 * 128 MB default for shared buffers (and 64 MB for index builds) would be resident for the life
 * of the process. A team's Senseloop data fits in far less.
 */
const EMBEDDED_SETTINGS = ["-c", "shared_buffers=32MB", "-c", "maintenance_work_mem=16MB"];

/**
 * The embedded database and its drizzle driver are loaded only when it is used: a server on
 * PostgreSQL never loads them.
 */
export async function openPglite(options: PgliteOptions = {}): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([import("@electric-sql/pglite"), import("drizzle-orm/pglite"), import("drizzle-orm/pglite/migrator")]);
  const { dataDir } = options;
  const lock = dataDir && options.lock !== false ? lockDataDir(dataDir) : undefined;
  try {
    if (dataDir) mkdirSync(dataDir, { recursive: true });
    const pglite = await PGlite.create({
      ...(dataDir ? { dataDir } : {}),
      startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS],
      ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    });
    const db = drizzlePglite(pglite, { schema }) as unknown as Db;
    return {
      kind: "pglite",
      db,
      pglite,
      migrate: async () => {
        await migratePglite(drizzlePglite(pglite), { migrationsFolder });
      },
      close: async () => {
        try {
          if (!pglite.closed) await pglite.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (err) {
    lock?.release();
    throw err;
  }
}

/** The advisory lock replicas take turns on to migrate one database. */
const MIGRATION_LOCK = 5_347_301_013;

/**
 * Applies the migrations not applied yet, one replica at a time: replicas starting together (a
 * new database, a rolling upgrade) would otherwise run the same DDL at once, and all but one
 * fail to start. The lock is a session lock on a connection of its own, so it is released
 * however the migration ends, the process's included.
 */
async function migrateInTurn(url: string, client: postgres.Sql): Promise<void> {
  const lock = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK}::bigint)`;
    await migratePostgres(drizzlePostgres(client), { migrationsFolder });
  } finally {
    await lock.end({ timeout: 5 });
  }
}

export interface PostgresOptions {
  max?: number;
  /** Session settings sent when each connection opens. */
  connection?: Record<string, string>;
}

export function openPostgres(url: string, options: PostgresOptions = {}): Database {
  const client = postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.connection ? { connection: options.connection } : {}),
  });
  const db = drizzlePostgres(client, { schema }) as unknown as Db;
  return {
    kind: "postgres",
    db,
    url,
    migrate: () => migrateInTurn(url, client),
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}

/** The same PostgreSQL URL, naming another database on that server. */
export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function openDatabase(options: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  return options.databaseUrl ? openPostgres(options.databaseUrl) : openPglite({ dataDir: options.dataDir });
}

/** `db.execute` returns an array on postgres.js and `{ rows }` on PGlite. */
export async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}

export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
