import { describe, expect, it } from "vitest";
import { takeContractViolations } from "../helpers/contract-hook.js";
import { deadJobs, installations, reconcileRuns } from "../../src/db/schema/index.js";
import { createBoss } from "../../src/jobs/boss.js";
import { createWebApp } from "../../src/web/app.js";
import { openTestDatabase } from "../helpers/database.js";
import { useHarness } from "../helpers/harness.js";
import { APP_ID, repo, SHOP } from "../helpers/ids.js";
import { installationEvent, pullRequestEvent } from "../helpers/payloads.js";
import { silentLogger } from "../helpers/logger.js";
import { FROM_THIS_MACHINE, harnessParts, testEnv } from "../helpers/web.js";

const h = useHarness();
const XSS = "<script>alert(1)</script>";

const connectedApp = (variables: Record<string, string> = {}) => createWebApp(harnessParts(h, testEnv(variables)));

describe("the status page once connected", () => {
  it("shows the app, its installations and repositories, the last deliveries with their outcome, the day's counts and dead jobs", async () => {
    await h.receive("installation", installationEvent("created", [SHOP, repo("acme", "api", 1003)]), "d-install");
    await h.drain();
    await h.receive("pull_request", { ...pullRequestEvent("opened"), installation: undefined }, "d-no-installation");
    await h.rt.db.insert(deadJobs).values({ jobId: "job-1", queue: "check-pr", data: {}, reason: "GitHub answered 404: Not Found", failedAt: h.time.now() });

    const res = await connectedApp({ APP_SLUG: "senseloop-acme" }).request("/status", undefined, FROM_THIS_MACHINE);
    const html = await res.text();

    expect(res.status).toBe(200);
    expect(html).toContain(`GitHub App <code>${APP_ID}</code> (<code>senseloop-acme</code>)`);
    expect(html).toContain("Webhooks are received at <code>/api/github/webhooks</code>");
    expect(html).toMatch(/<h3>acme <span class="muted">\(organization, installation 42\)<\/span>/);
    expect(html).toContain("<code>acme/api</code>");
    expect(html).toContain("<code>acme/shop</code>");
    expect(html).toMatch(/<code>pull_request\.opened<\/code><\/td><td>acme\/shop<\/td><td><span class="label ">ignored<\/span><span class="muted"> no_installation<\/span>/);
    expect(html).toMatch(/<code>installation\.created<\/code><\/td><td><\/td><td><span class="label label-success">done<\/span>/);
    expect(html).toContain("<td>ignored</td><td>no_installation</td><td class=\"num\">1</td>");
    expect(html).toContain("<code>check-pr</code></td><td>GitHub answered 404: Not Found</td>");
    expect(html).toContain('<time datetime="2026-03-02T09:00:00.000Z">2026-03-02 09:00 UTC</time>');
  });

  it("shows at most the last 20 deliveries, newest first", async () => {
    for (let i = 1; i <= 22; i++) {
      await h.receive("pull_request", { ...pullRequestEvent("opened"), installation: undefined }, `d-${String(i).padStart(2, "0")}`);
      await h.time.advanceSeconds(60);
    }

    const html = await (await connectedApp().request("/status", undefined, FROM_THIS_MACHINE)).text();

    expect(html).toContain('<h2>Latest deliveries</h2><table><caption class="muted">The last 20, newest first.</caption>');
    const times = [...html.matchAll(/<tr><td><time datetime="([^"]+)"/g)].map((m) => m[1]);
    expect(times).toHaveLength(20);
    expect(times[0]).toBe("2026-03-02T09:21:00.000Z");
    expect(times.at(-1)).toBe("2026-03-02T09:02:00.000Z");
  });

  it("escapes what came from GitHub or from a job: repository names, event names, reasons", async () => {
    await h.receive("installation", installationEvent("created", [repo("acme", "<img src=x onerror=alert(1)>", 1004)]), "d-xss-install");
    await h.drain();
    await h.receive(XSS, { action: XSS }, "d-xss-event");
    // GitHub sends no such event: the contract check says so, and this test means it.
    expect(takeContractViolations()).toEqual([expect.objectContaining({ kind: "webhook", message: expect.stringContaining("GitHub sends no") })]);
    await h.rt.db.insert(deadJobs).values({ jobId: "job-xss", queue: "check-pr", data: {}, reason: `</td>${XSS}`, failedAt: h.time.now() });

    const html = await (await connectedApp().request("/status", undefined, FROM_THIS_MACHINE)).text();

    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img");
    expect(html).toContain("<code>acme/&lt;img src=x onerror=alert(1)&gt;</code>");
    expect(html).toContain("<code>&lt;script&gt;alert(1)&lt;/script&gt;.&lt;script&gt;alert(1)&lt;/script&gt;</code>");
    expect(html).toContain("<td>&lt;/td&gt;&lt;script&gt;alert(1)&lt;/script&gt;</td>");
  });

  it("shows the latest reconcile runs with their figures, and an installation held by a rate limit", async () => {
    await h.receive("installation", installationEvent("created"), "d-install");
    await h.drain();
    const now = h.time.now();
    await h.rt.db.update(installations).set({ rateLimitedUntil: new Date(now.getTime() + 600_000), rateLimitKind: "primary" });
    await h.rt.db.insert(reconcileRuns).values({ trigger: "start-up", startedAt: now, finishedAt: now, since: new Date(now.getTime() - 3 * 86_400_000), reconciledThrough: now, listed: 140, missing: 3, redelivered: 2, skipped: 1 });

    const html = await (await connectedApp().request("/status", undefined, FROM_THIS_MACHINE)).text();

    expect(html).toContain('<span class="label label-attention">rate limited until <time datetime="2026-03-02T09:10:00.000Z">2026-03-02 09:10 UTC</time></span>');
    expect(html).toContain("<h2>Missed deliveries</h2>");
    expect(html).toMatch(/<td>start-up<\/td><td><time datetime="2026-02-27T09:00:00.000Z">[^<]+<\/time><\/td><td class="num">140<\/td><td class="num">3<\/td><td class="num">2<\/td><td class="num">1<\/td><td><span class="label label-success">done<\/span><\/td>/);
  });

  it("names a worker process as one that does not receive webhooks", async () => {
    const html = await (await connectedApp({ SENSELOOP_ROLE: "worker" }).request("/status", undefined, FROM_THIS_MACHINE)).text();

    expect(html).toContain("This process runs jobs only");
  });
});

