import { dueness } from "./due.js";
import { writesIn, type Effect } from "./effects.js";
import { transition, type LoopItem, type LoopRules } from "./sense-loop.js";

/** One loop's part of a sweep: its reminder and/or escalation, in order. */
export interface SweepStep {
  itemId: number;
  effects: Effect[];
}

export interface SweepPlan {
  steps: SweepStep[];
  /** Loops left out for lack of budget; the next run picks them up. */
  deferred: number;
}

/**
 * Which reminders and escalations are due now, most overdue first, within a budget of GitHub
 * writes (a reminder costs its comment and its label, an escalation its comment). What each
 * asks for comes from the state machine, so the sweep says nothing the machine would not.
 */
export function planSweep(items: readonly LoopItem[], rulesFor: (item: LoopItem) => LoopRules, now: Date, budget: number): SweepPlan {
  const pending = items
    .map((item) => ({ item, moves: movesFor(item, rulesFor(item), now) }))
    .filter((entry) => entry.moves.length > 0)
    .sort((a, b) => a.item.dueAt.getTime() - b.item.dueAt.getTime() || a.item.id - b.item.id);

  const limit = Number.isNaN(budget) ? 0 : budget;
  const steps: SweepStep[] = [];
  let spent = 0;
  let deferred = 0;
  let full = false;
  for (const { item, moves } of pending) {
    const effects: Effect[] = [];
    let planned = 0;
    for (const move of moves) {
      const cost = writesIn(move);
      if (full || spent + cost > limit) {
        full = true;
        break;
      }
      spent += cost;
      effects.push(...move);
      planned++;
    }
    if (effects.length > 0) steps.push({ itemId: item.id, effects });
    if (planned < moves.length) deferred++;
  }
  return { steps, deferred };
}

/**
 * How long a reminder waits for the due date's reading, so it can carry it: a reading takes
 * seconds, and its job asks for the installation's sweep as soon as it is in. After this the
 * reminder goes out saying the reading is not in yet; no second comment follows.
 */
export const DUE_READING_WAIT_MS = 3_600_000;

function awaitingDueReading(item: LoopItem, rules: LoopRules, now: Date): boolean {
  if (!item.signal || item.signal.settled) return false;
  return now.getTime() < item.dueAt.getTime() + rules.graceDays * 86_400_000 + DUE_READING_WAIT_MS;
}

/** The reminder then the escalation a loop is owed now, each the effects of its transition. */
function movesFor(item: LoopItem, rules: LoopRules, now: Date): Effect[][] {
  const owed = dueness(item, rules, now);
  const moves: Effect[][] = [];
  let current = item;
  if (owed.remind && awaitingDueReading(item, rules, now)) return moves;
  if (owed.remind) {
    const reminded = transition(current, { type: "due" }, rules, now);
    if (!reminded) return moves;
    moves.push(reminded.effects);
    current = { ...current, state: reminded.next ?? current.state, remindedForDue: current.dueAt };
  }
  if (owed.escalate) {
    const escalated = transition(current, { type: "escalated" }, rules, now);
    if (escalated) moves.push(escalated.effects);
  }
  return moves;
}
