import { describe, expect, it } from "vitest";
import { webUserTokens } from "../../src/db/schema/index.js";
import { memberEvent } from "../helpers/access-payloads.js";
import { installationEvent, installationRepositoriesEvent } from "../helpers/payloads.js";
import { seedResponded } from "../helpers/dashboard-seed.js";
import { useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, repo, SECRET, SHOP } from "../helpers/ids.js";
import { seedSenseItem } from "../helpers/seed.js";
import { nockUserAccess, SIGN_IN_ENV } from "../helpers/user-github.js";
import { harnessParts, serveWeb, testEnv } from "../helpers/web.js";
import { WebClient } from "../helpers/web-client.js";
import { signIn } from "../helpers/web-sign-in.js";

const h = useHarness();
const RIVAL_INSTALLATION = 77;
const RIVAL_SHOP = repo("rival", "shop", 9010);
const ACME = { installationId: INSTALLATION_ID, account: "acme", repos: [SHOP] };

async function serve(variables: Record<string, string> = {}) {
  return (await serveWeb(harnessParts(h, testEnv({ ...SIGN_IN_ENV, ...variables })))).base;
}

/** Every page and API route of acme/shop and its hypothesis #12. */
const SHOP_ROUTES = [
  "/acme",
  "/acme/shop",
  "/acme/shop/hypotheses/12",
  "/acme/learnings",
  "/api/v1/orgs/acme/metrics",
  "/api/v1/orgs/acme/repos",
  "/api/v1/orgs/acme/learnings",
  "/api/v1/repos/acme/shop/metrics",
  "/api/v1/repos/acme/shop/loops",
  "/api/v1/repos/acme/shop/hypotheses",
  "/api/v1/repos/acme/shop/hypotheses/12",
];

