import { timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "probot";
import { remoteAddress } from "./request-info.js";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Lets a request through only with `Authorization: Bearer <token>`; anything else is a 401. */
export function requireBearer(token: string, log: Logger, what: string): MiddlewareHandler {
  return async (c, next) => {
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim() ?? "";
    if (!given || !sameToken(given, token)) {
      log.warn({ remote: remoteAddress(c) }, `${what} refused: bad or missing token`);
      c.header("www-authenticate", 'Bearer realm="senseloop"');
      return c.json({ error: "a valid bearer token is required" }, 401);
    }
    await next();
  };
}
