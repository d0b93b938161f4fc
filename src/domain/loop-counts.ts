import { isOverdue } from "./due.js";
import { computeMetrics, type DashboardMetrics, type MetricItem, type MetricsInput } from "./loop-metrics.js";
import { isOpen } from "./sense-state.js";

const DAY_MS = 86_400_000;

/** The dashboard issue and the web pages list responses of the last 90 days. */
export const RESPONDED_WINDOW_DAYS = 90;

/** A response of the last 90 days on work that is still out (rolled-back work is listed apart). */
export function respondedRecently(item: MetricItem, now: Date): boolean {
  return item.state !== "rolled_back" && item.response !== null && item.response.respondedAt.getTime() >= now.getTime() - RESPONDED_WINDOW_DAYS * DAY_MS;
}

export interface LoopCounts {
  /** Open loops past their due date plus the repository's grace days. */
  overdue: number;
  /** Open loops not overdue yet (the grace period included). */
  sensing: number;
  respondedRecently: number;
  rolledBack: number;
}

/** The same split as the dashboard issue's sections: overdue, sensing, responded lately. */
export function countLoops(items: readonly MetricItem[], rules: { graceDays: number }, now: Date): LoopCounts {
  const counts: LoopCounts = { overdue: 0, sensing: 0, respondedRecently: 0, rolledBack: 0 };
  for (const item of items) {
    if (item.state === "rolled_back") counts.rolledBack++;
    if (isOpen(item.state)) {
      if (isOverdue(item, rules, now)) counts.overdue++;
      else counts.sensing++;
    } else if (respondedRecently(item, now)) counts.respondedRecently++;
  }
  return counts;
}

export type LoopFigures = LoopCounts & DashboardMetrics;

/** Every headline number of one repository. */
export function loopFigures(input: MetricsInput, rules: { graceDays: number }): LoopFigures {
  return { ...countLoops(input.items, rules, input.now), ...computeMetrics(input) };
}

/**
 * Several repositories' figures as one: counts add up (each repository's own grace days decided
 * its overdue count), and the rates and the median are taken over all their items together, not
 * averaged, so a busy repository weighs what it did.
 */
export function combineFigures(parts: readonly { figures: LoopCounts; input: MetricsInput }[], now: Date): LoopFigures {
  const counts: LoopCounts = { overdue: 0, sensing: 0, respondedRecently: 0, rolledBack: 0 };
  for (const { figures } of parts) {
    counts.overdue += figures.overdue;
    counts.sensing += figures.sensing;
    counts.respondedRecently += figures.respondedRecently;
    counts.rolledBack += figures.rolledBack;
  }
  const metrics = computeMetrics({ now, items: parts.flatMap((part) => part.input.items), merged: parts.flatMap((part) => part.input.merged) });
  return { ...counts, ...metrics };
}