describe("what a signed-in person may see", () => {
  it("answers 404 on every page and API route of a repository the person cannot reach, exactly as for one that does not exist", async () => {
    await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12, title: "Returning customers reorder a past basket" });
    const base = await serve();
    const { client } = await signIn(h, base, "mallory", { access: [] });

    const answers = await Promise.all(SHOP_ROUTES.map(async (path) => [path, (await client.get(path)).status, await (await client.get(path)).text()] as const));
    const missingPage = await (await client.get("/nobody/nothing")).text();
    const missingApi = await (await client.get("/api/v1/repos/nobody/nothing/metrics")).text();

    expect(answers.map(([path, status]) => [path, status])).toEqual(SHOP_ROUTES.map((path) => [path, 404]));
    for (const [path, , body] of answers) expect(body).toBe(path.startsWith("/api/") ? missingApi : missingPage);
    expect(missingPage).not.toMatch(/shop|reorder/i);
  });

  it("answers 404 for an id swapped in a URL: another organisation's repository, another installation's hypothesis number", async () => {
    await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12, issueNumber: 100 });
    await seedSenseItem(h, { repo: SECRET, installationId: RIVAL_INSTALLATION, hypothesisNumber: 30, issueNumber: 300, title: "Rival's secret plan" });
    const base = await serve();
    const { client } = await signIn(h, base, "pam", { access: [ACME] });

    const statuses = await Promise.all(
      ["/acme/shop/hypotheses/12", "/acme/shop/hypotheses/30", "/rival/secret", "/rival/secret/hypotheses/30", "/acme/secret", "/rival/learnings", "/api/v1/repos/acme/shop/hypotheses/30", "/api/v1/repos/rival/secret/hypotheses/30", "/api/v1/orgs/rival/metrics"].map(async (path) => [path, (await client.get(path)).status]),
    );

    expect(statuses).toEqual([
      ["/acme/shop/hypotheses/12", 200],
      ["/acme/shop/hypotheses/30", 404],
      ["/rival/secret", 404],
      ["/rival/secret/hypotheses/30", 404],
      ["/acme/secret", 404],
      ["/rival/learnings", 404],
      ["/api/v1/repos/acme/shop/hypotheses/30", 404],
      ["/api/v1/repos/rival/secret/hypotheses/30", 404],
      ["/api/v1/orgs/rival/metrics", 404],
    ]);
  });

  it("does not show a repository GitHub lists under an installation other than the one Senseloop knows it by", async () => {
    await seedSenseItem(h, { repo: SECRET, installationId: RIVAL_INSTALLATION, hypothesisNumber: 30 });
    const base = await serve();
    const { client } = await signIn(h, base, "pam", { access: [{ installationId: INSTALLATION_ID, account: "acme", repos: [SECRET] }] });

    expect((await client.get("/rival/secret")).status).toBe(404);
  });

  it("keeps two organisations' repositories of the same name apart, on pages and in the API", async () => {
    await seedResponded(h, { repo: SHOP, hypothesisNumber: 12, issueNumber: 100, title: "Acme reorder button", decision: "pivot", learning: "Acme customers reorder once", respondedAt: "2026-02-20T10:00:00Z", shippedAt: "2026-02-01T10:00:00Z" });
    await seedResponded(h, { repo: RIVAL_SHOP, installationId: RIVAL_INSTALLATION, hypothesisNumber: 12, issueNumber: 100, title: "Rival loyalty points", decision: "kill", learning: "Rival points went unused", respondedAt: "2026-02-21T10:00:00Z", shippedAt: "2026-02-01T10:00:00Z" });
    const base = await serve();
    const { client } = await signIn(h, base, "pam", { access: [ACME, { installationId: RIVAL_INSTALLATION, account: "rival", repos: [RIVAL_SHOP] }] });

    const acmeRepo = await (await client.get("/acme/shop")).text();
    const rivalRepo = await (await client.get("/rival/shop")).text();
    const acmeHypothesis = await (await client.get("/acme/shop/hypotheses/12")).text();
    const acmeLog = await (await client.get("/acme/learnings")).text();
    const rivalApi = (await (await client.get("/api/v1/orgs/rival/learnings")).json()) as { data: { repository: string; learning: string }[] };

    expect(acmeRepo).toContain("Acme reorder button");
    expect(acmeRepo).not.toContain("Rival");
    expect(rivalRepo).toContain("Rival loyalty points");
    expect(rivalRepo).not.toContain("Acme");
    expect(acmeHypothesis).toContain("Acme customers reorder once");
    expect(acmeHypothesis).not.toContain("Rival");
    expect(acmeLog).toContain("Acme customers reorder once");
    expect(acmeLog).not.toContain("Rival points went unused");
    expect(rivalApi.data.map((row) => [row.repository, row.learning])).toEqual([["rival/shop", "Rival points went unused"]]);
  });
});

