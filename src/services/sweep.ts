import type { RepoConfig } from "../config/schema.js";
import { slotSummaries } from "../db/queries/readings.js";
import { getInstallation, isInstallationActive } from "../db/queries/repositories.js";
import { dueItemsOfInstallation, installationsWithDueItems, type DueItem } from "../db/queries/sweep.js";
import type { FollowUp } from "../domain/effects.js";
import { dueSlotSettled, readingsSoFar } from "../domain/reading-summary.js";
import type { LoopItem, LoopSignal } from "../domain/sense-loop.js";
import { reminderSignalLine } from "../domain/signal-lines.js";
import { checkSignalQuery } from "../domain/signal-query.js";
import { planSweep, type SweepStep } from "../domain/sweep-plan.js";
import { InstallationUnavailable, stopsTheJob } from "../github/errors.js";
import { applyPlan } from "./apply-plan.js";
import { loopItem, loopRules } from "./loop-item.js";
import { readRepoConfig } from "./repo-config.js";
import type { Scope } from "./scope.js";

/** GitHub writes one installation's sweep may make per run; the rest waits for the next run. */
export const DEFAULT_WRITE_BUDGET = 30;

/** The scheduled sweep: one job per installation that has something due. No GitHub call here. */
export async function startSweep(scope: Pick<Scope, "db" | "clock" | "log">, budget = DEFAULT_WRITE_BUDGET): Promise<FollowUp[]> {
  const installations = await installationsWithDueItems(scope.db, scope.clock.now());
  scope.log.info({ installations: installations.length }, "sweep started");
  return installations.map((installationId) => ({ kind: "sweep-installation", installationId, budget }));
}

export interface InstallationPlan {
  installationId: number;
  steps: (SweepStep & { repo: string; issueNumber: number; dueAt: Date; repositoryId: number })[];
  deferred: number;
  /** Repositories skipped because their config is invalid. */
  skipped: string[];
}

/** What one installation's sweep owes now: reads config, decides, writes nothing. */
export async function planInstallationSweep(scope: Scope, installationId: number, budget: number): Promise<InstallationPlan> {
  const due = await dueItemsOfInstallation(scope.db, installationId, scope.clock.now());
  const configs = new Map<number, RepoConfig | null>();
  const skipped: string[] = [];
  for (const item of due) {
    if (configs.has(item.repositoryId)) continue;
    const loaded = await readRepoConfig(scope, item.repositoryId, { owner: item.owner, repo: item.name });
    configs.set(item.repositoryId, loaded.ok ? loaded.config : null);
    if (!loaded.ok) skipped.push(`${item.owner}/${item.name}`);
  }
  const byId = new Map(due.map((item) => [item.id, item]));
  const signals = await dueSignals(scope, installationId, due);
  const items = due.filter((item) => configs.get(item.repositoryId)).map((item) => ({ ...toLoopItem(item), signal: signals.get(item.id) ?? null }));
  const plan = planSweep(items, (item) => loopRules(configs.get(item.repositoryId)!), scope.clock.now(), budget);
  return {
    installationId,
    steps: plan.steps.map((step) => {
      const item = byId.get(step.itemId)!;
      return { ...step, repo: `${item.owner}/${item.name}`, issueNumber: item.issueNumber, dueAt: item.dueAt, repositoryId: item.repositoryId };
    }),
    deferred: plan.deferred,
    skipped,
  };
}

/** What each due loop's signal read at its due date, for the reminder to carry; none without a signal query. */
async function dueSignals(scope: Scope, installationId: number, due: readonly DueItem[]): Promise<Map<number, LoopSignal>> {
  const withQuery = due.filter((item) => item.signalQuery !== null);
  const out = new Map<number, LoopSignal>();
  if (withQuery.length === 0) return out;
  const owner = (await getInstallation(scope.db, installationId))?.accountLogin ?? "";
  const slots = await slotSummaries(
    scope.db,
    withQuery.map((item) => item.id),
  );
  for (const item of withQuery) {
    const query = checkSignalQuery(item.signalQuery, scope.signals.list(), owner);
    if (query === null) continue;
    const itemSlots = slots.get(item.id) ?? [];
    const settled = "problem" in query || dueSlotSettled(itemSlots, item.dueAt);
    out.set(item.id, { settled, line: reminderSignalLine({ query, byHowMuch: item.byHowMuch, readings: readingsSoFar(itemSlots, item.dueAt) }, settled) });
  }
  return out;
}

function toLoopItem(item: DueItem): LoopItem {
  const hypothesis = { number: item.hypothesisNumber, title: item.hypothesisTitle, htmlUrl: item.hypothesisUrl, assignees: item.assignees, authorLogin: item.authorLogin };
  return loopItem(item, hypothesis, { owner: item.owner, name: item.name });
}

export interface SweepResult {
  plan: InstallationPlan;
  followUps: FollowUp[];
}

/**
 * Plans one installation's sweep and applies it loop by loop: one reminder (comment, then the
 * overdue label) and one escalation per due date, each keyed so two sweeps at once still post
 * once; a sweep that finds the other one posting leaves that loop to it. A removed installation
 * is marked inactive and skipped. A write GitHub refuses for good (issue deleted, locked) is
 * recorded and the loop counts as reminded for this due date, so it does not block the others.
 */
export async function sweepInstallation(scope: Scope, installationId: number, budget: number): Promise<SweepResult | "inactive"> {
  if (!(await isInstallationActive(scope.db, installationId))) return "inactive";
  let plan: InstallationPlan;
  try {
    plan = await planInstallationSweep(scope, installationId, budget);
  } catch (err) {
    if (!(err instanceof InstallationUnavailable)) throw err;
    if (err.state === "gone") await scope.store.installationGone(installationId, scope.clock.now());
    scope.log.warn({ installation: installationId, state: err.state }, "installation is gone or suspended; skipped");
    return "inactive";
  }
  const touched = new Set<number>();
  let transient: unknown;
  for (const step of plan.steps) {
    try {
      const applied = await applyPlan(scope, step.effects);
      if (applied.busy) scope.log.info({ senseItem: step.itemId }, "another sweep is posting this; left to it");
      else touched.add(step.repositoryId);
    } catch (err) {
      // A rate limit stops the run (the job is parked); a server error leaves this loop to the retry.
      if (stopsTheJob(err)) throw err;
      transient ??= err;
    }
  }
  if (transient !== undefined) throw transient;
  scope.log.info({ installation: installationId, steps: plan.steps.length, deferred: plan.deferred, skipped: plan.skipped }, "installation swept");
  return { plan, followUps: [...touched].map((repositoryId) => ({ kind: "refresh-dashboard", installationId, repositoryId })) };
}
