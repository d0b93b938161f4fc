import { getHypothesisById } from "../db/queries/hypotheses.js";
import { getRepository } from "../db/queries/repositories.js";
import type { SenseItemRow } from "../db/queries/sense-items.js";
import type { FollowUp } from "../domain/effects.js";
import { transition } from "../domain/sense-loop.js";
import { applyPlan } from "./apply-plan.js";
import { loopItem, loopRules } from "./loop-item.js";
import { readRepoConfig } from "./repo-config.js";
import type { Scope } from "./scope.js";

/**
 * A sense issue closed by someone before a response was recorded: reopened, with one comment
 * (the first time only) asking for `/respond`, unless `respond.reopenWithoutResponse` is off.
 */
export async function onSenseIssueClosed(scope: Scope, item: SenseItemRow, closed: { by: string; deliveryId: string }): Promise<FollowUp[]> {
  if (item.state === "responded" || item.state === "rolled_back" || item.respondedAt) return [];
  const hypothesis = await getHypothesisById(scope.db, item.hypothesisId);
  const repository = hypothesis && (await getRepository(scope.db, hypothesis.repositoryId));
  if (!hypothesis || !repository) return [];
  const loaded = await readRepoConfig(scope, item.repositoryId, { owner: repository.owner, repo: repository.name });
  if (!loaded.ok) return [];
  const plan = transition(loopItem(item, hypothesis, repository), { type: "closed_without_response", closedBy: closed.by, closing: closed.deliveryId }, loopRules(loaded.config), scope.clock.now());
  if (!plan) return [];
  const applied = await applyPlan(scope, plan.effects);
  scope.log.info({ senseItem: item.id, closedBy: closed.by }, "sense issue closed without a response; reopened");
  return applied.followUps;
}
