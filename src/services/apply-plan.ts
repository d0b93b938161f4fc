import { isGitHubEffect, type Effect, type FollowUp, type GitHubEffect, type SenseItemChange } from "../domain/effects.js";
import { renderCommentMarker } from "../domain/markers.js";
import { ensureComment, writeOnce, type Ensured } from "../github/ensure.js";
import { GitHubError, stopsTheJob } from "../github/errors.js";
import { WriteInProgress } from "../github/ledger.js";
import type { Scope } from "./scope.js";

export type EffectOutcome = "done" | "already" | "refused" | "busy" | "failed";

export interface AppliedPlan {
  outcomes: { effect: GitHubEffect; outcome: EffectOutcome; reason?: string }[];
  /** Another worker is making one of the writes: its item changes and follow-ups were left to it. */
  busy: boolean;
  followUps: FollowUp[];
}

/**
 * Carries out a plan. Its GitHub effects are applied independently, each once through the write
 * ledger: one GitHub refuses for good (404, 410, 422) is recorded with its reason and the others
 * still happen; a transient failure is thrown after the others were tried, so the retry redoes
 * only what is not done yet. Item changes and follow-ups come last, once every GitHub effect is
 * settled: a reminder is recorded only when posted (or given up on).
 */
export async function applyPlan(scope: Scope, effects: readonly Effect[]): Promise<AppliedPlan> {
  const applied: AppliedPlan = { outcomes: [], busy: false, followUps: [] };
  let transient: unknown;
  for (const effect of effects.filter(isGitHubEffect)) {
    try {
      const result = await perform(scope, effect);
      if (result.status === "refused") applied.outcomes.push({ effect, outcome: "refused", reason: result.reason });
      else applied.outcomes.push({ effect, outcome: result.status === "done" || result.status === "found" ? "already" : "done" });
    } catch (err) {
      if (err instanceof WriteInProgress) {
        applied.busy = true;
        applied.outcomes.push({ effect, outcome: "busy" });
      } else if (err instanceof GitHubError && err.failure === "permanent") {
        await scope.ledger.refuse(effect.key, err.message);
        scope.log.warn({ key: effect.key, status: err.status, request: err.request }, "GitHub refused a write for good; recorded, the rest of the plan goes on");
        applied.outcomes.push({ effect, outcome: "refused", reason: err.message });
      } else if (stopsTheJob(err)) {
        // Every later call of this installation would be held or refused too: stop the job now.
        throw err;
      } else {
        transient ??= err;
        applied.outcomes.push({ effect, outcome: "failed" });
      }
    }
  }
  if (transient !== undefined) throw transient;
  if (applied.busy) return applied;
  for (const effect of effects) {
    if (effect.kind === "sense-item") await applyChange(scope, effect);
    else if (effect.kind === "follow-up") applied.followUps.push(effect.followUp);
  }
  return applied;
}

async function applyChange(scope: Scope, change: SenseItemChange): Promise<void> {
  const moved = await scope.store.apply(change, scope.clock.now());
  if (!moved) scope.log.info({ senseItem: change.itemId, from: change.from }, "sense item changed since the plan; its change was skipped");
}

async function perform(scope: Scope, effect: GitHubEffect): Promise<Ensured<unknown>> {
  const { gh, ledger } = scope;
  const ref = { owner: effect.on.owner, repo: effect.on.repo };
  switch (effect.kind) {
    case "comment":
      return ensureComment(gh, ledger, effect.key, effect.on, effect.body, renderCommentMarker(effect.key));
    case "add-labels":
      return once(scope, effect.key, () => gh.issues.addLabels(ref, effect.on.number, effect.labels));
    case "remove-label":
      return once(scope, effect.key, () => gh.issues.removeLabel(ref, effect.on.number, effect.label));
    case "set-issue-state":
      return once(scope, effect.key, () => gh.issues.update(ref, effect.on.number, { state: effect.state, stateReason: effect.reason }));
    case "react":
      return once(scope, effect.key, () => gh.issues.addReaction(ref, effect.commentId, effect.content));
  }
}

/** An idempotent write (labels, state, reactions), recorded once done so a retry skips it. */
function once(scope: Scope, key: string, write: () => Promise<void>): Promise<Ensured<true>> {
  return writeOnce(scope.ledger, key, {
    find: async () => null,
    create: async () => {
      await write();
      return true as const;
    },
  });
}
