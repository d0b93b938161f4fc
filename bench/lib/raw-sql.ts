import postgres from "postgres";
import type { Database } from "../../src/db/client.js";

/** A query on the benchmark's own connection, not counted as Senseloop's database time. */
export type Raw = (<T = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<T[]>) & { close(): Promise<void> };

export function raw(database: Database): Raw {
  if (database.kind === "pglite") {
    const query = async <T>(text: string, params: unknown[] = []) => (await database.pglite.query<T>(text, params)).rows;
    return Object.assign(query, { close: async () => {} });
  }
  const client = postgres(database.url, { max: 1, onnotice: () => {} });
  const query = async <T>(text: string, params: unknown[] = []) => (await client.unsafe(text, params as never[])) as unknown as T[];
  return Object.assign(query, { close: () => client.end({ timeout: 5 }) });
}
