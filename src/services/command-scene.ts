import type { RepoConfig } from "../config/schema.js";
import type { HypothesisRow } from "../db/queries/hypotheses.js";
import type { SenseItemRow } from "../db/queries/sense-items.js";
import type { FollowUp, IssueTarget } from "../domain/effects.js";
import type { LoopItem } from "../domain/sense-loop.js";
import { applyPlan } from "./apply-plan.js";
import type { Scope } from "./scope.js";

export interface SenseComment {
  installationId: number;
  repository: { id: number; owner: string; name: string };
  issueNumber: number;
  comment: { id: number; body: string; htmlUrl: string; authorLogin: string; authorIsBot: boolean };
}

/** One command on a sense issue, with everything its decision needs. */
export interface CommandScene {
  scope: Scope;
  item: SenseItemRow;
  loop: LoopItem;
  hypothesis: HypothesisRow;
  config: RepoConfig;
  input: SenseComment;
  issue: IssueTarget;
}

/** A one-comment plan: the reply to a command that changes nothing. */
export async function reply(scene: CommandScene, key: string, body: string): Promise<FollowUp[]> {
  return (await applyPlan(scene.scope, [{ kind: "comment", key, on: scene.issue, body }])).followUps;
}

