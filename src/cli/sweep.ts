/**
 * `npm run sweep [-- --dry-run] [--budget N]`: runs the overdue sweep once, now, for a cron job or
 * a scheduled workflow. Exits 0 when every installation was swept, 1 when one failed, 2 when it
 * cannot start. `--dry-run` prints what it would post and writes nothing (not to GitHub, not to
 * the database). The sweep itself is `runSweepCommand`; this file only reads the arguments.
 */
import { parseArgs } from "node:util";
import { DEFAULT_WRITE_BUDGET } from "../services/sweep.js";
import { exitWith, runOneShot } from "./one-shot.js";
import { runSweepCommand } from "./sweep-command.js";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { "dry-run": { type: "boolean", default: false }, budget: { type: "string" } } });
  const dryRun = values["dry-run"] ?? false;
  const budget = values.budget === undefined ? DEFAULT_WRITE_BUDGET : Number(values.budget);
  if (!Number.isInteger(budget) || budget < 1) {
    console.error("--budget must be a whole number of GitHub writes, at least 1");
    return 2;
  }
  return runOneShot({ verb: "sweep", apiPath: "/api/sweep", run: (rt) => runSweepCommand({ rt, dryRun, budget, out: console }) });
}

exitWith("sweep", main());
