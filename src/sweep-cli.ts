/**
 * `npm run sweep [-- --dry-run] [--budget N]`: runs the overdue sweep once, now, for a cron job or
 * a scheduled workflow. Exits 0 when every installation was swept, 1 when one failed, 2 when it
 * cannot start. `--dry-run` prints what it would post and writes nothing (not to GitHub, not to
 * the database: planning runs in a transaction that is rolled back).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { pino } from "pino";
import { createRuntime } from "./bootstrap.js";
import { systemClock } from "./clock.js";
import { openDatabase, type Database } from "./db/client.js";
import { DataDirLocked } from "./db/lock.js";
import { installationsWithDueItems } from "./db/queries/sweep.js";
import { parseEnv } from "./env.js";
import { createBoss, createQueues } from "./jobs/boss.js";
import { installationGitHub, type Runtime } from "./runtime.js";
import { DEFAULT_WRITE_BUDGET, planInstallationSweep, sweepInstallation, type InstallationPlan } from "./services/sweep.js";

class RolledBack extends Error {}

function describe(plan: InstallationPlan): string[] {
  const lines = plan.effects.map((e) => `  ${e.kind === "remind" ? "remind  " : "escalate"} ${e.repo}#${e.issueNumber} (due ${e.dueAt.toISOString().slice(0, 10)})`);
  if (plan.deferred > 0) lines.push(`  ${plan.deferred} more left for the next run (write budget)`);
  for (const repo of plan.skipped) lines.push(`  skipped ${repo}: its .github/senseloop.yml is invalid`);
  return lines;
}

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
  await database.migrate();
  const boss = createBoss(database, { background: false, log });
  await boss.start();
  await createQueues(boss);
  const rt = createRuntime(env, env.github, { db: database.db, boss, clock: systemClock, log });

  let failed = 0;
  try {
    const installations = await installationsWithDueItems(rt.db, rt.clock.now());
    console.log(`${dryRun ? "Dry run: " : ""}${installations.length} installation${installations.length === 1 ? "" : "s"} with overdue loops`);
    for (const installationId of installations) {
      try {
        const gh = await installationGitHub(rt, installationId);
        if (dryRun) {
          let plan: InstallationPlan | undefined;
          await rt.db
            .transaction(async (tx) => {
              plan = await planInstallationSweep({ ...rt, db: tx } as Runtime, gh, installationId, budget);
              throw new RolledBack();
            })
            .catch((err) => {
              if (!(err instanceof RolledBack)) throw err;
            });
          console.log(`installation ${installationId}: would post ${plan!.effects.length}`);
          for (const line of describe(plan!)) console.log(line);
        } else {
          const result = await sweepInstallation(rt, gh, installationId, budget, log);
          if (result === "inactive") console.log(`installation ${installationId}: gone, marked inactive`);
          else {
            console.log(`installation ${installationId}: posted ${result.effects.length}`);
            for (const line of describe(result)) console.log(line);
          }
        }
      } catch (err) {
        failed++;
        console.error(`installation ${installationId}: failed: ${(err as Error).message}`);
      }
    }
  } finally {
    await boss.stop({ graceful: false, close: false });
    await database.close();
  }
  return failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error("sweep failed:", err);
    process.exit(1);
  },
);
