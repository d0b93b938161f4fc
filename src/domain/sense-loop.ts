import type { Decision } from "./commands.js";
import type { DueRules } from "./due.js";
import { followUp, type Effect, type IssueTarget } from "./effects.js";
import { escalationBody, reminderBody } from "./reminder-words.js";
import { escalationKey, reminderKey } from "./loop-keys.js";
import { respondReplies } from "./respond-words.js";
import { nextState, type SenseState } from "./sense-state.js";

/** A sense item as the loop's decisions see it. */
export interface LoopItem {
  id: number;
  installationId: number;
  /** The repository of the hypothesis and its sense issue. */
  repositoryId: number;
  state: SenseState;
  environment: string;
  dueAt: Date;
  remindedForDue: Date | null;
  escalatedForDue: Date | null;
  /** The sense issue, once opened. */
  issue: IssueTarget | null;
  hypothesis: { on: IssueTarget; title: string; htmlUrl: string; owners: readonly string[] };
  /** The signal at this due date, when the hypothesis names a signal query: what a reminder carries. */
  signal?: LoopSignal | null;
}

export interface LoopSignal {
  /** The due date's reading is in: read, or failed for good. */
  settled: boolean;
  /** The one line a reminder says about it (`reminderSignalLine`). */
  line: string;
}

export interface LoopRules extends DueRules {
  escalateTo: readonly string[];
  overdueLabel: string;
  reopenWithoutResponse: boolean;
}

/** The comment that carried a command. */
export interface CommandComment {
  id: number;
  htmlUrl: string;
  authorLogin: string;
}

export type SenseEvent =
  | { type: "issue_opened" }
  | { type: "due" }
  | { type: "escalated" }
  | { type: "extended"; command: CommandComment; newDueAt: Date; reason: string; used: number; max: number }
  /** `signalLine`: what the signal read when the team decided, as recorded with the response. */
  | { type: "responded"; command: CommandComment; decision: Decision; learning: string; signalLine?: string | null }
  | { type: "rolled_back" }
  | { type: "shipped_again" }
  /** Someone closed the sense issue before a response: not a move, but it asks for one. `closing` names this closing (its delivery). */
  | { type: "closed_without_response"; closedBy: string; closing: string };

export interface Transition {
  /** The next state; undefined when the event changes no state. */
  next: SenseState | undefined;
  effects: Effect[];
}

const LOGIN = /^[A-Za-z0-9-]{1,39}$/;

/**
 * The loop's one state machine: the next state and everything the move asks of GitHub and of
 * the other jobs. Null when the event does not apply in the item's state (the caller ignores it).
 * Moves the sweep makes (`due`, `escalated`) carry the item's change as an effect, applied after
 * their comment is posted; a command's move is recorded by its service first, then announced.
 */
export function transition(item: LoopItem, event: SenseEvent, rules: LoopRules, now: Date): Transition | null {
  if (event.type === "closed_without_response") return closedWithoutResponse(item, event, rules);
  const next = nextState(item.state, event.type);
  if (next === undefined) return null;
  const effects = effectsOf(item, event, next, rules, now);
  return effects === null ? null : { next, effects };
}

/**
 * What a command the team gave (a response, an extension) asks of GitHub, once its service has
 * recorded it: the same effects `transition` returns, also when a retry finds it recorded already.
 */
export function announce(item: LoopItem, event: Extract<SenseEvent, { type: "responded" | "extended" }>, rules: LoopRules, now: Date): Effect[] {
  return effectsOf(item, event, nextState(item.state, event.type) ?? item.state, rules, now) ?? [];
}

