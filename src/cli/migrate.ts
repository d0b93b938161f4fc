/**
 * `npm run db:migrate`: applies the migrations in drizzle/ to the configured database and exits,
 * for deployments that migrate before starting replicas (start-up migrates too).
 */
import { existsSync } from "node:fs";
import { parseEnv } from "../env.js";
import { openDatabase } from "../db/client.js";
import { DataDirLocked } from "../db/lock.js";

async function main(): Promise<number> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`Cannot migrate; fix these environment variables:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 2;
  }
  try {
    const database = await openDatabase({ databaseUrl: parsed.env.databaseUrl, dataDir: parsed.env.dataDir });
    try {
      await database.migrate();
    } finally {
      await database.close();
    }
  } catch (err) {
    if (err instanceof DataDirLocked) {
      console.error(err.message);
      return 2;
    }
    throw err;
  }
  console.log(`migrated ${parsed.env.databaseUrl ? "the PostgreSQL database" : `the embedded database in ${parsed.env.dataDir}`}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error("migration failed:", err);
    process.exit(1);
  },
);
