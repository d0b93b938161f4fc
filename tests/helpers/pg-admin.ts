import type postgres from "postgres";

export { withDatabase } from "../../src/db/client.js";


/**
 * Drops a test database. FORCE ends the sessions still on it, but a role without
 * pg_signal_backend cannot end an autovacuum worker that happens to be there: wait and retry,
 * and leave the database behind rather than fail a suite that passed.
 */
export async function dropDatabase(admin: postgres.Sql, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      return;
    } catch (err) {
      if (attempt >= 10) {
        console.warn(`could not drop test database ${name}: ${(err as Error).message}`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 300 * attempt));
    }
  }
}
