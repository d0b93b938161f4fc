import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv as parseDotenv } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "../../src/env.js";
import { createWebApp } from "../../src/web/app.js";
import { NO_ADDRESS } from "../../src/web/setup/registration-target.js";
import { PRIVATE_KEY, useHarness } from "../helpers/harness.js";
import { formAction, inputValue } from "../helpers/html.js";
import { convertedApp, nockManifestConversion } from "../helpers/setup-github.js";
import { harnessParts, testEnv } from "../helpers/web.js";

const h = useHarness();
let dir: string;
let envFile: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "senseloop-setup-"));
  envFile = join(dir, ".env");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The app in setup mode (no credentials), writing to this test's .env. */
function setupApp(variables: Record<string, string> = {}) {
  return createWebApp(harnessParts(h, testEnv(variables, { setup: true }), { envFile }));
}

type App = ReturnType<typeof setupApp>;

function register(app: App, form: Record<string, string> = {}, origin = "http://localhost") {
  return app.request("/setup/register", { method: "POST", body: new URLSearchParams(form), headers: { origin, "content-type": "application/x-www-form-urlencoded" } });
}

/** Starts a registration and returns what the browser holds: GitHub's form, the manifest, the state cookie. */
async function startRegistration(app: App, form: Record<string, string> = {}) {
  const res = await register(app, form);
  const html = await res.text();
  const action = formAction(html, /\/settings\/apps\/new/);
  const manifest = JSON.parse(inputValue(html, "manifest") ?? "null") as Record<string, any> | null;
  const cookie = res.headers.get("set-cookie")?.split(";")[0];
  return { res, html, action, manifest, cookie, state: action ? new URL(action).searchParams.get("state") : null };
}

describe("the setup page", () => {
  it.each(["/", "/setup"])("at %s says what is missing and explains the public address and the webhook proxy", async (path) => {
    const res = await setupApp().request(path);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(html).toMatch(/^<!doctype html>/);
    for (const name of ["APP_ID", "PRIVATE_KEY or PRIVATE_KEY_PATH", "WEBHOOK_SECRET"]) expect(html).toContain(`<code>${name}</code>`);
    expect(html).toContain("<code>PUBLIC_URL</code>");
    expect(html).toContain("<code>WEBHOOK_PROXY_URL</code>");
    expect(html).toContain('<form method="post" action="/setup/register">');
    expect(res.headers.get("content-security-policy")).toContain("form-action 'self' https://github.com");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
  });
});

