import { Hono } from "hono";
import type { Logger } from "probot";
import type { Metrics } from "../metrics/metrics.js";
import { requireBearer } from "./bearer-token.js";

/**
 * `GET /metrics` in Prometheus's text format, from this process's registry. With METRICS_TOKEN
 * set the scraper sends it as a bearer token (Prometheus's `authorization` setting); without it
 * the endpoint is open, for a network where only the scraper reaches it.
 */
export function metricsRoutes(options: { metrics: Metrics; token: string | undefined; log: Logger }): Hono {
  const app = new Hono();
  if (options.token) app.use("/metrics", requireBearer(options.token, options.log, "metrics"));
  app.get("/metrics", async (c) => {
    const { registry } = options.metrics;
    return c.body(await registry.metrics(), 200, { "content-type": registry.contentType });
  });
  return app;
}
