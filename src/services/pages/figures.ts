import type { Db } from "../../db/client.js";
import { loopFacts, mergedFacts, type LoopFactRow, type MergedFactRow } from "../../db/queries/web-loops.js";
import { featureFactoryIndex, type FeatureFactoryWeek } from "../../domain/feature-factory.js";
import { combineFigures, loopFigures, type LoopFigures } from "../../domain/loop-counts.js";
import { MERGED_WINDOW_DAYS, type MetricsInput } from "../../domain/loop-metrics.js";
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
  featureFactory: FeatureFactoryWeek[];
}

/**
 * The headline numbers of some repositories, each and together, and their feature-factory index:
 * two queries (every loop, the PRs merged in the index's window), then the domain's figures, the
 * same functions the dashboard issue's metrics line uses.
 */
export async function figuresOf(db: Db, now: Date, repositories: readonly VisibleRepository[]): Promise<FiguresOf> {
  const ids = repositories.map((repo) => repo.id);
  const since = new Date(now.getTime() - Math.max(MERGED_WINDOW_DAYS, INDEX_WEEKS * 7 + 7) * DAY_MS);
  const [loops, merged] = await Promise.all([loopFacts(db, { repositoryIds: ids }), mergedFacts(db, { repositoryIds: ids, since })]);
  const loopsBy = groupBy(loops);
  const mergedBy = groupBy(merged);
  const parts = repositories.map((repository) => {
    const input: MetricsInput = { now, items: loopsBy.get(repository.id) ?? [], merged: mergedBy.get(repository.id) ?? [] };
    return { repository, input, figures: loopFigures(input, { graceDays: repository.graceDays }) };
  });
  return {
    repositories: parts.map(({ repository, figures }) => ({ repository, figures })),
    totals: combineFigures(parts, now),
    featureFactory: featureFactoryIndex({ now, weeks: INDEX_WEEKS, items: loops, merged }),
  };
}

function groupBy<T extends LoopFactRow | MergedFactRow>(rows: readonly T[]): Map<number, T[]> {
  const by = new Map<number, T[]>();
  for (const row of rows) {
    const list = by.get(row.repositoryId);
    if (list) list.push(row);
    else by.set(row.repositoryId, [row]);
  }
  return by;
}
