/**
 * Time Senseloop spends waiting on its database, measured where every query of ours goes
 * through: drizzle's prepared query (`execute` and `all`, on postgres.js and on PGlite). pg-boss's
 * own queries do not pass here; on PostgreSQL the server's `active_time` covers them.
 */
import { PglitePreparedQuery } from "drizzle-orm/pglite/session";
import { PostgresJsPreparedQuery } from "drizzle-orm/postgres-js/session";

export interface DbTime {
  queries: number;
  /** Summed over queries; concurrent queries (two workers) both count. */
  summedMs: number;
  /** Wall time with at least one query in flight. */
  busyMs: number;
  /** The statements that took longest in all, summed: their start, count and milliseconds. */
  top: { sql: string; count: number; ms: number }[];
}

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

interface Prepared {
  queryString: string;
  params: unknown[];
}

let counting = false;
let inFlight = 0;
let busySince = 0;
const totals = { queries: 0, summedMs: 0, busyMs: 0 };
const bySql = new Map<string, { count: number; ms: number }>();
let captured: CapturedQuery[] | undefined;

function wrap(proto: Record<string, unknown>, method: "execute" | "all"): void {
  const original = proto[method] as (this: Prepared, ...args: unknown[]) => Promise<unknown>;
  proto[method] = async function (this: Prepared, ...args: unknown[]) {
    captured?.push({ sql: this.queryString, params: this.params });
    if (!counting) return original.apply(this, args);
    const started = performance.now();
    if (inFlight++ === 0) busySince = started;
    try {
      return await original.apply(this, args);
    } finally {
      const ended = performance.now();
      totals.queries++;
      totals.summedMs += ended - started;
      const entry = bySql.get(this.queryString) ?? { count: 0, ms: 0 };
      entry.count++;
      entry.ms += ended - started;
      bySql.set(this.queryString, entry);
      if (--inFlight === 0) totals.busyMs += ended - busySince;
    }
  };
}

for (const proto of [PostgresJsPreparedQuery.prototype, PglitePreparedQuery.prototype] as unknown as Record<string, unknown>[]) {
  wrap(proto, "execute");
  wrap(proto, "all");
}

/** Starts counting from zero. */
export function startDbTime(): void {
  Object.assign(totals, { queries: 0, summedMs: 0, busyMs: 0 });
  bySql.clear();
  counting = true;
}

/** What was counted since `startDbTime`; counting goes on. */
export function dbTime(top = 8): DbTime {
  const ranked = [...bySql].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
  return { ...totals, top: ranked.map(([sql, t]) => ({ sql: sql.replace(/\s+/g, " ").slice(0, 100), ...t })) };
}

/** The queries `fn` sends, with their parameters (to EXPLAIN them). */
export async function captureQueries(fn: () => Promise<unknown>): Promise<CapturedQuery[]> {
  captured = [];
  try {
    await fn();
    return captured;
  } finally {
    captured = undefined;
  }
}