describe("who sees the status page while signing in is not set up", () => {
  it.each([
    ["a request from another machine", undefined, { incoming: { socket: { remoteAddress: "203.0.113.9" }, headers: {} } }],
    ["a request relayed by a proxy on this machine", { headers: { "x-forwarded-for": "203.0.113.9" } }, FROM_THIS_MACHINE],
    ["a request with no known address", undefined, undefined],
  ])("answers %s with a 404 that names no repository", async (_name, init, bindings) => {
    await h.receive("installation", installationEvent("created", [repo("acme", "secret-plans", 1005)]), "d-install-private");
    await h.drain();

    const res = await connectedApp().request("/status", init, bindings);
    const html = await res.text();

    expect(res.status).toBe(404);
    expect(html).toContain("Status is shown on this machine only");
    expect(html).not.toContain("secret-plans");
  });
});

describe("pages and errors", () => {
  it("answers an unknown page with a small HTML 404 carrying the security headers", async () => {
    const res = await connectedApp().request("/nowhere");

    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await res.text()).toContain("<h1>Not found</h1>");
    expect(res.headers.get("content-security-policy")).toBe(
      "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; form-action 'self' https://github.com; frame-ancestors 'none'; base-uri 'none'",
    );
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  it("answers 500 without the error's details when a page fails, with the security headers", async () => {
    const gone = await openTestDatabase();
    await gone.close();
    const app = createWebApp({ ...harnessParts(h), db: gone.db });

    const res = await app.request("/status", undefined, FROM_THIS_MACHINE);
    const html = await res.text();

    expect(res.status).toBe(500);
    expect(html).toContain("<h1>Something went wrong</h1>");
    expect(html).not.toMatch(/closed|pglite|postgres|select|Error:/i);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("answers 500 with a bare JSON error when an API call fails", async () => {
    const gone = await openTestDatabase();
    const boss = createBoss(gone, { background: false, log: silentLogger });
    await gone.close();
    const token = "sweep-token-0123456789abcdef";
    const app = createWebApp({ ...harnessParts(h, testEnv({ SWEEP_TOKEN: token })), boss });

    const res = await app.request("/api/sweep", { method: "POST", headers: { authorization: `Bearer ${token}` } });

    expect([res.status, await res.json()]).toEqual([500, { error: "internal error" }]);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves the stylesheet every page links to, cached for good and safe under the CSP", async () => {
    const app = connectedApp();
    const page = await (await app.request("/")).text();
    const href = /<link rel="stylesheet" href="([^"]+)"/.exec(page)?.[1];

    const css = await app.request(href!);

    expect(href).toMatch(/^\/assets\/senseloop\.[0-9a-f]{12}\.css$/);
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(css.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(await css.text()).toContain("prefers-color-scheme: dark");
    expect(page).not.toMatch(/<style|style="|<script(?! src=)/);
  });
});
