/**
 * `npm run reconcile [-- --budget N]`: looks for webhook deliveries Senseloop missed in the last
 * three days (or since the last run) and asks GitHub to deliver them again, now. Exits 0 when the
 * run finished, 1 when it failed, 2 when it cannot start. The run itself is `runReconcileCommand`;
 * this file only reads the arguments.
 */
import { parseArgs } from "node:util";
import { DEFAULT_REDELIVERY_BUDGET } from "../services/reconcile.js";
import { exitWith, runOneShot } from "./one-shot.js";
import { runReconcileCommand } from "./reconcile-command.js";

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { budget: { type: "string" } } });
  const budget = values.budget === undefined ? DEFAULT_REDELIVERY_BUDGET : Number(values.budget);
  if (!Number.isInteger(budget) || budget < 0) {
    console.error("--budget must be a whole number of redeliveries, 0 or more");
    return 2;
  }
  return runOneShot({
    verb: "reconcile",
    apiPath: "/api/reconcile",
    run: (rt, env) => runReconcileCommand({ rt, budget, viaProxy: env.webhookProxyUrl !== undefined, out: console }),
  });
}

exitWith("reconcile", main());
