/**
 * `npm run reconcile [-- --budget N]`: looks for webhook deliveries Senseloop missed in the last
 * three days (or since the last run) and asks GitHub to deliver them again, now. Exits 0 when the
 * run finished, 1 when it failed, 2 when it cannot start. The run itself is `runReconcileCommand`;
 * this file only reads the environment and the arguments and wires the runtime.
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createRuntime } from "../bootstrap.js";
import { systemClock } from "../clock.js";
import { openDatabase, type Database } from "../db/client.js";
import { DataDirLocked } from "../db/lock.js";
import { parseEnv } from "../env.js";
import { createBoss, createQueues } from "../jobs/boss.js";
import { DEFAULT_REDELIVERY_BUDGET } from "../services/reconcile.js";
import { startSignalSources } from "../signals/start-up.js";
import { runReconcileCommand } from "./reconcile-command.js";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { budget: { type: "string" } } });
  const budget = values.budget === undefined ? DEFAULT_REDELIVERY_BUDGET : Number(values.budget);
  if (!Number.isInteger(budget) || budget < 0) {
    console.error("--budget must be a whole number of redeliveries, 0 or more");
    return 2;
  }
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`Cannot reconcile; fix these environment variables:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 2;
  }
  const env = parsed.env;
  if (!env.github) {
    console.error(`Cannot reconcile without a GitHub App; missing: ${env.missing.join(", ")}`);
    return 2;
  }
  // The runtime carries the sources like every process's; a reconcile reads none.
  const signals = startSignalSources(env.signalsFile);
  if (!signals.ok) {
    console.error(`Cannot reconcile; fix the signal sources file:\n${signals.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 2;
  }
  const log = pino({ name: "senseloop-reconcile", level: env.logLevel === "info" ? "warn" : env.logLevel });
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  } catch (err) {
    if (err instanceof DataDirLocked) {
      console.error(`${err.message}\nWhile the server runs, start a reconcile with POST /api/reconcile instead.`);
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
      return await runReconcileCommand({ rt, budget, viaProxy: env.webhookProxyUrl !== undefined, out: console });
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
    console.error("reconcile failed:", err);
    process.exit(1);
  },
);
