import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { createWebApp } from "../../src/web/app.js";
import { validParams } from "../../src/web/params.js";
import { niceTicks } from "../../src/web/views/charts.js";
import { Layout } from "../../src/web/views/layout.js";
import { renderDocument } from "../../src/web/views/render.js";
import { StatusPage, type StatusPageData } from "../../src/web/views/status-page.js";
import { useHarness } from "../helpers/harness.js";
import { harnessParts, testEnv } from "../helpers/web.js";

const data = (over: Partial<StatusPageData> = {}): StatusPageData => ({
  appId: 7,
  appSlug: undefined,
  webhookPath: "/api/github/webhooks",
  webhookProxyUrl: undefined,
  countsSince: new Date("2026-03-01T09:00:00Z"),
  counts: [],
  installations: [],
  deliveries: [],
  deadJobs: [],
  ...over,
});

describe("views are functions of plain data", () => {
  it("renders the layout as a whole document: title, the hashed stylesheet, no inline script or style", async () => {
    const html = await renderDocument(
      <Layout title="Pull requests">
        <p>body</p>
      </Layout>,
    );

    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain("<title>Pull requests · Senseloop</title>");
    expect(html).toMatch(/<link rel="stylesheet" href="\/assets\/senseloop\.[0-9a-f]{12}\.css"\/>/);
    expect(html).toContain("<main><p>body</p></main>");
    expect(html).not.toMatch(/<script|<style|style=/);
  });

  it("says so when nothing happened yet", async () => {
    const html = await renderDocument(<StatusPage data={data()} />);

    expect(html).toContain("Not installed anywhere yet");
    expect(html).toContain('<h2>Latest deliveries</h2><p class="muted">None yet.</p>');
    expect(html).toContain("None: every job succeeded or is still being retried.");
  });

  it("escapes every field it shows", async () => {
    const html = await renderDocument(
      <StatusPage
        data={data({
          appSlug: '"><script>x</script>',
          installations: [{ id: 1, accountLogin: "<b>acme</b>", accountType: "Organization", active: false, suspended: false, rateLimitedUntil: null, repositories: [{ id: 2, fullName: "acme/<i>shop</i>", private: false, configStatus: "invalid" }] }],
          deliveries: [{ id: "d", event: "issues", action: "<u>opened</u>", repositoryFullName: "acme/&shop", status: "dead", reason: "<svg onload=x>", receivedAt: new Date("2026-03-02T09:00:00Z") }],
        })}
      />,
    );

    expect(html).not.toMatch(/<(script|b|i|u|svg)[ >]/);
    expect(html).toContain("&quot;&gt;&lt;script&gt;x&lt;/script&gt;");
    expect(html).toContain("&lt;b&gt;acme&lt;/b&gt;");
    expect(html).toContain('<span class="label label-danger">removed</span>');
    expect(html).toContain("acme/&amp;shop");
    expect(html).toContain('<span class="label label-danger">dead</span><span class="muted"> &lt;svg onload=x&gt;</span>');
  });
});

describe("niceTicks: a chart's grid in round steps", () => {
  it.each([
    [22, false, [0, 5, 10, 15, 20, 25]],
    [12, false, [0, 2.5, 5, 7.5, 10, 12.5]],
    [0.4, false, [0, 0.1, 0.2, 0.3, 0.4]],
    [3, true, [0, 1, 2, 3]],
    [7, true, [0, 2, 4, 6, 8]],
    [137, true, [0, 50, 100, 150]],
    [0, false, [0, 1]],
    [0, true, [0, 1]],
  ])("up to %s (whole numbers: %s)", (value, whole, ticks) => {
    expect(niceTicks(value, { whole })).toEqual(ticks);
  });
});

describe("validParams", () => {
  const Params = z.object({ owner: z.string().regex(/^[\w.-]+$/), number: z.coerce.number().int().positive() });
  const h = useHarness();

  /** A route as the dashboard will declare one, on the real app so unknown pages answer as they do there. */
  function appWithRoute() {
    const app = new Hono();
    app.get("/repos/:owner/pulls/:number", validParams(Params), (c) => {
      const { owner, number }: { owner: string; number: number } = c.var.params;
      return c.json({ owner, number, next: number + 1 });
    });
    const web = createWebApp(harnessParts(h, testEnv()));
    web.route("/", app);
    return web;
  }

  it("hands the route typed, parsed params", async () => {
    const res = await appWithRoute().request("/repos/acme/pulls/12");

    expect([res.status, await res.json()]).toEqual([200, { owner: "acme", number: 12, next: 13 }]);
  });

  it.each(["/repos/acme/pulls/twelve", "/repos/acme/pulls/0", "/repos/acme/pulls/1.5", "/repos/a%3Cb/pulls/3"])("answers %s with the HTML 404 page", async (path) => {
    const res = await appWithRoute().request(path);

    expect(res.status).toBe(404);
    expect(await res.text()).toContain("<h1>Not found</h1>");
  });
});
