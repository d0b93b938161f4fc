import { installationsWithDueItems } from "../db/queries/sweep.js";
import { installationGitHub, type Runtime } from "../runtime.js";
import { goneInstallation } from "../github/errors.js";
import { planInstallationSweep, sweepInstallation, type InstallationPlan } from "../services/sweep.js";

/** Where the command writes: lines for a person or a cron log, errors apart. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

export interface SweepCommandOptions {
  rt: Runtime;
  /** Plan and print only: no GitHub write, no database change. */
  dryRun: boolean;
  /** GitHub writes each installation may make in this run. */
  budget: number;
  out: CommandOutput;
}

class RolledBack extends Error {}

function describe(plan: InstallationPlan): string[] {
  const lines = plan.effects.map((e) => `  ${e.kind === "remind" ? "remind  " : "escalate"} ${e.repo}#${e.issueNumber} (due ${e.dueAt.toISOString().slice(0, 10)})`);
  if (plan.deferred > 0) lines.push(`  ${plan.deferred} more left for the next run (write budget)`);
  for (const repo of plan.skipped) lines.push(`  skipped ${repo}: its .github/senseloop.yml is invalid`);
  return lines;
}

/** An installation's plan, computed in a transaction that is rolled back, so even config bookkeeping is undone. */
async function dryRunPlan(rt: Runtime, installationId: number, budget: number): Promise<InstallationPlan> {
  const gh = await installationGitHub(rt, installationId);
  let plan: InstallationPlan | undefined;
  await rt.db
    .transaction(async (tx) => {
      plan = await planInstallationSweep({ ...rt, db: tx }, gh, installationId, budget);
      throw new RolledBack();
    })
    .catch((err: unknown) => {
      if (!(err instanceof RolledBack)) throw err;
    });
  return plan!;
}

/**
 * Runs the overdue sweep once, now, installation by installation: one that fails is reported
 * and the others are still swept. Returns the exit code: 0 when every installation was swept
 * (or is gone), 1 when one failed.
 */
export async function runSweepCommand({ rt, dryRun, budget, out }: SweepCommandOptions): Promise<number> {
  const installations = await installationsWithDueItems(rt.db, rt.clock.now());
  out.log(`${dryRun ? "Dry run: " : ""}${installations.length} installation${installations.length === 1 ? "" : "s"} with overdue loops`);
  let failed = 0;
  for (const installationId of installations) {
    try {
      if (dryRun) {
        const plan = await dryRunPlan(rt, installationId, budget);
        out.log(`installation ${installationId}: would post ${plan.effects.length}`);
        for (const line of describe(plan)) out.log(line);
        continue;
      }
      const result = await sweepInstallation(rt, await installationGitHub(rt, installationId), installationId, budget, rt.log);
      if (result === "inactive") {
        out.log(`installation ${installationId}: gone, marked inactive`);
        continue;
      }
      out.log(`installation ${installationId}: posted ${result.effects.length}`);
      for (const line of describe(result)) out.log(line);
    } catch (err) {
      if (dryRun && goneInstallation(err) !== undefined) {
        out.log(`installation ${installationId}: gone; a real run marks it inactive`);
        continue;
      }
      failed++;
      out.error(`installation ${installationId}: failed: ${(err as Error).message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
