import type { RepoConfig } from "../config/schema.js";
import type { HypothesisRow } from "../db/queries/hypotheses.js";
import type { RepositoryRow } from "../db/queries/repositories.js";
import type { SenseItemRow } from "../db/queries/sense-items.js";
import { hypothesisOwners } from "../domain/hypothesis.js";
import type { LoopItem, LoopRules } from "../domain/sense-loop.js";

type ItemFacts = Pick<SenseItemRow, "id" | "installationId" | "repositoryId" | "state" | "environment" | "dueAt" | "remindedForDue" | "escalatedForDue" | "issueNumber">;
type HypothesisFacts = Pick<HypothesisRow, "number" | "title" | "htmlUrl" | "assignees" | "authorLogin">;

/** A sense item as the state machine sees it; its issue and hypothesis live in `repository`. */
export function loopItem(item: ItemFacts, hypothesis: HypothesisFacts, repository: Pick<RepositoryRow, "owner" | "name">): LoopItem {
  const repo = { owner: repository.owner, repo: repository.name };
  return {
    id: item.id,
    installationId: item.installationId,
    repositoryId: item.repositoryId,
    state: item.state,
    environment: item.environment,
    dueAt: item.dueAt,
    remindedForDue: item.remindedForDue,
    escalatedForDue: item.escalatedForDue,
    issue: item.issueNumber === null ? null : { ...repo, number: item.issueNumber },
    hypothesis: { on: { ...repo, number: hypothesis.number }, title: hypothesis.title, htmlUrl: hypothesis.htmlUrl, owners: hypothesisOwners(hypothesis) },
  };
}

export function loopRules(config: RepoConfig): LoopRules {
  const { graceDays, escalateAfterDays, escalateTo, overdueLabel, reopenWithoutResponse } = config.respond;
  return { graceDays, escalateAfterDays, escalateTo, overdueLabel, reopenWithoutResponse };
}
