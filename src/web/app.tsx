import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { PgBoss } from "pg-boss";
import type { Logger } from "probot";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import type { Env } from "../env.js";
import type { Intake } from "../intake/intake-queue.js";
import type { Metrics } from "../metrics/metrics.js";
import type { BotIdentity } from "../runtime.js";
import type { UserTokenPort } from "../github/user-port.js";
import { apiRoutes } from "./api/api-routes.js";
import { assetRoutes } from "./assets.js";
import { navOf } from "./auth/nav.js";
import { signInRoutes } from "./auth/sign-in-routes.js";
import { createSignIn } from "./auth/sign-in-setup.js";
import { resolveViewer, type ViewerEnv } from "./auth/viewer.js";
import { pageRoutes } from "./dashboard/page-routes.js";
import { tokenRoutes } from "./dashboard/token-routes.js";
import { healthRoutes } from "./health.js";
import { metricsRoutes } from "./metrics-route.js";
import { isApiPath } from "./request-info.js";
import { noStore, securityHeaders } from "./security-headers.js";
import { reconcileApiRoutes } from "./reconcile-api.js";
import { setupRoutes } from "./setup/routes.js";
import { statusRoutes } from "./status-route.js";
import { sweepApiRoutes } from "./sweep-api.js";
import { MessagePage } from "./views/message-page.js";
import { sendPage } from "./views/render.js";
import { webhookRoutes } from "./webhook.js";

export interface WebParts {
  db: Db;
  boss: PgBoss;
  env: Env;
  log: Logger;
  clock: Clock;
  /** Served at /metrics; the runtime's, so the jobs' and GitHub's counters are there too. */
  metrics: Metrics;
  /** Present once the app has credentials (it records deliveries); without it the setup pages are served. */
  intake?: Intake | undefined;
  /** Who the app is on GitHub; its login may be learnt after start-up. */
  bot?: BotIdentity | undefined;
  /** Where registration writes credentials (default `.env`). */
  envFile?: string;
  /** The manifest's source (default `app.yml`). */
  appYmlPath?: string;
  /** How long a delivery may wait for intake before a 503 (default 4.5 s). */
  intakeTimeoutMs?: number;
  /** GitHub as the signed-in person; built from the env's OAuth client unless given. */
  userTokens?: UserTokenPort;
}

/**
 * The whole HTTP surface as one Hono app, built from plain parts: health, metrics, the webhook (unless
 * this process is a worker), the sweep and reconcile APIs, sign-in, then, behind the one access
 * middleware, the dashboard's pages, its JSON API and the status page; or the setup pages before
 * the app has credentials. Every answer carries the security headers; errors and unknown paths
 * answer without details, and a page the person may not see is the same 404 as one that does not exist.
 */
export function createWebApp(parts: WebParts): Hono {
  const { env, log } = parts;
  const app = new Hono<ViewerEnv>();
  const signIn = parts.intake ? createSignIn({ db: parts.db, clock: parts.clock, log, env, userTokens: parts.userTokens }) : undefined;
  app.use(securityHeaders(env.githubWebUrl), noStore);
  app.route("/", assetRoutes());
  app.route("/", healthRoutes(parts.db));
  app.route("/", metricsRoutes({ metrics: parts.metrics, token: env.metricsToken, log }));

  const github = env.github;
  if (github && parts.intake) {
    const webhookServed = env.role !== "worker";
    if (webhookServed) {
      app.route("/", webhookRoutes({ intake: parts.intake, path: env.webhookPath, secret: github.webhookSecret, log, metrics: parts.metrics, ...(parts.intakeTimeoutMs ? { intakeTimeoutMs: parts.intakeTimeoutMs } : {}) }));
    }
    if (env.sweepToken) {
      app.route("/", sweepApiRoutes({ boss: parts.boss, token: env.sweepToken, log }));
      app.route("/", reconcileApiRoutes({ boss: parts.boss, token: env.sweepToken, log, viaProxy: env.webhookProxyUrl !== undefined }));
    }
    const bot = parts.bot;
    app.route("/", signInRoutes(signIn));
    // Everything below knows who is looking and what they may see; nothing above needs it.
    app.use("*", resolveViewer(signIn));
    app.route(
      "/",
      statusRoutes({
        db: parts.db,
        clock: parts.clock,
        appId: github.appId,
        appSlug: () => env.appSlug ?? bot?.login?.replace(/\[bot\]$/, ""),
        webhookPath: webhookServed ? env.webhookPath : undefined,
        webhookProxyUrl: env.webhookProxyUrl,
        signIn,
      }),
    );
    if (signIn) app.route("/", tokenRoutes(signIn));
    app.route("/", apiRoutes({ db: parts.db, clock: parts.clock }));
    // Last: `/:owner/:repo` would otherwise answer for the fixed paths above.
    app.route("/", pageRoutes({ db: parts.db, clock: parts.clock, signIn, signInMissing: env.signInMissing }));
  } else {
    app.route("/", setupRoutes({ env, envFile: parts.envFile ?? ".env", appYmlPath: parts.appYmlPath ?? "app.yml", log }));
  }

  app.notFound((c) => {
    if (isApiPath(c.req.path)) return c.json({ error: "not found" }, 404);
    const nav = navOf({ var: { viewer: c.get("viewer") }, req: c.req }, signIn);
    const message = c.get("signedOutNow")
      ? "GitHub no longer accepts your sign-in, so you were signed out. Sign in again to open this page."
      : nav.signInUrl
        ? "There is no page at this address, or it is one only signed-in people who may see it can open."
        : "There is no page at this address.";
    return sendPage(c, <MessagePage title="Not found" message={message} nav={nav} />, 404);
  });
  app.onError((err, c) => {
    if (err instanceof HTTPException) return err.getResponse();
    log.error({ err, method: c.req.method, path: c.req.path }, "request failed");
    if (isApiPath(c.req.path)) return c.json({ error: "internal error" }, 500);
    return sendPage(c, <MessagePage title="Something went wrong" message="Senseloop could not answer this request. The error is in its log." tone="error" />, 500);
  });
  return app as unknown as Hono;
}
