import { sql, type AnyColumn, type SQL } from "drizzle-orm";

/**
 * `column = any('{…}'::bigint[])`: one parameter however many ids, so a person who sees 200
 * repositories sends one array rather than 200 placeholders. An empty list matches nothing.
 */
export function inIds(column: AnyColumn, ids: readonly number[]): SQL {
  const safe = ids.filter((id) => Number.isSafeInteger(id));
  return sql`${column} = any(${`{${safe.join(",")}}`}::bigint[])`;
}
