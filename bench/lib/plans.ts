import { drizzle } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Db } from "../../src/db/client.js";
import * as schema from "../../src/db/schema/index.js";

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

/**
 * A Db that runs every query as the app does and keeps its text and parameters, so the plans
 * shown are those of the app's own queries, not of copies written for the bench.
 */
export function capturingDb(client: postgres.Sql): { db: Db; take: () => CapturedQuery[] } {
  let captured: CapturedQuery[] = [];
  const db = drizzle(client, { schema, logger: { logQuery: (query, params) => captured.push({ sql: query, params }) } }) as unknown as Db;
  return {
    db,
    take: () => {
      const taken = captured;
      captured = [];
      return taken;
    },
  };
}

/** `EXPLAIN (ANALYZE, BUFFERS)` of one captured query, as the plan's lines. */
export async function explain(client: postgres.Sql, query: CapturedQuery): Promise<string[]> {
  const params = query.params.map((p) => (p instanceof Date ? p.toISOString() : p)) as postgres.ParameterOrJSON<never>[];
  const found = await client.unsafe(`explain (analyze, buffers) ${query.sql}`, params);
  return found.map((row) => row["QUERY PLAN"] as string);
}

/** The plan's nodes without the timing and buffer detail: what a reader checks for index use. */
export const planNodes = (plan: readonly string[]) =>
  plan.filter((line) => /->|^\s*(Seq|Index|Bitmap|Nested|Hash|Merge|Sort|Limit|Aggregate|Unique|Gather)/.test(line)).map((line) => line.replace(/\s+\(cost=[^)]*\)/, "").replace(/\s+\(actual [^)]*\)/, ""));

export const planTime = (plan: readonly string[]) => plan.find((line) => line.startsWith("Execution Time"))?.replace("Execution Time: ", "") ?? "?";
