import type { Db } from "../../db/client.js";
import { loopCountRows, mergedCountRows, weekCountRows, type LoopCountRow, type MergedCountRow } from "../../db/queries/web-figures.js";
import { lastWeeks } from "../../domain/calendar.js";
import type { FeatureFactoryWeek } from "../../domain/feature-factory.js";
import type { LoopFigures } from "../../domain/loop-counts.js";
import { MERGED_WINDOW_DAYS } from "../../domain/loop-metrics.js";
import type { VisibleRepository } from "./visible.js";

const DAY_MS = 86_400_000;
/** The feature-factory index looks back this many weeks. */
export const INDEX_WEEKS = 12;

export interface RepositoryFigures {
  repository: VisibleRepository;
  figures: LoopFigures;
}

export interface FiguresOf {
  repositories: RepositoryFigures[];
  totals: LoopFigures;
}

const NO_LOOPS: LoopCountRow = { repositoryId: null, overdue: 0, sensing: 0, respondedRecently: 0, rolledBack: 0, pastDue: 0, responded: 0, persevere: 0, pivot: 0, kill: 0, medianDays: null };
const NO_MERGES: MergedCountRow = { repositoryId: null, merged: 0, linked: 0 };

/** The counts as the figures the pages show: the same shape loopFigures gives for one repository's loops. */
function asFigures(loops: LoopCountRow, merged: MergedCountRow): LoopFigures {
  return {
    overdue: loops.overdue,
    sensing: loops.sensing,
    respondedRecently: loops.respondedRecently,
    rolledBack: loops.rolledBack,
    closureRate: loops.pastDue === 0 ? null : loops.responded / loops.pastDue,
    medianDaysToResponse: loops.medianDays,
    mix: { persevere: loops.persevere, pivot: loops.pivot, kill: loops.kill },
    linkedShare: merged.merged === 0 ? null : merged.linked / merged.merged,
    pastDue: loops.pastDue,
    responded: loops.responded,
  };
}

/**
 * The headline numbers of some repositories, each and together: two counting queries (loops,
 * PRs merged in the last 30 days), whatever the number of loops. Totals pool every loop, so a
 * busy repository weighs what it did, as combineFigures does.
 */
export async function figuresOf(db: Db, now: Date, repositories: readonly VisibleRepository[]): Promise<FiguresOf> {
  const ids = repositories.map((repo) => repo.id);
  const since = new Date(now.getTime() - MERGED_WINDOW_DAYS * DAY_MS);
  const [loops, merged] = await Promise.all([loopCountRows(db, { repositoryIds: ids, now }), mergedCountRows(db, { repositoryIds: ids, since })]);
  const loopsBy = new Map(loops.map((row) => [row.repositoryId, row]));
  const mergedBy = new Map(merged.map((row) => [row.repositoryId, row]));
  return {
    repositories: repositories.map((repository) => ({ repository, figures: asFigures(loopsBy.get(repository.id) ?? NO_LOOPS, mergedBy.get(repository.id) ?? NO_MERGES) })),
    totals: asFigures(loopsBy.get(null) ?? NO_LOOPS, mergedBy.get(null) ?? NO_MERGES),
  };
}

/** The feature-factory index of some repositories together, week by week, as featureFactoryIndex defines it. */
export async function featureFactoryOf(db: Db, now: Date, repositories: readonly VisibleRepository[]): Promise<FeatureFactoryWeek[]> {
  const weeks = lastWeeks(now, INDEX_WEEKS);
  const until = new Date(weeks.at(-1)!.getTime() + 7 * DAY_MS);
  const counted = await weekCountRows(db, { repositoryIds: repositories.map((repo) => repo.id), from: weeks[0]!, until, now });
  const of = (kind: "merged" | "shipped", start: Date) => counted.find((row) => row.kind === kind && row.weekStartMs === start.getTime()) ?? { counted: 0, missing: 0 };
  return weeks.map((weekStart) => {
    const merged = of("merged", weekStart);
    const shipped = of("shipped", weekStart);
    return {
      weekStart,
      merged: merged.counted,
      unhypothesised: merged.missing,
      unhypothesisedShare: merged.counted === 0 ? null : merged.missing / merged.counted,
      shippedDue: shipped.counted,
      unanswered: shipped.missing,
      unansweredShare: shipped.counted === 0 ? null : shipped.missing / shipped.counted,
    };
  });
}
