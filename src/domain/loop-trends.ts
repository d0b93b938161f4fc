import { lastMonths, lastWeeks, monthStart, weekStart } from "./calendar.js";
import { daysToResponse, isPastDue, type MetricItem, type MetricMerged } from "./loop-metrics.js";

export interface ClosureMonth {
  monthStart: Date;
  /** Loops whose due date fell in that month and has passed (rolled-back work left out). */
  due: number;
  responded: number;
  /** responded / due; null when nothing fell due that month. */
  closureRate: number | null;
}

/** The closure rate of each month's cohort of due dates: the same rule as the headline closure rate. */
export function closureByMonth(input: { now: Date; months: number; items: readonly MetricItem[] }): ClosureMonth[] {
  const months = new Map(lastMonths(input.now, input.months).map((start) => [start.getTime(), { monthStart: start, due: 0, responded: 0 }]));
  for (const item of input.items) {
    const month = months.get(monthStart(item.dueAt).getTime());
    if (!month || item.state === "rolled_back" || !isPastDue(item, input.now)) continue;
    month.due++;
    if (item.response !== null) month.responded++;
  }
  return [...months.values()].map((month) => ({ ...month, closureRate: month.due === 0 ? null : month.responded / month.due }));
}

export interface MergedWeek {
  weekStart: Date;
  linked: number;
  exempt: number;
  /** Merged naming no valid hypothesis, or never checked. */
  missing: number;
}

/** Merged PRs of each week by what their hypothesis check said. */
export function mergedByWeek(input: { now: Date; weeks: number; merged: readonly MetricMerged[] }): MergedWeek[] {
  const weeks = new Map(lastWeeks(input.now, input.weeks).map((start) => [start.getTime(), { weekStart: start, linked: 0, exempt: 0, missing: 0 }]));
  for (const pr of input.merged) {
    const week = weeks.get(weekStart(pr.mergedAt).getTime());
    if (!week || pr.mergedAt.getTime() > input.now.getTime()) continue;
    if (pr.outcome === "linked") week.linked++;
    else if (pr.outcome === "exempt") week.exempt++;
    else week.missing++;
  }
  return [...weeks.values()];
}

export interface ResponseWait<T> {
  of: T;
  days: number;
}

/** Days from ship to response of the latest `limit` responses, newest last so a chart reads left to right. */
export function responseWaits<T extends MetricItem>(items: readonly T[], limit: number): ResponseWait<T>[] {
  return items
    .filter((item) => item.state !== "rolled_back" && item.response !== null)
    .sort((a, b) => b.response!.respondedAt.getTime() - a.response!.respondedAt.getTime())
    .slice(0, limit)
    .reverse()
    .map((item) => ({ of: item, days: daysToResponse(item)! }));
}
