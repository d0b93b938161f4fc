import type { Logger } from "probot";
import { getHypothesis, isValidHypothesis, markHypothesisGone, upsertHypothesis, type HypothesisRow } from "../db/queries/hypotheses.js";
import { openPullRequestsReferencing } from "../db/queries/pull-requests.js";
import type { GitHub } from "../github/port.js";
import { enqueueCheck } from "../jobs/enqueue.js";
import type { Runtime } from "../runtime.js";
import { readRepoConfig } from "./repo-config.js";
import type { IssueSnapshot } from "../db/queries/hypotheses.js";

export interface IssueChange {
  installationId: number;
  repository: { id: number; owner: string; name: string };
  action: string;
  issue: IssueSnapshot;
}

/**
 * Mirrors a hypothesis from an `issues` event and, when it stops or starts being a valid
 * hypothesis, re-checks the open PRs that reference it. Issues with no label that we do not
 * already mirror cost nothing: no config read, no write.
 */
export async function onIssueChanged(rt: Runtime, gh: GitHub, change: IssueChange, log: Logger): Promise<void> {
  const { repository, issue } = change;
  const existing = await getHypothesis(rt.db, repository.id, issue.number);

  if (change.action === "deleted" || change.action === "transferred") {
    if (!existing) return;
    await markHypothesisGone(rt.db, repository.id, issue.number, rt.clock.now());
    await recheckReferencingPullRequests(rt, change.installationId, repository.id, issue.number, log);
    return;
  }
  if (!existing && issue.labels.length === 0) return;

  const loaded = await readRepoConfig(rt, gh, repository.id, { owner: repository.owner, repo: repository.name });
  if (!loaded.ok) return;
  const label = loaded.config.hypotheses.label.toLowerCase();
  const labelled = issue.labels.some((l) => l.toLowerCase() === label);
  if (!existing && !labelled) return;

  const stored = await upsertHypothesis(rt.db, repository.id, issue, rt.clock.now());
  if (validityChanged(existing, stored, label)) {
    await recheckReferencingPullRequests(rt, change.installationId, repository.id, issue.number, log);
  }
}

function validityChanged(before: HypothesisRow | undefined, after: HypothesisRow, label: string): boolean {
  return (before ? isValidHypothesis(before, label) : false) !== isValidHypothesis(after, label);
}

export async function recheckReferencingPullRequests(rt: Runtime, installationId: number, hypothesisRepositoryId: number, number: number, log: Logger): Promise<number> {
  const prs = await openPullRequestsReferencing(rt.db, hypothesisRepositoryId, number);
  for (const pr of prs) await enqueueCheck(rt, { installationId, repositoryId: pr.repositoryId, number: pr.number });
  if (prs.length > 0) log.info({ hypothesis: number, prs: prs.length }, "hypothesis changed; re-checking the PRs that reference it");
  return prs.length;
}
