/**
 * `npm run sweep [-- --dry-run] [--budget N]`: runs the overdue sweep once, now, for a cron job or
 * a scheduled workflow. Exits 0 when every installation was swept, 1 when one failed, 2 when it
 * cannot start. `--dry-run` prints what it would post and writes nothing (not to GitHub, not to
 * the database). The sweep itself is `runSweepCommand`; this file only reads the environment and
 * the arguments and wires the runtime.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createRuntime } from "../bootstrap.js";
import { runSweepCommand } from "./sweep-command.js";
import { systemClock } from "../clock.js";
import { openDatabase, type Database } from "../db/client.js";
import { DataDirLocked } from "../db/lock.js";
import { parseEnv } from "../env.js";
import { createBoss, createQueues } from "../jobs/boss.js";
import { DEFAULT_WRITE_BUDGET } from "../services/sweep.js";
import { startSignalSources } from "../signals/start-up.js";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false }, budget: { type: "string" } } });
  const dryRun = values["dry-run"] ?? false;
  const budget = values.budget === undefined ? DEFAULT_WRITE_BUDGET : Number(values.budget);
  if (!Number.isInteger(budget) || budget < 1) {
    console.error("--budget must be a whole number of GitHub writes, at least 1");
    return 2;
  }
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`Cannot sweep; fix these environment variables:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 2;
  }
  const env = parsed.env;
  if (!env.github) {
    console.error(`Cannot sweep without a GitHub App; missing: ${env.missing.join(", ")}`);
    return 2;
  }
  const signals = startSignalSources(env.signalsFile);
  if (!signals.ok) {
    console.error(`Cannot sweep; fix the signal sources file:\n${signals.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 2;
  }
  const log = pino({ name: "senseloop-sweep", level: env.logLevel === "info" ? "warn" : env.logLevel });
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  } catch (err) {
    if (err instanceof DataDirLocked) {
      console.error(`${err.message}\nWhile the server runs, start a sweep with POST /api/sweep instead.`);
      return 2;
    }
    throw err;
  }
  try {
    await database.migrate();
    const boss = createBoss(database, { background: false, log });
    await boss.start();
    try {
      await createQueues(boss);
      const rt = createRuntime(env, env.github, { db: database.db, boss, clock: systemClock, log, signals: signals.sources });
      return await runSweepCommand({ rt, dryRun, budget, out: console });
    } finally {
      await boss.stop({ graceful: false, close: false });
    }
  } finally {
    await database.close();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error("sweep failed:", err);
    process.exit(1);
  },
);