describe("starting a registration", () => {
  it("posts GitHub a manifest whose webhook is PUBLIC_URL plus the webhook path, with the login callback, under a state also set as a cookie", async () => {
    const { res, action, manifest, cookie, state } = await startRegistration(setupApp({ PUBLIC_URL: "https://senseloop.example.com/" }));

    expect(res.status).toBe(200);
    expect(action).toBe(`https://github.com/settings/apps/new?state=${state}`);
    expect(state).toMatch(/^[\w-]{32}$/);
    expect(cookie).toMatch(new RegExp(`^senseloop_setup=${state}\\.`));
    expect(res.headers.get("set-cookie")).toMatch(/HttpOnly; SameSite=Lax/);
    expect(manifest).toEqual({
      name: "Senseloop",
      description: expect.any(String),
      url: "https://github.com/senseloop/senseloop",
      hook_attributes: { url: "https://senseloop.example.com/api/github/webhooks", active: true },
      redirect_url: "http://localhost/setup/callback",
      callback_urls: ["https://senseloop.example.com/auth/callback"],
      setup_url: "https://senseloop.example.com/",
      public: false,
      default_permissions: { checks: "write", issues: "write", pull_requests: "read", contents: "read", deployments: "read", metadata: "read", members: "read" },
      default_events: ["check_run", "check_suite", "deployment_status", "issue_comment", "issues", "member", "pull_request", "push", "release"],
    });
  });

  it("uses an address typed in the form, under an organization, on GitHub Enterprise", async () => {
    const { action, manifest } = await startRegistration(setupApp({ GHE_HOST: "ghe.example.com" }), { public_url: "https://loop.example.com", organization: "acme" });

    expect(action).toMatch(/^https:\/\/ghe\.example\.com\/organizations\/acme\/settings\/apps\/new\?state=/);
    expect(manifest?.hook_attributes).toEqual({ url: "https://loop.example.com/api/github/webhooks", active: true });
  });

  it("registers the webhook proxy's URL when WEBHOOK_PROXY_URL is set, and asks for no address", async () => {
    const app = setupApp({ WEBHOOK_PROXY_URL: "https://smee.io/abc123" });

    const page = await (await app.request("/setup")).text();
    const { manifest } = await startRegistration(app);

    expect(page).not.toContain('name="public_url"');
    expect(manifest?.hook_attributes).toEqual({ url: "https://smee.io/abc123", active: true });
    expect(manifest?.callback_urls).toEqual(["http://localhost/auth/callback"]);
  });

  it("refuses without PUBLIC_URL, a proxy or a typed address, and says so", async () => {
    const { res, html, action, cookie } = await startRegistration(setupApp());

    expect(res.status).toBe(400);
    expect(html).toContain(NO_ADDRESS.replace(/'/g, "&#39;"));
    expect([action, cookie]).toEqual([undefined, undefined]);
  });

  it.each([
    ["http://localhost:3000", "this machine&#39;s own address"],
    ["http://127.0.0.1:3000", "this machine&#39;s own address"],
    ["http://192.168.1.20:3000", "a private network address"],
    ["http://build-box:3000", "a name only your network knows"],
  ])("refuses to register %s, explaining why", async (address, why) => {
    const { res, html, action } = await startRegistration(setupApp(), { public_url: address });

    expect(res.status).toBe(400);
    expect(html).toContain(why);
    expect(html).toContain(`value="${address}"`);
    expect(action).toBeUndefined();
  });

  it("refuses a registration posted from another site", async () => {
    const res = await register(setupApp({ PUBLIC_URL: "https://senseloop.example.com" }), {}, "https://evil.example");

    expect(res.status).toBe(403);
    expect(res.headers.get("set-cookie")).toBeNull();
  });
});

describe("the callback from GitHub", () => {
  it("refuses a callback whose state this browser did not start, calls no one and writes nothing", async () => {
    const app = setupApp({ PUBLIC_URL: "https://senseloop.example.com" });
    const { cookie, state } = await startRegistration(app);

    const forged = await app.request(`/setup/callback?code=abc123&state=${state}x`, { headers: { cookie: cookie! } });
    const cookieless = await app.request(`/setup/callback?code=abc123&state=${state}`);

    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("not started from this browser");
    expect(cookieless.status).toBe(400);
    expect(() => statSync(envFile)).toThrow();
  });

  it("exchanges the code and writes the credentials to .env, keeping its other lines, readable by its owner only", async () => {
    writeFileSync(envFile, '# local settings\nPORT=4000\nAPP_ID=1\nPRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\nold\n-----END RSA PRIVATE KEY-----"\nLOG_LEVEL=debug\n');
    const app = setupApp();
    const { cookie, state } = await startRegistration(app, { public_url: "https://loop.example.com" });
    nockManifestConversion("code-123", { status: 201, body: convertedApp(PRIVATE_KEY) });

    const res = await app.request(`/setup/callback?code=code-123&state=${state}`, { headers: { cookie: cookie! } });

    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Restart Senseloop");
    const text = readFileSync(envFile, "utf8");
    const written = parseDotenv(text);
    expect(text.split("\n").slice(0, 2)).toEqual(["# local settings", "PORT=4000"]);
    expect(written).toMatchObject({ PORT: "4000", LOG_LEVEL: "debug", APP_ID: "987654", APP_SLUG: "senseloop-acme", WEBHOOK_SECRET: "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed", GITHUB_CLIENT_ID: "Iv23liAbCdEf012345", GITHUB_CLIENT_SECRET: "0123456789abcdef0123456789abcdef01234567", PUBLIC_URL: "https://loop.example.com" });
    expect(text).toContain(`PRIVATE_KEY="${PRIVATE_KEY.trim().replace(/\n/g, "\\n")}\\n"`);
    expect(written.SESSION_SECRET).toMatch(/^[\w-]{43}$/);
    expect(statSync(envFile).mode & 0o777).toBe(0o600);
    const env = parseEnv(written as NodeJS.ProcessEnv);
    expect(env.ok && env.env.github).toEqual({ appId: 987654, privateKey: PRIVATE_KEY, webhookSecret: "f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed" });
  });

  it("keeps an existing SESSION_SECRET, and asks GitHub Enterprise's API for the conversion", async () => {
    writeFileSync(envFile, `SESSION_SECRET=${"k".repeat(43)}\n`);
    const app = setupApp({ PUBLIC_URL: "https://senseloop.example.com", GHE_HOST: "ghe.example.com" });
    const { cookie, state } = await startRegistration(app);
    nockManifestConversion("code-ghe", { status: 201, body: convertedApp(PRIVATE_KEY) }, "https://ghe.example.com/api/v3");

    const res = await app.request(`/setup/callback?code=code-ghe&state=${state}`, { headers: { cookie: cookie! } });

    expect(res.status).toBe(200);
    const written = parseDotenv(readFileSync(envFile, "utf8"));
    expect(written.SESSION_SECRET).toBe("k".repeat(43));
    expect(written.APP_ID).toBe("987654");
    expect(written.PUBLIC_URL).toBeUndefined();
  });

  it("says so when GitHub refuses the code, and writes nothing", async () => {
    const app = setupApp({ PUBLIC_URL: "https://senseloop.example.com" });
    const { cookie, state } = await startRegistration(app);
    nockManifestConversion("expired", { status: 404, body: { message: "Not Found" } });

    const res = await app.request(`/setup/callback?code=expired&state=${state}`, { headers: { cookie: cookie! } });

    expect(res.status).toBe(502);
    expect(await res.text()).toContain("GitHub refused the registration code (HTTP 404)");
    expect(() => statSync(envFile)).toThrow();
  });
});