function effectsOf(item: LoopItem, event: Exclude<SenseEvent, { type: "closed_without_response" }>, next: SenseState, rules: LoopRules, now: Date): Effect[] | null {
  const dashboard = followUp({ kind: "refresh-dashboard", installationId: item.installationId, repositoryId: item.repositoryId });
  const due = item.dueAt.toISOString();
  switch (event.type) {
    case "issue_opened":
      return [];
    case "due": {
      if (!item.issue) return null;
      return [
        { kind: "comment", key: reminderKey(item.id, item.dueAt), on: item.issue, body: reminderBody(subject(item)) },
        { kind: "add-labels", key: `reminder-label:${item.id}:${due}`, on: item.issue, labels: [rules.overdueLabel] },
        { kind: "sense-item", itemId: item.id, from: item.state, to: next, set: { remindedForDue: item.dueAt } },
      ];
    }
    case "escalated": {
      if (!item.issue) return null;
      return [
        { kind: "comment", key: escalationKey(item.id, item.dueAt), on: item.issue, body: escalationBody(subject(item), rules.escalateTo, now) },
        { kind: "sense-item", itemId: item.id, from: item.state, to: next, set: { escalatedForDue: item.dueAt } },
      ];
    }
    case "extended": {
      if (!item.issue) return null;
      const words = respondReplies(event.command.authorLogin);
      return [
        { kind: "react", key: `react:${event.command.id}`, on: item.issue, commentId: event.command.id, content: "+1" },
        { kind: "comment", key: `extended:${event.command.id}`, on: item.issue, body: words.extended(event.newDueAt, event.reason, event.used, event.max) },
        { kind: "remove-label", key: `extended-unlabel:${event.command.id}`, on: item.issue, label: rules.overdueLabel },
        followUp({ kind: "sync-sense-issue", senseItemId: item.id }),
        dashboard,
      ];
    }
    case "responded": {
      if (!item.issue) return null;
      const words = respondReplies(event.command.authorLogin);
      const hypothesis = item.hypothesis.on;
      return [
        { kind: "react", key: `react:${event.command.id}`, on: item.issue, commentId: event.command.id, content: "+1" },
        { kind: "comment", key: `response:${item.id}`, on: item.issue, body: words.recorded(event.decision, event.learning, event.command.htmlUrl, event.signalLine) },
        { kind: "remove-label", key: `response-unlabel:${item.id}`, on: item.issue, label: rules.overdueLabel },
        { kind: "set-issue-state", key: `response-close:${item.id}`, on: item.issue, state: "closed", reason: "completed" },
        { kind: "comment", key: `response-hypothesis:${item.id}`, on: hypothesis, body: words.onHypothesis(event.decision, item.environment, event.learning, `#${item.issue.number}`, event.signalLine) },
        { kind: "add-labels", key: `response-label:${item.id}`, on: hypothesis, labels: [event.decision] },
        dashboard,
      ];
    }
    case "rolled_back":
    case "shipped_again":
      return [followUp({ kind: "sync-sense-issue", senseItemId: item.id })];
  }
}

function closedWithoutResponse(item: LoopItem, event: Extract<SenseEvent, { type: "closed_without_response" }>, rules: LoopRules): Transition | null {
  if (item.state === "responded" || item.state === "rolled_back" || !item.issue || !rules.reopenWithoutResponse) return null;
  const who = LOGIN.test(event.closedBy) ? `@${event.closedBy}, this` : "This";
  return {
    next: undefined,
    effects: [
      { kind: "set-issue-state", key: `reopen:${item.id}:${event.closing}`, on: item.issue, state: "open", reason: "reopened" },
      {
        kind: "comment",
        // The first time only: a second close reopens without a second comment.
        key: `reopened:${item.id}`,
        on: item.issue,
        body: `${who} loop is still open: nobody has recorded what the team learned. Reopening so it is not lost.\n\nAnswer with one line: \`/respond persevere|pivot|kill <what we learned>\`, or ask for more time with \`/extend <days> <reason>\`.`,
      },
    ],
  };
}

function subject(item: LoopItem) {
  return { dueAt: item.dueAt, owners: item.hypothesis.owners, hypothesisTitle: item.hypothesis.title, hypothesisUrl: item.hypothesis.htmlUrl, signalLine: item.signal?.line ?? null };
}
