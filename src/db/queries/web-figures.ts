import { sql } from "drizzle-orm";
import { OPEN_STATES } from "../../domain/sense-state.js";
import { rows, type Db } from "../client.js";

/**
 * The figures of many repositories counted by the database, so an organisation of 20,000 loops
 * sends back a few hundred numbers instead of every row. Each count is the SQL form of a rule in
 * domain/loop-counts.ts and domain/loop-metrics.ts (isOverdue, respondedRecently, isPastDue,
 * daysToResponse, median); tests/web/figure-sql.test.ts holds the two to the same answers.
 */

/** One repository's counts, or (repositoryId null) every repository's together. */
export interface LoopCountRow {
  repositoryId: number | null;
  overdue: number;
  sensing: number;
  respondedRecently: number;
  rolledBack: number;
  pastDue: number;
  responded: number;
  persevere: number;
  pivot: number;
  kill: number;
  /** Median days from ship to response; null when nothing was answered. */
  medianDays: number | null;
}

const idArray = (ids: readonly number[]) => `{${ids.filter((id) => Number.isSafeInteger(id)).join(",")}}`;
const openStates = sql.raw(OPEN_STATES.map((state) => `'${state}'`).join(", "));

/**
 * Per repository and in total (grouping sets), over every sense item of these repositories,
 * each with its repository's grace days; responses read by their own repository column, so the
 * join touches this organisation's responses, not every one in the table.
 */
export async function loopCountRows(db: Db, params: { repositoryIds: readonly number[]; now: Date }): Promise<LoopCountRow[]> {
  if (params.repositoryIds.length === 0) return [];
  const ids = idArray(params.repositoryIds);
  const now = sql`${params.now.toISOString()}::timestamptz`;
  const overdue = sql`s.state in (${openStates}) and ${now} >= s.due_at + repo.grace_days * interval '1 day'`;
  const answered = sql`s.state <> 'rolled_back' and r.id is not null`;
  const found = await rows<LoopCountRow & { total: number }>(
    db,
    sql`select s.repository_id as "repositoryId", grouping(s.repository_id) as total,
        count(*) filter (where ${overdue})::int as overdue,
        count(*) filter (where s.state in (${openStates}) and not (${overdue}))::int as sensing,
        count(*) filter (where s.state not in (${openStates}) and ${answered} and r.responded_at >= ${now} - interval '90 days')::int as "respondedRecently",
        count(*) filter (where s.state = 'rolled_back')::int as "rolledBack",
        count(*) filter (where s.state <> 'rolled_back' and s.due_at <= ${now})::int as "pastDue",
        count(*) filter (where ${answered} and s.due_at <= ${now})::int as responded,
        count(*) filter (where ${answered} and r.decision = 'persevere')::int as persevere,
        count(*) filter (where ${answered} and r.decision = 'pivot')::int as pivot,
        count(*) filter (where ${answered} and r.decision = 'kill')::int as kill,
        percentile_cont(0.5) within group (order by greatest(0, extract(epoch from r.responded_at - s.shipped_at))::float8 / 86400) filter (where ${answered}) as "medianDays"
      from sense_items s
      join repositories repo on repo.id = s.repository_id
      left join responses r on r.sense_item_id = s.id and r.repository_id = any(${ids}::bigint[])
      where s.repository_id = any(${ids}::bigint[])
      group by grouping sets ((s.repository_id), ())`,
  );
  return found.map(({ total, ...row }) => ({ ...row, repositoryId: total ? null : Number(row.repositoryId), medianDays: row.medianDays === null ? null : Number(row.medianDays) }));
}

export interface MergedCountRow {
  repositoryId: number | null;
  merged: number;
  linked: number;
}

/** PRs merged since a date, per repository and in total, through the (repository, merged_at) index. */
export async function mergedCountRows(db: Db, params: { repositoryIds: readonly number[]; since: Date }): Promise<MergedCountRow[]> {
  if (params.repositoryIds.length === 0) return [];
  const found = await rows<MergedCountRow & { total: number }>(
    db,
    sql`select repository_id as "repositoryId", grouping(repository_id) as total, count(*)::int as merged, count(*) filter (where outcome = 'linked')::int as linked
      from pull_requests
      where repository_id = any(${idArray(params.repositoryIds)}::bigint[]) and merged_at >= ${params.since.toISOString()}::timestamptz
      group by grouping sets ((repository_id), ())`,
  );
  return found.map(({ total, ...row }) => ({ ...row, repositoryId: total ? null : Number(row.repositoryId) }));
}

export interface WeekCountRow {
  /** Monday 00:00 UTC, in ms. */
  weekStartMs: number;
  kind: "merged" | "shipped";
  /** merged: PRs needing a hypothesis; shipped: loops now due. */
  counted: number;
  /** merged: of those, tied to none; shipped: of those, unanswered. */
  missing: number;
}

/**
 * The feature-factory index's counts, by ISO week (date_trunc's weeks start on Monday) from
 * `from` up to `until`: merged PRs but the exempt ones, and loops shipped that week now due.
 */
export async function weekCountRows(db: Db, params: { repositoryIds: readonly number[]; from: Date; until: Date; now: Date }): Promise<WeekCountRow[]> {
  if (params.repositoryIds.length === 0) return [];
  const ids = idArray(params.repositoryIds);
  const [from, until, now] = [params.from, params.until, params.now].map((at) => sql`${at.toISOString()}::timestamptz`);
  const week = (column: string) => sql.raw(`extract(epoch from date_trunc('week', ${column} at time zone 'UTC'))::float8 * 1000`);
  const found = await rows<WeekCountRow>(
    db,
    sql`select ${week("merged_at")} as "weekStartMs", 'merged' as kind,
        count(*) filter (where outcome is distinct from 'exempt' and merged_at <= ${now})::int as counted,
        count(*) filter (where outcome is distinct from 'exempt' and outcome is distinct from 'linked' and merged_at <= ${now})::int as missing
      from pull_requests
      where repository_id = any(${ids}::bigint[]) and merged_at >= ${from} and merged_at < ${until}
      group by 1
      union all
      select ${week("s.shipped_at")}, 'shipped',
        count(*) filter (where s.state <> 'rolled_back' and s.due_at <= ${now})::int,
        count(*) filter (where s.state <> 'rolled_back' and s.due_at <= ${now} and r.id is null)::int
      from sense_items s left join responses r on r.sense_item_id = s.id and r.repository_id = any(${ids}::bigint[])
      where s.repository_id = any(${ids}::bigint[]) and s.shipped_at >= ${from} and s.shipped_at < ${until}
      group by 1`,
  );
  return found.map((row) => ({ ...row, weekStartMs: Number(row.weekStartMs) }));
}
