import { lastWeeks, weekStart } from "./calendar.js";
import { isPastDue, type MetricItem, type MetricMerged } from "./loop-metrics.js";

/** One week of the feature-factory index. */
export interface FeatureFactoryWeek {
  /** Monday 00:00 UTC. */
  weekStart: Date;
  /** PRs merged that week that needed a hypothesis: every merged PR but the exempt ones. */
  merged: number;
  /** Of those, the ones tied to no valid hypothesis (missing, invalid, checked under a broken config, or never checked). */
  unhypothesised: number;
  /** unhypothesised / merged; null when nothing needing a hypothesis merged that week. */
  unhypothesisedShare: number | null;
  /** Loops shipped that week whose due date has passed (rolled-back work left out). */
  shippedDue: number;
  /** Of those, the ones nobody has responded to yet. */
  unanswered: number;
  /** unanswered / shippedDue; null when none of that week's ships is due yet. */
  unansweredShare: number | null;
}

/**
 * The feature-factory index, week by week: how much merged work was tied to no hypothesis, and
 * how much shipped work was never answered. Exempt PRs (chores, dependency bumps, docs) were
 * declared as needing no hypothesis, so they count on neither side. A loop counts in the week it
 * shipped, once its due date has passed, so this week's ships do not look unanswered before anyone
 * was asked. A falling index is a team learning from what it ships.
 */
export function featureFactoryIndex(input: { now: Date; weeks: number; items: readonly MetricItem[]; merged: readonly MetricMerged[] }): FeatureFactoryWeek[] {
  const weeks = lastWeeks(input.now, input.weeks);
  const byWeek = new Map(weeks.map((start) => [start.getTime(), { weekStart: start, merged: 0, unhypothesised: 0, shippedDue: 0, unanswered: 0 }]));
  for (const pr of input.merged) {
    const week = byWeek.get(weekStart(pr.mergedAt).getTime());
    if (!week || pr.outcome === "exempt" || pr.mergedAt.getTime() > input.now.getTime()) continue;
    week.merged++;
    if (pr.outcome !== "linked") week.unhypothesised++;
  }
  for (const item of input.items) {
    const week = byWeek.get(weekStart(item.shippedAt).getTime());
    if (!week || item.state === "rolled_back" || !isPastDue(item, input.now)) continue;
    week.shippedDue++;
    if (item.response === null) week.unanswered++;
  }
  return [...byWeek.values()].map((week) => ({
    ...week,
    unhypothesisedShare: week.merged === 0 ? null : week.unhypothesised / week.merged,
    unansweredShare: week.shippedDue === 0 ? null : week.unanswered / week.shippedDue,
  }));
}
