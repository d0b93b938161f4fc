import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { inject } from "vitest";
import { openPglite, openPostgres, type Database } from "../../src/db/client.js";
import { dropDatabase, withDatabase } from "./pg-admin.js";

export type TestDatabase = Database & { reset(): Promise<void> };

/** A copy of the migrated template: a PGlite clone, or a PostgreSQL database created from the template. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const template = inject("dbTemplate");
  let database: Database;
  let drop: () => Promise<void> = async () => {};
  if (template.kind === "pglite") {
    database = await openPglite({ loadDataDir: new Blob([readFileSync(template.path)]) });
  } else {
    const name = `senseloop_test_${randomBytes(6).toString("hex")}`;
    const admin = postgres(template.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name} TEMPLATE ${template.template}`);
    // Our own sessions read pg-boss's test clock too, so a job sent inside our transaction is due on test time.
    database = openPostgres(withDatabase(template.url, name), { max: 4, connection: { "pgboss.test_clock": "on" } });
    drop = async () => {
      await dropDatabase(admin, name);
      await admin.end();
    };
  }
  const close = database.close;
  return Object.assign(database, {
    close: async () => {
      await close();
      await drop();
    },
    reset: async () => {
      const tables = await database.db.execute(sql`select string_agg(format('%I', tablename), ', ') as list from pg_tables where schemaname = 'public'`);
      const list = ((Array.isArray(tables) ? tables : (tables as unknown as { rows: { list: string }[] }).rows)[0] as { list: string | null }).list;
      if (list) await database.db.execute(sql.raw(`truncate ${list} restart identity`));
      await database.db.execute(sql`delete from pgboss.job`);
      await database.db.execute(sql`delete from pgboss.schedule`);
    },
  });
}

