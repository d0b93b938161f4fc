import type { MiddlewareHandler } from "hono";
import type { z } from "zod";

/** What `validParams` adds to a route's context: its path parameters, parsed. */
export interface ParamsEnv<T> {
  Variables: { params: T };
}

/**
 * Parses a route's path parameters with a zod schema, so a route declares
 * `validParams(z.object({ owner: z.string(), number: z.coerce.number().int().positive() }))`
 * and reads typed values from `c.var.params`. A parameter that does not parse is a 404, the
 * same answer as a page that does not exist: a URL is either a page or not found.
 */
export function validParams<S extends z.ZodType<Record<string, unknown>>>(schema: S): MiddlewareHandler<ParamsEnv<z.output<S>>> {
  return async (c, next) => {
    const parsed = schema.safeParse(c.req.param());
    if (!parsed.success) return c.notFound();
    c.set("params", parsed.data);
    await next();
  };
}
