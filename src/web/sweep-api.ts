import { Hono } from "hono";
import type { PgBoss } from "pg-boss";
import type { Logger } from "probot";
import { QUEUES, type SweepJob } from "../jobs/queues.js";
import { requireBearer } from "./bearer-token.js";

/**
 * `POST /api/sweep` with `Authorization: Bearer $SWEEP_TOKEN` queues a sweep and answers 202.
 * Mounted only when SWEEP_TOKEN is set, so without it the endpoint does not exist (404).
 */
export function sweepApiRoutes(options: { boss: PgBoss; token: string; log: Logger }): Hono {
  const app = new Hono();
  app.post("/api/sweep", requireBearer(options.token, options.log, "sweep"), async (c) => {
    const job: SweepJob = {};
    const id = await options.boss.send(QUEUES.sweep.name, job);
    options.log.info({ job: id }, "sweep queued from the API");
    return c.json({ queued: true, job: id }, 202);
  });
  app.all("/api/sweep", (c) => {
    c.header("allow", "POST");
    return c.json({ error: "POST to start a sweep" }, 405);
  });
  return app;
}