describe("access changes", () => {
  it("takes a revoked access into account within five minutes, without asking GitHub in between", async () => {
    await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12 });
    const base = await serve();
    const { client, access } = await signIn(h, base, "pam", { access: [ACME] });
    const before = (await client.get("/acme/shop")).status;

    await h.time.advanceSeconds(4 * 60 + 59);
    const cached = (await client.get("/acme/shop")).status;
    await h.time.advanceSeconds(1);
    const askedAgain = nockUserAccess(access, []);
    const after = (await client.get("/acme/shop")).status;

    expect([before, cached, after]).toEqual([200, 200, 404]);
    expect(askedAgain).toEqual([`token ${access}`]);
  });

  it("asks GitHub once when several pages and API calls of one person arrive together with the access to read again", async () => {
    await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12 });
    const base = await serve();
    const { client, access } = await signIn(h, base, "pam", { access: [ACME] });
    await client.get("/acme/shop");

    await h.time.advanceSeconds(5 * 60);
    const asked = nockUserAccess(access, [ACME]);
    const statuses = await Promise.all(["/acme", "/acme/shop", "/acme/learnings", "/api/v1/orgs", "/api/v1/repos/acme/shop/metrics"].map(async (path) => (await client.get(path)).status));

    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    expect(asked).toEqual([`token ${access}`]);
  });

  it("asks GitHub again at once when a member event says a collaborator of an installed repository changed", async () => {
    await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12 });
    const base = await serve();
    const { client, access } = await signIn(h, base, "pam", { access: [ACME] });
    expect((await client.get("/acme/shop")).status).toBe(200);

    await h.receive("member", memberEvent("removed", "pam", SHOP));
    await h.drain();
    nockUserAccess(access, []);

    expect((await client.get("/acme/shop")).status).toBe(404);
  });

  it("stops showing a repository removed from the installation at once, even while GitHub's answer still lists it", async () => {
    await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12 });
    const base = await serve();
    const { client, access } = await signIn(h, base, "pam", { access: [ACME] });
    expect((await client.get("/acme/shop")).status).toBe(200);

    await h.receive("installation_repositories", installationRepositoriesEvent("removed", { removed: [SHOP] }));
    await h.drain();
    const askedAgain = nockUserAccess(access, [ACME]);

    expect((await client.get("/acme/shop")).status).toBe(404);
    expect(askedAgain).toEqual([`token ${access}`]);
  });

  it("stops showing an uninstalled installation's repositories at once, even while GitHub's answer still lists them", async () => {
    await seedSenseItem(h, { repo: SHOP, hypothesisNumber: 12 });
    const base = await serve();
    const { client, access } = await signIn(h, base, "pam", { access: [ACME] });
    expect((await client.get("/acme")).status).toBe(200);

    await h.receive("installation", installationEvent("deleted"));
    await h.drain();
    nockUserAccess(access, [ACME]);

    expect((await client.get("/acme")).status).toBe(404);
    expect(await (await client.get("/api/v1/orgs")).json()).toEqual({ data: [], next_cursor: null });
  });
});

describe("signing in", () => {
  it("refuses a callback whose state is not this browser's, and never asks GitHub for a token", async () => {
    const base = await serve();
    const browser = new WebClient(base);
    const started = new URL((await browser.get("/login")).headers.get("location")!);
    const attacker = new WebClient(base);

    const forged = await browser.get("/auth/callback?code=attacker-code&state=forged-state");
    const replayed = await attacker.get(`/auth/callback?code=attacker-code&state=${started.searchParams.get("state")}`);

    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("This sign-in was not started from this browser");
    expect(replayed.status).toBe(400);
    expect([...browser.cookies.keys(), ...attacker.cookies.keys()]).not.toContain("senseloop_session");
  });

  it("sends the browser to GitHub's authorize page with the app's client id, the callback and a fresh state", async () => {
    const base = await serve({ PUBLIC_URL: "https://senseloop.example.com" });
    const a = new WebClient(base);
    const b = new WebClient(base);

    const first = new URL((await a.get("/login")).headers.get("location")!);
    const second = new URL((await b.get("/login")).headers.get("location")!);

    expect(`${first.origin}${first.pathname}`).toBe("https://github.com/login/oauth/authorize");
    expect(first.searchParams.get("client_id")).toBe(SIGN_IN_ENV.GITHUB_CLIENT_ID);
    expect(first.searchParams.get("redirect_uri")).toBe("https://senseloop.example.com/auth/callback");
    expect(first.searchParams.get("state")).toMatch(/^[\w-]{32}$/);
    expect(second.searchParams.get("state")).not.toBe(first.searchParams.get("state"));
  });

  it("returns to the page that asked for sign-in, but never to another site", async () => {
    const base = await serve();
    const here = new WebClient(base);
    const away = new WebClient(base);
    const { nockAuthenticatedUser, nockCodeExchange } = await import("../helpers/user-github.js");

    const finish = async (client: WebClient, returnTo: string, code: string) => {
      const state = new URL((await client.get(`/login?return_to=${encodeURIComponent(returnTo)}`)).headers.get("location")!).searchParams.get("state");
      nockCodeExchange(code, { access: `ghu_${code}`, refresh: `ghr_${code}`, now: h.time.now() });
      nockAuthenticatedUser(`ghu_${code}`, "pam");
      return (await client.get(`/auth/callback?code=${code}&state=${state}`)).headers.get("location");
    };

    expect(await finish(here, "/acme/learnings?q=basket", "c1")).toBe("/acme/learnings?q=basket");
    expect(await finish(away, "//evil.example/phish", "c2")).toBe("/");
  });

  it("sets the session cookie http-only, SameSite=Lax and Secure when served over HTTPS, and stores the tokens sealed", async () => {
    const base = await serve({ PUBLIC_URL: "https://senseloop.example.com" });
    const client = new WebClient(base);
    const state = new URL((await client.get("/login")).headers.get("location")!).searchParams.get("state");
    const { nockAuthenticatedUser, nockCodeExchange } = await import("../helpers/user-github.js");
    nockCodeExchange("c-cookie", { access: "ghu_plain_access_token", refresh: "ghr_plain_refresh_token", now: h.time.now() });
    nockAuthenticatedUser("ghu_plain_access_token", "pam");

    const res = await fetch(`${base}/auth/callback?code=c-cookie&state=${state}`, { redirect: "manual", headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join("; ") } });
    const cookie = res.headers.getSetCookie().find((line) => line.startsWith("senseloop_session="))!;
    const stored = JSON.stringify(await h.rt.db.select().from(webUserTokens));

    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(stored).not.toContain("ghu_plain_access_token");
    expect(stored).not.toContain("ghr_plain_refresh_token");
    expect(stored).toContain('"accessToken":"v1.');
  });
});

