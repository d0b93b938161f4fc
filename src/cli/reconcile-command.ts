import { appCalls, type Runtime } from "../runtime.js";
import { reconcileDeliveries } from "../services/reconcile.js";
import type { CommandOutput } from "./sweep-command.js";

export interface ReconcileCommandOptions {
  rt: Runtime;
  budget: number;
  /** GitHub delivers to a webhook proxy: its 2xx answers say nothing about Senseloop. */
  viaProxy: boolean;
  out: CommandOutput;
}

/** Reconciles missed deliveries once, now, and prints the figures. Returns the exit code: 0, or 1 when the run failed. */
export async function runReconcileCommand({ rt, budget, viaProxy, out }: ReconcileCommandOptions): Promise<number> {
  try {
    const result = await reconcileDeliveries({ db: rt.db, clock: rt.clock, log: rt.log, app: appCalls(rt) }, { trigger: "cli", budget, trustSuccess: !viaProxy });
    out.log(`Deliveries since ${result.since.toISOString()}: ${result.listed} listed, ${result.missing} missing, ${result.redelivered} redelivered, ${result.skipped} skipped`);
    if (result.skipped > 0) out.log("  skipped ones are over the budget, asked for already or refused by GitHub; the next run picks up what it can");
    return 0;
  } catch (err) {
    out.error(`reconcile failed: ${(err as Error).message}`);
    return 1;
  }
}
