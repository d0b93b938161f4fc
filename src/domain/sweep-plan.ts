import { echo, echoLine } from "./sanitize.js";
import { isOpen, type SenseState } from "./sense-state.js";

export interface SweepItem {
  id: number;
  state: SenseState;
  dueAt: Date;
  /** The due date the last reminder was sent for; null when never reminded. */
  remindedForDue: Date | null;
  /** The due date the escalation was sent for; null when never escalated. */
  escalatedForDue: Date | null;
  owners: string[];
  repo: string;
  issueNumber: number;
  hypothesisTitle: string;
  hypothesisUrl: string;
}

export interface SweepRules {
  graceDays: number;
  escalateAfterDays: number;
  /** Logins and org/team slugs, with or without a leading `@`. */
  escalateTo: string[];
  overdueLabel: string;
}

/**
 * One write the sweep asks for. `key` names it in the write ledger; `dueAt` is the due date it
 * answers, for the caller to store as `remindedForDue` / `escalatedForDue`. Bodies carry no
 * hidden marker: the caller appends it.
 */
export type SweepEffect =
  | { kind: "remind"; itemId: number; key: string; dueAt: Date; label: string; body: string }
  | { kind: "escalate"; itemId: number; key: string; dueAt: Date; body: string };

/** GitHub writes per reminder: the overdue label and the comment. */
export const REMIND_WRITES = 2;
/** GitHub writes per escalation: the comment. */
export const ESCALATE_WRITES = 1;

const DAY_MS = 86_400_000;
const LOGIN = /^[A-Za-z0-9-]{1,39}(\[bot\])?$/;
const TEAM = /^[A-Za-z0-9-]{1,39}\/[A-Za-z0-9_.-]{1,100}$/;
const ANSWER = "`/respond persevere|pivot|kill <what we learned>`";
const MORE_TIME = "`/extend <days> <reason>`";

/**
 * Which reminders and escalations are due now, most overdue first, within a budget of GitHub
 * writes. One reminder per due date (an `/extend` moves the due date and so earns a new one), one
 * escalation per due date, and only after that due date's reminder. Items left out for lack of
 * budget are counted in `deferred`; the next run picks them up.
 */
export function planSweep(
  items: SweepItem[],
  rulesFor: (item: SweepItem) => SweepRules,
  now: Date,
  budget: number,
): { effects: SweepEffect[]; deferred: number } {
  const pending = items
    .filter((item) => isOpen(item.state) && Number.isFinite(item.dueAt.getTime()))
    .map((item) => ({ item, effects: effectsFor(item, rulesFor(item), now) }))
    .filter((entry) => entry.effects.length > 0)
    .sort((a, b) => a.item.dueAt.getTime() - b.item.dueAt.getTime() || a.item.id - b.item.id);

  const limit = Number.isNaN(budget) ? 0 : budget;
  const effects: SweepEffect[] = [];
  let spent = 0;
  let deferred = 0;
  let full = false;
  for (const entry of pending) {
    let planned = 0;
    for (const effect of entry.effects) {
      const cost = effect.kind === "remind" ? REMIND_WRITES : ESCALATE_WRITES;
      if (full || spent + cost > limit) {
        full = true;
        break;
      }
      spent += cost;
      effects.push(effect);
      planned++;
    }
    if (planned < entry.effects.length) deferred++;
  }
  return { effects, deferred };
}

function effectsFor(item: SweepItem, rules: SweepRules, now: Date): SweepEffect[] {
  const due = item.dueAt.getTime();
  const overdueAt = due + rules.graceDays * DAY_MS;
  const escalateAt = overdueAt + rules.escalateAfterDays * DAY_MS;
  const dueKey = item.dueAt.toISOString();
  const effects: SweepEffect[] = [];
  if (now.getTime() < overdueAt) return effects;

  const reminded = item.remindedForDue?.getTime() === due;
  if (!reminded) {
    effects.push({
      kind: "remind",
      itemId: item.id,
      key: `reminder:${item.id}:${dueKey}`,
      dueAt: item.dueAt,
      label: rules.overdueLabel,
      body: reminderBody(item),
    });
  }
  if (now.getTime() >= escalateAt && item.escalatedForDue?.getTime() !== due) {
    effects.push({ kind: "escalate", itemId: item.id, key: `escalation:${item.id}:${dueKey}`, dueAt: item.dueAt, body: escalationBody(item, rules, now) });
  }
  return effects;
}

function reminderBody(item: SweepItem): string {
  const owners = mentions(item.owners.filter((login) => LOGIN.test(login)));
  return [
    `${owners || "Team"} — ${hypothesis(item)} was due for a response on ${isoDate(item.dueAt)}. What did the signal show?`,
    "",
    `Answer here with ${ANSWER}, or ask for more time with ${MORE_TIME}.`,
  ].join("\n");
}

function escalationBody(item: SweepItem, rules: SweepRules, now: Date): string {
  const owners = unique(item.owners.filter((login) => LOGIN.test(login)));
  const targets = unique(rules.escalateTo.map((handle) => handle.replace(/^@/, "")).filter((handle) => LOGIN.test(handle) || TEAM.test(handle)));
  const addressed = targets.length > 0 ? targets : owners;
  const late = Math.floor((now.getTime() - item.dueAt.getTime()) / DAY_MS);
  const who =
    targets.length > 0 && owners.length > 0
      ? ` Its owners (${owners.map((login) => echo(`@${login}`)).join(", ")}) had a reminder.`
      : "";
  return [
    `${mentions(addressed) || "Team"} — ${hypothesis(item)} is ${days(late)} past its due date (${isoDate(item.dueAt)}) and still has no response.${who}`,
    "",
    `Could you help the team decide? One comment closes the loop: ${ANSWER}, or ${MORE_TIME} if the signal needs more time.`,
  ].join("\n");
}

function hypothesis(item: SweepItem): string {
  return `[${echoLine(item.hypothesisTitle).replace(/[[\]]/g, "\\$&")}](${item.hypothesisUrl})`;
}

function mentions(handles: string[]): string {
  return unique(handles)
    .map((handle) => `@${handle}`)
    .join(" ");
}

function unique(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => {
    const key = value.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function days(count: number): string {
  return count === 1 ? "1 day" : `${count} days`;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