describe("signing out", () => {
  it("refuses a cross-site sign-out and one without the form's token, and signs out with it", async () => {
    const base = await serve();
    const { client } = await signIn(h, base, "pam", { access: [ACME] });
    const home = await (await client.get("/")).text();
    const token = /name="token" value="([^"]+)"/.exec(home)![1]!;

    const crossSite = await client.post("/logout", { token }, { origin: "https://evil.example" });
    const tokenless = await client.post("/logout", {});
    const stillIn = await (await client.get("/")).text();
    const signedOut = await client.post("/logout", { token });
    const after = await (await client.get("/")).text();

    expect(crossSite.status).toBe(403);
    expect(tokenless.status).toBe(403);
    expect(stillIn).toContain("Signed in as <strong>pam</strong>");
    expect([signedOut.status, signedOut.headers.get("location")]).toEqual([303, "/"]);
    expect(after).toContain("Sign in with GitHub");
    expect(after).not.toContain("Signed in as");
  });
});

describe("signed out", () => {
  it("shows what Senseloop is at /, a 404 offering to sign in on a page, and 401 on the API", async () => {
    const base = await serve();
    const visitor = new WebClient(base);

    const home = await visitor.get("/");
    const page = await visitor.get("/acme/shop");
    const apiAnswer = await visitor.get("/api/v1/orgs");

    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<a class="btn" href="/login">Sign in with GitHub</a>');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('href="/login?return_to=%2Facme%2Fshop"');
    expect(apiAnswer.status).toBe(401);
    expect(apiAnswer.headers.get("www-authenticate")).toBe('Bearer realm="senseloop"');
  });

  it("says how to set signing in up when the OAuth client is not configured", async () => {
    const { base } = await serveWeb(harnessParts(h, testEnv()));

    const html = await (await fetch(`${base}/`)).text();

    expect(html).toContain("Signing in is not set up yet");
    expect(html).toContain("<code>GITHUB_CLIENT_ID</code>, <code>GITHUB_CLIENT_SECRET</code> and <code>SESSION_SECRET</code>");
    expect(html).toContain(`<code>${base}/auth/callback</code>`);
  });
});
