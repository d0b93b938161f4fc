/**
 * What `npm run sweep` and `npm run reconcile` share: read `.env` and the environment, insist on
 * a GitHub App and a valid signal sources file, open the database (refusing kindly when the
 * server holds the embedded one), migrate, start pg-boss without its background work, wire the
 * runtime, run the command, and close everything whatever happens. Each problem is printed and
 * answered with exit code 2; the command's own code is returned otherwise.
 */
import { existsSync } from "node:fs";
import { pino } from "pino";
import { createRuntime } from "../bootstrap.js";
import { systemClock } from "../clock.js";
import { openDatabase, type Database } from "../db/client.js";
import { DataDirLocked } from "../db/lock.js";
import { parseEnv, type Env } from "../env.js";
import type { Runtime } from "../runtime.js";
import { createBoss, createQueues } from "../jobs/boss.js";
import { startSignalSources } from "../signals/start-up.js";

export interface OneShot {
  /** The verb in messages: "sweep", "reconcile". */
  verb: string;
  /** The server's route that starts the same work, named when the embedded database is locked. */
  apiPath: string;
  run(rt: Runtime, env: Env): Promise<number>;
}

export async function runOneShot(command: OneShot): Promise<number> {
  const { verb } = command;
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`Cannot ${verb}; fix these environment variables:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 2;
  }
  const env = parsed.env;
  if (!env.github) {
    console.error(`Cannot ${verb} without a GitHub App; missing: ${env.missing.join(", ")}`);
    return 2;
  }
  // The runtime carries the sources like every process's, whether the command reads them or not.
  const signals = startSignalSources(env.signalsFile);
  if (!signals.ok) {
    console.error(`Cannot ${verb}; fix the signal sources file:\n${signals.problems.map((p) => `  - ${p}`).join("\n")}`);
    return 2;
  }
  const log = pino({ name: `senseloop-${verb}`, level: env.logLevel === "info" ? "warn" : env.logLevel });
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  } catch (err) {
    if (err instanceof DataDirLocked) {
      console.error(`${err.message}\nWhile the server runs, start a ${verb} with POST ${command.apiPath} instead.`);
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
      return await command.run(rt, env);
    } finally {
      await boss.stop({ graceful: false, close: false });
    }
  } finally {
    await database.close();
  }
}

/** Exits with the command's code; an unexpected error is printed and exits 1. */
export function exitWith(verb: string, code: Promise<number>): void {
  code.then(
    (c) => process.exit(c),
    (err: unknown) => {
      console.error(`${verb} failed:`, err);
      process.exit(1);
    },
  );
}
