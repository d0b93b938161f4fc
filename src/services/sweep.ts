import type { Logger } from "probot";
import type { RepoConfig } from "../config/schema.js";
import { hypothesisOwners } from "../db/queries/hypotheses.js";
import { isInstallationActive, setInstallationActive } from "../db/queries/repositories.js";
import { getSenseItem, updateSenseItem } from "../db/queries/sense-items.js";
import { dueItemsOfInstallation, installationsWithDueItems, type DueItem } from "../db/queries/sweep.js";
import { transition, type SenseState } from "../domain/sense-state.js";
import { planSweep, type SweepEffect, type SweepItem, type SweepRules } from "../domain/sweep-plan.js";
import { GitHubError, goneInstallation } from "../github/errors.js";
import type { GitHub } from "../github/port.js";
import { enqueueDashboard, enqueueSweepInstallation } from "../jobs/enqueue.js";
import type { Runtime } from "../runtime.js";
import { ensureComment } from "./comments.js";
import { WriteInProgress } from "./write-ledger.js";
import { readRepoConfig } from "./repo-config.js";

/** GitHub writes one installation's sweep may make per run; the rest waits for the next run. */
export const DEFAULT_WRITE_BUDGET = 30;

/** The scheduled sweep: one job per installation that has something due. No GitHub call here. */
export async function startSweep(rt: Runtime, log: Logger, budget = DEFAULT_WRITE_BUDGET): Promise<number[]> {
  const installations = await installationsWithDueItems(rt.db, rt.clock.now());
  for (const installationId of installations) await enqueueSweepInstallation(rt, { installationId, budget });
  log.info({ installations: installations.length }, "sweep started");
  return installations;
}

export interface InstallationPlan {
  installationId: number;
  effects: (SweepEffect & { repo: string; issueNumber: number })[];
  deferred: number;
  /** Repositories skipped because their config is invalid. */
  skipped: string[];
}

/** What one installation's sweep would do now: reads config, writes nothing to GitHub. */
export async function planInstallationSweep(rt: Runtime, gh: GitHub, installationId: number, budget: number): Promise<InstallationPlan> {
  const due = await dueItemsOfInstallation(rt.db, installationId, rt.clock.now());
  const configs = new Map<number, RepoConfig | null>();
  const skipped: string[] = [];
  for (const item of due) {
    if (configs.has(item.repositoryId)) continue;
    const loaded = await readRepoConfig(rt, gh, item.repositoryId, { owner: item.owner, repo: item.name });
    configs.set(item.repositoryId, loaded.ok ? loaded.config : null);
    if (!loaded.ok) skipped.push(`${item.owner}/${item.name}`);
  }
  const byId = new Map(due.map((item) => [item.id, item]));
  const items: SweepItem[] = due.filter((item) => configs.get(item.repositoryId)).map(toSweepItem);
  const rulesFor = (item: SweepItem): SweepRules => {
    const respond = configs.get(byId.get(item.id)!.repositoryId)!.respond;
    return { graceDays: respond.graceDays, escalateAfterDays: respond.escalateAfterDays, escalateTo: respond.escalateTo, overdueLabel: respond.overdueLabel };
  };
  const plan = planSweep(items, rulesFor, rt.clock.now(), budget);
  return {
    installationId,
    effects: plan.effects.map((effect) => {
      const item = byId.get(effect.itemId)!;
      return { ...effect, repo: `${item.owner}/${item.name}`, issueNumber: item.issueNumber };
    }),
    deferred: plan.deferred,
    skipped,
  };
}

function toSweepItem(item: DueItem): SweepItem {
  return {
    id: item.id,
    state: item.state as SenseState,
    dueAt: item.dueAt,
    remindedForDue: item.remindedForDue,
    escalatedForDue: item.escalatedForDue,
    owners: hypothesisOwners(item),
    repo: `${item.owner}/${item.name}`,
    issueNumber: item.issueNumber,
    hypothesisTitle: item.hypothesisTitle,
    hypothesisUrl: item.hypothesisUrl,
  };
}

/**
 * Plans one installation's sweep and applies it: one reminder (comment, then the overdue label)
 * and one escalation per due date, each comment keyed so two sweeps at once still post once; a
 * sweep that finds the other one posting skips the item. A removed installation is marked
 * inactive and skipped. An issue GitHub refuses for good (deleted, locked) is logged and given up
 * on for this due date, so it does not block the items after it.
 */
export async function sweepInstallation(rt: Runtime, gh: GitHub, installationId: number, budget: number, log: Logger): Promise<InstallationPlan | "inactive"> {
  if (!(await isInstallationActive(rt.db, installationId))) return "inactive";
  let plan: InstallationPlan;
  try {
    plan = await planInstallationSweep(rt, gh, installationId, budget);
  } catch (err) {
    if (goneInstallation(err) === undefined) throw err;
    await setInstallationActive(rt.db, installationId, false, rt.clock.now());
    log.warn({ installation: installationId }, "installation is gone; marked inactive and skipped");
    return "inactive";
  }
  const touchedRepos = new Set<number>();
  for (const effect of plan.effects) {
    const [owner, repo] = effect.repo.split("/") as [string, string];
    const ref = { owner, repo };
    try {
      await ensureComment(rt, gh, effect.key, ref, effect.issueNumber, effect.body);
      if (effect.kind === "remind") await gh.addLabels(ref, effect.issueNumber, [effect.label]);
    } catch (err) {
      if (err instanceof WriteInProgress) {
        log.info({ senseItem: effect.itemId, key: effect.key }, "another sweep is posting this; skipped");
        continue;
      }
      if (!(err instanceof GitHubError && err.failure === "permanent")) throw err;
      log.warn({ err, senseItem: effect.itemId, repo: effect.repo, issue: effect.issueNumber }, "GitHub refused the sense issue; given up on for this due date");
    }
    const item = await getSenseItem(rt.db, effect.itemId);
    if (!item) continue;
    const next = transition(item.state as SenseState, effect.kind === "remind" ? "due" : "escalated");
    await updateSenseItem(rt.db, item.id, { ...(effect.kind === "remind" ? { remindedForDue: effect.dueAt } : { escalatedForDue: effect.dueAt }), ...(next ? { state: next } : {}) }, rt.clock.now());
    touchedRepos.add(item.repositoryId);
  }
  for (const repositoryId of touchedRepos) await enqueueDashboard(rt, { installationId, repositoryId });
  log.info({ installation: installationId, effects: plan.effects.length, deferred: plan.deferred, skipped: plan.skipped }, "installation swept");
  return plan;
}
