import { installationsWithDueItems } from "../db/queries/sweep.js";
import type { Effect } from "../domain/effects.js";
import { memoryLedger } from "../github/ledger.js";
import { recordingGitHub } from "../github/recording.js";
import { enqueueFollowUps } from "../jobs/follow-ups.js";
import { scopeFor, type Runtime } from "../runtime.js";
import { recordingLoopStore } from "../services/loop-store.js";
import type { Scope } from "../services/scope.js";
import { sweepInstallation, type InstallationPlan } from "../services/sweep.js";

/** Where the command writes: lines for a person or a cron log, errors apart. */
export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

export interface SweepCommandOptions {
  rt: Runtime;
  /** Plan and print only: the same sweep on the recording port, no GitHub write, no database change. */
  dryRun: boolean;
  /** GitHub writes each installation may make in this run. */
  budget: number;
  out: CommandOutput;
}

/** The comments of a plan, one line each: what a person wants to read before letting it run. */
function describe(plan: InstallationPlan): string[] {
  const lines: string[] = [];
  for (const step of plan.steps) {
    for (const effect of step.effects) {
      const kind = commentKind(effect);
      if (kind) lines.push(`  ${kind.padEnd(8)} ${step.repo}#${step.issueNumber} (due ${step.dueAt.toISOString().slice(0, 10)})`);
    }
  }
  if (plan.deferred > 0) lines.push(`  ${plan.deferred} more left for the next run (write budget)`);
  for (const repo of plan.skipped) lines.push(`  skipped ${repo}: its .github/senseloop.yml is invalid`);
  return lines;
}

function commentKind(effect: Effect): "remind" | "escalate" | undefined {
  if (effect.kind !== "comment") return undefined;
  return effect.key.startsWith("reminder:") ? "remind" : effect.key.startsWith("escalation:") ? "escalate" : undefined;
}

const comments = (plan: InstallationPlan) => plan.steps.flatMap((step) => step.effects).filter((effect) => commentKind(effect) !== undefined).length;

/** The same scope a sweep job gets, with every write recorded instead of made. */
function dryRunScope(scope: Scope): Scope {
  return { ...scope, gh: recordingGitHub(scope.gh).port, ledger: memoryLedger(), store: recordingLoopStore() };
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
      const real = await scopeFor(rt, installationId, rt.log, { dryRun });
      const result = await sweepInstallation(dryRun ? dryRunScope(real) : real, installationId, budget);
      if (result === "inactive") {
        out.log(`installation ${installationId}: ${dryRun ? "gone; a real run marks it inactive" : "gone, marked inactive"}`);
        continue;
      }
      if (!dryRun) await enqueueFollowUps(rt, result.followUps);
      out.log(`installation ${installationId}: ${dryRun ? "would post" : "posted"} ${comments(result.plan)}`);
      for (const line of describe(result.plan)) out.log(line);
    } catch (err) {
      failed++;
      out.error(`installation ${installationId}: failed: ${(err as Error).message}`);
    }
  }
  return failed > 0 ? 1 : 0;
}
