import { timingSafeEqual } from "node:crypto";
import type { PgBoss } from "pg-boss";
import type { Logger } from "probot";
import { QUEUES, type SweepJob } from "../jobs/queues.js";
import { pathOf, send, type Route } from "./http.js";

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * `POST /api/sweep` with `Authorization: Bearer $SWEEP_TOKEN` queues a sweep and answers 202.
 * Without SWEEP_TOKEN the endpoint does not exist (404).
 */
export function sweepApiRoute(options: { boss: PgBoss; token: string | undefined; log: Logger }): Route {
  return async (req, res) => {
    if (pathOf(req) !== "/api/sweep" || !options.token) return false;
    if (req.method !== "POST") return send(res, 405, { error: "POST to start a sweep" });
    const header = req.headers.authorization ?? "";
    const given = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? "";
    if (!given || !sameToken(given, options.token)) {
      options.log.warn({ remote: req.socket.remoteAddress }, "sweep refused: bad or missing token");
      res.setHeader("www-authenticate", 'Bearer realm="senseloop"');
      return send(res, 401, { error: "a valid bearer token is required" });
    }
    const job: SweepJob = {};
    const id = await options.boss.send(QUEUES.sweep.name, job);
    options.log.info({ job: id }, "sweep queued from the API");
    return send(res, 202, { queued: true, job: id });
  };
}
