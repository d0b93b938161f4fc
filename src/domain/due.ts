import { isOpen, type SenseState } from "./sense-state.js";

const DAY_MS = 86_400_000;

/** A repository's timing rules (`respond.graceDays`, `respond.escalateAfterDays`). */
export interface DueRules {
  graceDays: number;
  escalateAfterDays: number;
}

export interface DueFacts {
  state: SenseState;
  dueAt: Date;
  /** The due date the last reminder answered; null when never reminded. */
  remindedForDue: Date | null;
  /** The due date the escalation answered; null when never escalated. */
  escalatedForDue: Date | null;
}

/**
 * The one definition of "overdue": an open loop past its due date plus the grace days. The
 * dashboards, the sweep and the SQL that pre-selects due items (tested against this) all use it.
 */
export function isOverdue(item: Pick<DueFacts, "state" | "dueAt">, rules: Pick<DueRules, "graceDays">, now: Date): boolean {
  return isOpen(item.state) && Number.isFinite(item.dueAt.getTime()) && now.getTime() >= item.dueAt.getTime() + rules.graceDays * DAY_MS;
}

/** When an overdue loop is escalated: `escalateAfterDays` after it became overdue. */
export function escalatesAt(item: Pick<DueFacts, "dueAt">, rules: DueRules): Date {
  return new Date(item.dueAt.getTime() + (rules.graceDays + rules.escalateAfterDays) * DAY_MS);
}

/**
 * What the sweep owes a loop now: one reminder per due date once it is overdue (an `/extend`
 * moves the due date and so earns a new one), and one escalation per due date after that.
 */
export function dueness(item: DueFacts, rules: DueRules, now: Date): { remind: boolean; escalate: boolean } {
  const due = item.dueAt.getTime();
  // An escalation comes after its reminder: a loop escalated for this due date is owed nothing more for it.
  if (!isOverdue(item, rules, now) || item.escalatedForDue?.getTime() === due) return { remind: false, escalate: false };
  return {
    remind: item.remindedForDue?.getTime() !== due,
    escalate: now.getTime() >= escalatesAt(item, rules).getTime(),
  };
}

/** Whole days a loop is past its due date (0 before it). */
export function daysPastDue(item: Pick<DueFacts, "dueAt">, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - item.dueAt.getTime()) / DAY_MS));
}
