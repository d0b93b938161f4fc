import { Hono } from "hono";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import { countDeliveries } from "../db/queries/deliveries.js";
import { listPermissionRefusals } from "../db/queries/permission-refusals.js";
import { recentReconcileRuns } from "../db/queries/reconcile.js";
import { listDeadJobs, listInstallationsWithRepositories, listRecentDeliveries } from "../db/queries/status.js";
import { sendPage } from "./views/render.js";
import { StatusPage } from "./views/status-page.js";

export interface StatusRouteOptions {
  db: Db;
  clock: Clock;
  appId: number;
  /** Read on each request: the slug may be learnt from GitHub after start-up. */
  appSlug: () => string | undefined;
  webhookPath: string | undefined;
  webhookProxyUrl: string | undefined;
}

/** `/` once connected. Everything comes from our own tables: no GitHub call. */
export function statusRoutes(options: StatusRouteOptions): Hono {
  const app = new Hono();
  app.get("/", async (c) => {
    const now = options.clock.now();
    const countsSince = new Date(now.getTime() - 86_400_000);
    const [counts, installations, deliveries, deadJobs, reconcileRuns, refusals] = await Promise.all([
      countDeliveries(options.db, countsSince),
      listInstallationsWithRepositories(options.db, { repositoryLimit: 1000 }),
      listRecentDeliveries(options.db, { limit: 20 }),
      listDeadJobs(options.db, { limit: 20 }),
      recentReconcileRuns(options.db, 5),
      listPermissionRefusals(options.db, now),
    ]);
    const data = { appId: options.appId, appSlug: options.appSlug(), webhookPath: options.webhookPath, webhookProxyUrl: options.webhookProxyUrl, countsSince, counts, installations, deliveries, deadJobs, reconcileRuns, refusals, now };
    return sendPage(c, <StatusPage data={data} />);
  });
  return app;
}
