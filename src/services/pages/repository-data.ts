import type { Db } from "../../db/client.js";
import { readingSeries } from "../../db/queries/readings.js";
import { mergedFacts } from "../../db/queries/web-loops.js";
import { repositoryLoops, unshippedHypotheses, type RepositoryLoopRow, type UnshippedRow } from "../../db/queries/web-repository.js";
import { daysPastDue, isOverdue } from "../../domain/due.js";
import { hypothesisOwners } from "../../domain/hypothesis.js";
import { loopFigures, respondedRecently, type LoopFigures } from "../../domain/loop-counts.js";
import { MERGED_WINDOW_DAYS } from "../../domain/loop-metrics.js";
import { readingTrend, type ReadingTrend, type TrendPoint } from "../../domain/reading-trend.js";
import { closureByMonth, mergedByWeek, responseWaits, type ClosureMonth, type MergedWeek, type ResponseWait } from "../../domain/loop-trends.js";
import { isOpen } from "../../domain/sense-state.js";
import type { VisibleRepository } from "./visible.js";

const DAY_MS = 86_400_000;
/** Lists on the page stop here (a page of a few hundred rows stays quick to send and to read); the API pages through the rest. */
export const LIST_LIMIT = 100;
const CHART_RESPONSES = 30;
const CHART_MONTHS = 12;
const CHART_WEEKS = 12;

export type RepositoryLoop = RepositoryLoopRow & { owners: string[]; daysOverdue: number };
/** A loop as listed: with its readings, for the sparkline. */
export type ListedLoop = RepositoryLoop & { trend: ReadingTrend | null };

export interface LoopList {
  rows: ListedLoop[];
  total: number;
}

export interface RepositoryData {
  repository: VisibleRepository;
  figures: LoopFigures;
  overdue: LoopList;
  sensing: LoopList;
  responded: LoopList;
  rolledBack: LoopList;
  unshipped: { rows: UnshippedRow[]; total: number };
  charts: { waits: ResponseWait<RepositoryLoop>[]; closure: ClosureMonth[]; merged: MergedWeek[] };
}

/**
 * The loops shown, each with its readings: one read of the (item, slot time) index for all of
 * them, so a long list costs one query, not one per row.
 */
async function withTrends(db: Db, repository: VisibleRepository, loops: readonly RepositoryLoop[]): Promise<ListedLoop[]> {
  const series = await readingSeries(db, { repositoryIds: [repository.id], senseItemIds: loops.map((loop) => loop.id) });
  const byItem = new Map<number, TrendPoint[]>();
  for (const point of series) byItem.set(point.senseItemId, [...(byItem.get(point.senseItemId) ?? []), { at: point.at, value: point.value, unit: point.unit, kind: point.slotKind }]);
  return loops.map((loop) => ({ ...loop, trend: readingTrend(byItem.get(loop.id) ?? [], loop.byHowMuch) }));
}

export const LOOP_STATES = ["overdue", "sensing", "responded", "rolled_back"] as const;
export type LoopListName = (typeof LOOP_STATES)[number];

/** Each loop in its list, in the page's order: overdue and sensing soonest due first, responses newest first. */
function classify(loops: RepositoryLoop[], repository: VisibleRepository, now: Date): Record<LoopListName, RepositoryLoop[]> {
  const rules = { graceDays: repository.graceDays };
  const open = loops.filter((loop) => isOpen(loop.state));
  const byDue = (a: RepositoryLoop, b: RepositoryLoop) => a.dueAt.getTime() - b.dueAt.getTime() || a.hypothesis.number - b.hypothesis.number;
  const newestResponse = (a: RepositoryLoop, b: RepositoryLoop) => b.response!.respondedAt.getTime() - a.response!.respondedAt.getTime() || b.id - a.id;
  return {
    overdue: open.filter((loop) => isOverdue(loop, rules, now)).sort(byDue),
    sensing: open.filter((loop) => !isOverdue(loop, rules, now)).sort(byDue),
    responded: loops.filter((loop) => respondedRecently(loop, now)).sort(newestResponse),
    rolled_back: loops.filter((loop) => loop.state === "rolled_back"),
  };
}

async function loopsOf(db: Db, now: Date, repository: VisibleRepository): Promise<RepositoryLoop[]> {
  const rows = await repositoryLoops(db, { repositoryIds: [repository.id] });
  return rows.map((row) => ({ ...row, owners: hypothesisOwners(row), daysOverdue: daysPastDue(row, now) }));
}

/** A page of one list (or of all four, one after another), in the page's order, for the API. */
export async function repositoryLoopPage(db: Db, now: Date, repository: VisibleRepository, name: LoopListName | undefined, page: { start: number; limit: number }): Promise<LoopList> {
  const lists = classify(await loopsOf(db, now, repository), repository, now);
  const whole = name ? lists[name] : LOOP_STATES.flatMap((state) => lists[state]);
  return { rows: await withTrends(db, repository, whole.slice(page.start, page.start + page.limit)), total: whole.length };
}

/**
 * The repository page: overdue loops first (longest overdue first), then sensing (soonest due
 * first), responses of the last 90 days, rolled-back work and what has not shipped yet, with the
 * figures and the three charts' series.
 */
export async function repositoryData(db: Db, now: Date, repository: VisibleRepository): Promise<RepositoryData> {
  const ids = [repository.id];
  const since = new Date(now.getTime() - Math.max(MERGED_WINDOW_DAYS, CHART_WEEKS * 7 + 7) * DAY_MS);
  const [loops, merged, unshipped] = await Promise.all([
    loopsOf(db, now, repository),
    mergedFacts(db, { repositoryIds: ids, since }),
    unshippedHypotheses(db, { repositoryIds: ids, label: repository.hypothesisLabel, limit: LIST_LIMIT }),
  ]);
  const lists = classify(loops, repository, now);
  const shown = LOOP_STATES.flatMap((state) => lists[state].slice(0, LIST_LIMIT));
  const listed = new Map((await withTrends(db, repository, shown)).map((loop) => [loop.id, loop]));
  const list = (rows: RepositoryLoop[]): LoopList => ({ rows: rows.slice(0, LIST_LIMIT).map((loop) => listed.get(loop.id)!), total: rows.length });
  return {
    repository,
    figures: loopFigures({ now, items: loops, merged }, { graceDays: repository.graceDays }),
    overdue: list(lists.overdue),
    sensing: list(lists.sensing),
    responded: list(lists.responded),
    rolledBack: list(lists.rolled_back),
    unshipped,
    charts: {
      waits: responseWaits(loops, CHART_RESPONSES),
      closure: closureByMonth({ now, months: CHART_MONTHS, items: loops }),
      merged: mergedByWeek({ now, weeks: CHART_WEEKS, merged }),
    },
  };
}
