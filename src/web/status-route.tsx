import type { Context } from "hono";
import { Hono } from "hono";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import { countDeliveries } from "../db/queries/deliveries.js";
import { listPermissionRefusals } from "../db/queries/permission-refusals.js";
import { recentReconcileRuns } from "../db/queries/reconcile.js";
import { listDeadJobs, listInstallationsWithRepositories, listRecentDeliveries, type StatusScope } from "../db/queries/status.js";
import { navOf } from "./auth/nav.js";
import type { SignIn } from "./auth/sign-in-setup.js";
import type { ViewerEnv } from "./auth/viewer.js";
import { remoteAddress } from "./request-info.js";
import { MessagePage } from "./views/message-page.js";
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
  signIn: SignIn | undefined;
}

/**
 * A request from this machine itself, not relayed: a reverse proxy on the same host makes
 * every request look local, so one that carries forwarding headers does not count.
 */
export function isLocalRequest(c: Context): boolean {
  if (c.req.header("x-forwarded-for") || c.req.header("forwarded") || c.req.header("x-real-ip")) return false;
  const address = remoteAddress(c);
  return address === "127.0.0.1" || address === "::1" || address === "::ffff:127.0.0.1";
}

/**
 * `/status`: the operator's view (installations, deliveries, dead jobs), from our own tables.
 * Repository names can be private, so with sign-in configured it shows a signed-in person only
 * what concerns repositories they may see; without sign-in, only requests from this machine get it.
 */
export function statusRoutes(options: StatusRouteOptions): Hono<ViewerEnv> {
  const app = new Hono<ViewerEnv>();
  app.get("/status", async (c) => {
    let visible: StatusScope | undefined;
    if (options.signIn) {
      const viewer = c.get("viewer");
      if (!viewer) return c.notFound();
      visible = { repositoryIds: viewer.repositories.map((r) => r.id), installationIds: [...new Set(viewer.repositories.map((r) => r.installationId))] };
    } else if (!isLocalRequest(c)) {
      return sendPage(c, <MessagePage title="Status is shown on this machine only" message="Until signing in is set up (GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET, SESSION_SECRET), the status page names private repositories, so it answers only requests made on the server itself." tone="warn" />, 404);
    }
    const now = options.clock.now();
    const countsSince = new Date(now.getTime() - 86_400_000);
    const [counts, installations, deliveries, deadJobs, reconcileRuns, refusals] = await Promise.all([
      countDeliveries(options.db, countsSince, visible),
      listInstallationsWithRepositories(options.db, { repositoryLimit: 1000, visible }),
      listRecentDeliveries(options.db, { limit: 20, visible }),
      listDeadJobs(options.db, { limit: 20, visible }),
      recentReconcileRuns(options.db, 5),
      listPermissionRefusals(options.db, now),
    ]);
    const visibleNames = new Set((c.get("viewer")?.repositories ?? []).map((r) => `${r.owner}/${r.name}`.toLowerCase()));
    const audience = visible ? ("viewer" as const) : ("local" as const);
    const data = { appId: options.appId, appSlug: options.appSlug(), webhookPath: options.webhookPath, webhookProxyUrl: options.webhookProxyUrl, countsSince, counts, installations, deliveries, deadJobs, reconcileRuns: visible ? [] : reconcileRuns, refusals: visible ? refusals.filter((r) => visibleNames.has(r.repository.toLowerCase())) : refusals, now, audience };
    return sendPage(c, <StatusPage data={data} nav={navOf(c, options.signIn)} />);
  });
  return app;
}
