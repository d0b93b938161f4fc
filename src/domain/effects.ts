/**
 * What a decision asks for, as data: the domain plans, one apply step (services/apply-plan.ts)
 * carries it out through the GitHub port and the write ledger. Every GitHub effect has a ledger
 * key, so a retried plan redoes only what is not done yet, and a refused one is recorded.
 */
import type { ReadingSlotKind } from "./reading-slots.js";
import type { SenseState } from "./sense-state.js";
import type { ShipEvent } from "./ship-event.js";

/** An issue (or PR) on GitHub. */
export interface IssueTarget {
  owner: string;
  repo: string;
  number: number;
}

export type GitHubEffect =
  /** A bot comment, found again by the hidden marker of its key. */
  | { kind: "comment"; key: string; on: IssueTarget; body: string }
  | { kind: "add-labels"; key: string; on: IssueTarget; labels: string[] }
  | { kind: "remove-label"; key: string; on: IssueTarget; label: string }
  | { kind: "set-issue-state"; key: string; on: IssueTarget; state: "open" | "closed"; reason: "completed" | "not_planned" | "reopened" }
  | { kind: "react"; key: string; on: IssueTarget; commentId: number; content: "+1" };

/** A sense item's move, applied once every GitHub effect of its plan is settled. */
export interface SenseItemChange {
  kind: "sense-item";
  itemId: number;
  /** The state the plan was made from: the change applies only if the item is still in it. */
  from: SenseState;
  /** The next state; undefined when only fields change. */
  to: SenseState | undefined;
  set: { remindedForDue?: Date; escalatedForDue?: Date };
}

/** Work for another job, enqueued by the job layer after the plan is applied. */
export type FollowUp =
  /** `rerun`: someone pressed GitHub's Re-run, which resets the check suite: write the check run even if unchanged. */
  | { kind: "recheck-pr"; installationId: number; repositoryId: number; number: number; notice?: string; rerun?: boolean }
  | { kind: "sync-sense-issue"; senseItemId: number }
  | { kind: "refresh-dashboard"; installationId: number; repositoryId: number }
  | { kind: "ship"; ship: ShipEvent }
  | { kind: "sweep-installation"; installationId: number; budget: number }
  /** Read one slot of an item's signal, not before `notBefore` (a parked or retried read). */
  | { kind: "read-slot"; senseItemId: number; installationId: number; slot: SlotRequest; notBefore?: Date };

/** A reading slot as jobs carry it (JSON): its kind and the ISO time it reads. */
export interface SlotRequest {
  kind: ReadingSlotKind;
  at: string;
}

export type Effect = GitHubEffect | SenseItemChange | { kind: "follow-up"; followUp: FollowUp };

export const followUp = (work: FollowUp): Effect => ({ kind: "follow-up", followUp: work });

export function isGitHubEffect(effect: Effect): effect is GitHubEffect {
  return effect.kind !== "sense-item" && effect.kind !== "follow-up";
}

/** GitHub writes in a plan: what the sweep's budget counts. */
export function writesIn(effects: readonly Effect[]): number {
  return effects.filter(isGitHubEffect).length;
}
