import { getHypothesis, markHypothesisGone, type HypothesisRow, type IssueSnapshot } from "../db/queries/hypotheses.js";
import { openPullRequestsReferencing } from "../db/queries/pull-requests.js";
import { openSenseItemIdsOf } from "../db/queries/sense-items.js";
import type { FollowUp } from "../domain/effects.js";
import { isValidHypothesis } from "../domain/hypothesis.js";
import { mirrorHypothesis } from "./hypothesis-mirror.js";
import { readRepoConfig } from "./repo-config.js";
import type { Scope } from "./scope.js";

export interface IssueChange {
  installationId: number;
  repository: { id: number; owner: string; name: string };
  action: string;
  issue: IssueSnapshot;
}

/**
 * Mirrors a hypothesis from an `issues` event and, when it stops or starts being a valid
 * hypothesis or its title or Signal query changes (the check summary names them), re-checks the
 * open PRs that reference it; a changed Signal query also re-syncs its open sense issues. Issues with no label that we do not already mirror cost nothing: no config
 * read, no write.
 */
export async function onIssueChanged(scope: Scope, change: IssueChange): Promise<FollowUp[]> {
  const { repository, issue } = change;
  const existing = await getHypothesis(scope.db, repository.id, issue.number);

  if (change.action === "deleted" || change.action === "transferred") {
    if (!existing) return [];
    await markHypothesisGone(scope.db, repository.id, issue.number, scope.clock.now());
    return recheckReferencingPullRequests(scope, change.installationId, repository.id, issue.number);
  }
  if (!existing && issue.labels.length === 0) return [];

  const loaded = await readRepoConfig(scope, repository.id, { owner: repository.owner, repo: repository.name });
  if (!loaded.ok) {
    // No action while the config is invalid, but a hypothesis already mirrored stays true to GitHub: checks read it.
    if (existing) await mirrorHypothesis(scope.db, repository.id, issue, scope.clock.now());
    return [];
  }
  const label = loaded.config.hypotheses.label.toLowerCase();
  const labelled = issue.labels.some((l) => l.toLowerCase() === label);
  if (!existing && !labelled) return [];

  const stored = await mirrorHypothesis(scope.db, repository.id, issue, scope.clock.now());
  // The sense issues show the query line (or its problem), and so do the checks that reference it.
  const queryChanged = existing !== undefined && existing.signalQuery !== stored.signalQuery;
  const syncs: FollowUp[] = queryChanged ? (await openSenseItemIdsOf(scope.db, stored.id)).map((senseItemId) => ({ kind: "sync-sense-issue", senseItemId })) : [];
  if (!queryChanged && !seenByChecksChanged(existing, stored, label)) return [];
  return [...syncs, ...(await recheckReferencingPullRequests(scope, change.installationId, repository.id, issue.number))];
}

/** What a check of a referencing PR shows about the hypothesis: whether it is valid, and its title. */
function seenByChecksChanged(before: HypothesisRow | undefined, after: HypothesisRow, label: string): boolean {
  const valid = isValidHypothesis(after, label);
  if ((before ? isValidHypothesis(before, label) : false) !== valid) return true;
  return before !== undefined && valid && before.title !== after.title;
}

export async function recheckReferencingPullRequests(scope: Scope, installationId: number, hypothesisRepositoryId: number, number: number): Promise<FollowUp[]> {
  const prs = await openPullRequestsReferencing(scope.db, hypothesisRepositoryId, number);
  if (prs.length > 0) scope.log.info({ hypothesis: number, prs: prs.length }, "hypothesis changed; re-checking the PRs that reference it");
  return prs.map((pr) => ({ kind: "recheck-pr", installationId, repositoryId: pr.repositoryId, number: pr.number }));
}
