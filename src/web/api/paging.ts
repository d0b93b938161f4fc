import type { Context } from "hono";
import { z } from "zod";

export const Limit = z.coerce.number().int().min(1).max(100).default(30);

/** A page of results: `data`, `next_cursor` (null on the last page), and the next page's URL in a `Link` header, as GitHub does. */
export function page(c: Context, data: unknown[], nextCursor: string | null): Response {
  if (nextCursor) {
    const next = new URL(c.req.url);
    next.searchParams.set("cursor", nextCursor);
    c.header("link", `<${next.pathname}${next.search}>; rel="next"`);
  }
  return c.json({ data, next_cursor: nextCursor });
}

export const badRequest = (c: Context, error: string) => c.json({ error }, 400);

/** Rows after the cursor's key, one more than the page to know whether another follows. */
export function sliceAfter<T>(rows: readonly T[], keyOf: (row: T) => string, after: string | undefined, limit: number): { rows: T[]; next: string | null } {
  const start = after === undefined ? 0 : rows.findIndex((row) => keyOf(row) > after);
  const from = start === -1 ? rows.length : start;
  const taken = rows.slice(from, from + limit);
  return { rows: taken, next: from + limit < rows.length && taken.length > 0 ? keyOf(taken.at(-1)!) : null };
}
