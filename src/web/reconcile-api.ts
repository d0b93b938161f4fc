import { Hono } from "hono";
import type { PgBoss } from "pg-boss";
import type { Logger } from "probot";
import { QUEUES, type ReconcileJob } from "../jobs/queues.js";
import { requireBearer } from "./bearer-token.js";

/**
 * `POST /api/reconcile` with the sweep API's bearer token (SWEEP_TOKEN) queues a reconcile of
 * missed deliveries and answers 202. A run already waiting absorbs the request (`queued: false`).
 */
export function reconcileApiRoutes(options: { boss: PgBoss; token: string; log: Logger; viaProxy: boolean }): Hono {
  const app = new Hono();
  app.post("/api/reconcile", requireBearer(options.token, options.log, "reconcile"), async (c) => {
    const job: ReconcileJob = { trigger: "api", viaProxy: options.viaProxy };
    const id = await options.boss.send(QUEUES.reconcile.name, job);
    options.log.info({ job: id }, id ? "reconcile queued from the API" : "reconcile asked from the API; one is already waiting");
    return c.json({ queued: id !== null, job: id }, 202);
  });
  app.all("/api/reconcile", (c) => {
    c.header("allow", "POST");
    return c.json({ error: "POST to start a reconcile" }, 405);
  });
  return app;
}
