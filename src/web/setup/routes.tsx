import { randomBytes } from "node:crypto";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import type { Logger } from "probot";
import type { Env } from "../../env.js";
import { ContinuePage } from "../views/continue-page.js";
import { MessagePage } from "../views/message-page.js";
import { RegisteredPage } from "../views/registered-page.js";
import { sendPage } from "../views/render.js";
import { SetupPage, type SetupPageData } from "../views/setup-page.js";
import { ConversionFailed, convertManifestCode } from "./conversion.js";
import { readEnvFileKeys, updateEnvFile } from "./env-file.js";
import { buildManifest, loadAppYml, registrationUrl } from "./manifest.js";
import { browserBase, registrationTarget } from "./registration-target.js";
import { startSetupState, takeSetupState } from "./state-cookie.js";
import { checkPublicAddress } from "./webhook-address.js";

export interface SetupRouteOptions {
  env: Env;
  /** Where the credentials are written; `.env` in the working directory by default. */
  envFile: string;
  /** The manifest's source; `app.yml` in the working directory by default. */
  appYmlPath: string;
  log: Logger;
}

const ORGANIZATION = /^[a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38}$/i;

/**
 * GitHub App registration from a manifest, served while the app has no credentials:
 * the setup page, the hand-over to GitHub (with a state bound to this browser), and the
 * callback that turns GitHub's code into credentials in `.env`.
 */
export function setupRoutes(options: SetupRouteOptions): Hono {
  const { env } = options;
  const app = new Hono();
  const enterprise = env.githubWebHost !== "github.com";
  const pageData = (extra: Partial<SetupPageData> = {}): SetupPageData => ({
    missing: env.missing,
    publicUrl: env.publicUrl,
    webhookProxyUrl: env.webhookProxyUrl,
    webhookPath: env.webhookPath,
    githubWebUrl: env.githubWebUrl,
    ...extra,
  });

  for (const path of ["/", "/setup"]) app.get(path, (c) => sendPage(c, <SetupPage data={pageData()} />));

  // A cross-site form must not start a registration in someone's browser.
  app.post("/setup/register", csrf(), bodyLimit({ maxSize: 16 * 1024 }), async (c) => {
    const form = await c.req.parseBody();
    const typedAddress = typeof form.public_url === "string" ? form.public_url : undefined;
    const organization = typeof form.organization === "string" && form.organization.trim() ? form.organization.trim() : undefined;
    const refuse = (problem: string) => sendPage(c, <SetupPage data={pageData({ typedAddress, organization, problem })} />, 400);
    if (organization && !ORGANIZATION.test(organization)) return refuse(`"${organization}" is not an organization name on GitHub.`);
    const target = registrationTarget({
      typedAddress,
      publicUrl: env.publicUrl,
      webhookProxyUrl: env.webhookProxyUrl,
      webhookPath: env.webhookPath,
      enterprise,
      browserBase: browserBase(c.req.url, env.publicUrl),
    });
    if (!target.ok) return refuse(target.problem);
    const manifest = buildManifest(loadAppYml(options.appYmlPath), target.urls);
    const state = startSetupState(c, target.typedPublicUrl);
    options.log.info({ hookUrl: manifest.hook_attributes.url, organization }, "app registration started");
    return sendPage(c, <ContinuePage data={{ action: registrationUrl(env.githubWebUrl, state, organization), manifest }} />);
  });

  app.get("/setup/callback", async (c) => {
    const setup = takeSetupState(c, c.req.query("state"));
    if (!setup) {
      options.log.warn("app registration callback refused: its state does not match this browser's");
      const message = "This registration was not started from this browser, or it is over an hour old. Nothing was saved: start again from the setup page.";
      return sendPage(c, <MessagePage title="Registration refused" message={message} tone="error" />, 400);
    }
    const code = c.req.query("code");
    if (!code || !/^[\w-]{1,200}$/.test(code)) return sendPage(c, <MessagePage title="Registration refused" message="GitHub's answer carried no valid code. Start again from the setup page." tone="error" />, 400);

    let app;
    try {
      app = await convertManifestCode(env.githubApiUrl, code);
    } catch (err) {
      if (!(err instanceof ConversionFailed)) throw err;
      options.log.warn({ status: err.status, reason: err.message }, "app registration: code conversion failed");
      return sendPage(c, <MessagePage title="Registration failed" message={`${err.message}. Start again from the setup page.`} tone="error" />, 502);
    }
    const values: Record<string, string> = {
      APP_ID: String(app.id),
      APP_SLUG: app.slug,
      PRIVATE_KEY: app.pem,
      WEBHOOK_SECRET: app.webhook_secret,
      GITHUB_CLIENT_ID: app.client_id,
      GITHUB_CLIENT_SECRET: app.client_secret,
    };
    if (!env.sessionSecret && !readEnvFileKeys(options.envFile).has("SESSION_SECRET")) values.SESSION_SECRET = randomBytes(32).toString("base64url");
    // Checked again: the cookie came back from the browser.
    if (setup.typedPublicUrl && checkPublicAddress(setup.typedPublicUrl, { enterprise }).ok) values.PUBLIC_URL = setup.typedPublicUrl;
    updateEnvFile(options.envFile, values);
    options.log.info({ appId: app.id, slug: app.slug }, "GitHub App registered; restart to connect");
    return sendPage(c, <RegisteredPage data={{ name: app.name, appId: app.id, htmlUrl: app.html_url, written: Object.keys(values) }} />);
  });
  return app;
}
