import { replacePullRequestHypotheses, upsertPullRequest } from "../db/queries/pull-requests.js";
import type { StoredReference } from "../db/schema/pull-requests.js";
import type { CheckOutcome } from "../domain/check-decision.js";
import type { Exemption } from "../domain/exemptions.js";
import { stripNul } from "../domain/sanitize.js";
import type { PullRequestData } from "../github/port.js";
import type { Resolution } from "./resolve-references.js";
import type { Scope } from "./scope.js";

/** Stores the PR as this check saw it, and the hypotheses it points to (for re-checks and ships). */
export async function recordCheck(scope: Scope, repositoryId: number, pr: PullRequestData, outcome: CheckOutcome | null, exemption: Exemption | undefined, resolutions: readonly Resolution[]): Promise<void> {
  const now = scope.clock.now();
  const references: StoredReference[] = resolutions.map((r) => ({
    raw: stripNul(r.raw).slice(0, 300),
    repo: r.repo,
    number: r.number,
    repositoryId: r.repositoryId,
    problem: r.problem ?? null,
  }));
  await scope.db.transaction(async (tx) => {
    await upsertPullRequest(tx, {
      repositoryId,
      number: pr.number,
      title: stripNul(pr.title).slice(0, 1000),
      htmlUrl: pr.htmlUrl,
      authorLogin: pr.authorLogin,
      state: pr.state,
      draft: pr.draft,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      mergedAt: pr.mergedAt ? new Date(pr.mergedAt) : null,
      mergeCommitSha: pr.merged ? pr.mergeCommitSha : null,
      ...(outcome !== null ? { outcome, exemption: exemption ? `${exemption.kind}: ${stripNul(exemption.reason).slice(0, 500)}` : null, references, checkedAt: now } : {}),
      updatedAt: now,
    });
    if (outcome !== null && outcome !== "config_invalid") {
      const targets = resolutions.filter((r) => r.repositoryId !== null).map((r) => ({ repositoryId: r.repositoryId!, number: r.number }));
      await replacePullRequestHypotheses(tx, repositoryId, pr.number, targets);
    }
  });
}
