import { sign } from "@octokit/webhooks-methods";
import { describe, expect, it } from "vitest";
import { routeTemplate } from "../../src/github/request-observer.js";
import { createWebApp } from "../../src/web/app.js";
import { api, nockAddLabels, nockConfig, nockPullRequestRateLimited } from "../helpers/github.js";
import { pullRequestEventOf } from "../helpers/fault-github.js";
import { useHarness } from "../helpers/harness.js";
import { INSTALLATION_ID, SHOP, WEBHOOK_SECRET } from "../helpers/ids.js";
import { pullRequestEvent } from "../helpers/payloads.js";
import { seedSenseItem } from "../helpers/seed.js";
import { nockCreateComment } from "../helpers/ship-github.js";
import { NO_DASHBOARD, runSweep } from "../helpers/sweep-github.js";
import { harnessParts, serveWeb, testEnv } from "../helpers/web.js";

const h = useHarness();
const TOKEN = "metrics-token-0123456789";
const PULL = "/repos/{owner}/{repo}/pulls/{pull_number}";

/** The samples of a Prometheus text exposition, keyed `name{label="value",…}` with labels sorted. */
function parseSamples(text: string): Map<string, number> {
  const samples = new Map<string, number>();
  for (const line of text.split("\n")) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match) continue;
    const labels = [...(match[2] ?? "").matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, k, v]) => `${k}="${v}"`).sort();
    samples.set(`${match[1]}{${labels.join(",")}}`, Number(match[3]));
  }
  return samples;
}

/** One sample's value from the app's /metrics; 0 when the series does not exist yet. */
async function scrape() {
  const text = await (await createWebApp(harnessParts(h)).request("/metrics")).text();
  const samples = parseSamples(text);
  return (name: string, labels: Record<string, string> = {}) => {
    const key = `${name}{${Object.entries(labels)
      .map(([k, v]) => `${k}="${v}"`)
      .sort()
      .join(",")}}`;
    return samples.get(key) ?? 0;
  };
}

async function postWebhook(base: string, event: string, id: string, payload: object, secret = WEBHOOK_SECRET) {
  const body = JSON.stringify(payload);
  const headers = { "content-type": "application/json", "x-github-event": event, "x-github-delivery": id, "x-hub-signature-256": await sign(secret, body) };
  return (await fetch(`${base}/api/github/webhooks`, { method: "POST", body, headers })).status;
}

describe("/metrics", () => {
  it("answers in Prometheus's text format with every Senseloop metric described", async () => {
    const res = await createWebApp(harnessParts(h)).request("/metrics");

    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const types = [...(await res.text()).matchAll(/^# TYPE (\S+) (\S+)$/gm)].map(([, name, type]) => `${name} ${type}`);
    expect(types).toEqual([
      "senseloop_webhooks_received_total counter",
      "senseloop_webhook_ack_duration_seconds histogram",
      "senseloop_jobs_total counter",
      "senseloop_job_duration_seconds histogram",
      "senseloop_github_requests_total counter",
      "senseloop_github_request_duration_seconds histogram",
      "senseloop_github_rate_limit_remaining gauge",
      "senseloop_github_rate_limited_total counter",
      "senseloop_sweep_duration_seconds histogram",
      "senseloop_sweep_flagged_total counter",
      "senseloop_reconcile_deliveries_total counter",
      "senseloop_sweep_deferred_total counter",
    ]);
  });

  it("asks for METRICS_TOKEN as a bearer token when it is set", async () => {
    const app = createWebApp(harnessParts(h, testEnv({ METRICS_TOKEN: TOKEN })));

    const none = await app.request("/metrics");
    const wrong = await app.request("/metrics", { headers: { authorization: "Bearer not-the-metrics-token" } });
    const right = await app.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });

    expect([none.status, none.headers.get("www-authenticate"), wrong.status]).toEqual([401, 'Bearer realm="senseloop"', 401]);
    expect(await none.text()).not.toContain("senseloop_");
    expect([right.status, (await right.text()).includes("senseloop_jobs_total")]).toEqual([200, true]);
  });

  it("is served before the app is registered, too", async () => {
    const res = await createWebApp(harnessParts(h, testEnv({}, { setup: true }))).request("/metrics");
    expect([res.status, (await res.text()).includes("# TYPE senseloop_webhooks_received_total counter")]).toEqual([200, true]);
  });
});

describe("the counters", () => {
  it("count webhooks by event and outcome, and time every answer", async () => {
    const { base } = await serveWeb(harnessParts(h));
    const opened = pullRequestEvent("opened");

    const statuses = [
      await postWebhook(base, "pull_request", "d-1", opened),
      await postWebhook(base, "pull_request", "d-1", opened),
      await postWebhook(base, "star", "d-2", { action: "created", starred_at: "2026-03-02T09:00:00Z", repository: opened.repository, sender: opened.sender, installation: opened.installation }),
      await postWebhook(base, "pull_request", "d-3", opened, "not-the-secret"),
    ];

    expect(statuses).toEqual([202, 202, 202, 400]);
    const value = await scrape();
    const received = (event: string, outcome: string) => value("senseloop_webhooks_received_total", { event, outcome });
    expect([received("pull_request", "queued"), received("pull_request", "duplicate"), received("star", "ignored"), received("unverified", "refused")]).toEqual([1, 1, 1, 1]);
    expect([value("senseloop_webhook_ack_duration_seconds_count", { status: "202" }), value("senseloop_webhook_ack_duration_seconds_count", { status: "400" })]).toEqual([3, 1]);
    expect(value("senseloop_webhook_ack_duration_seconds_bucket", { status: "202", le: "10" })).toBe(3);
  });

  it("count jobs by queue and outcome, GitHub's answers by route template and status, and a primary rate limit", async () => {
    nockPullRequestRateLimited(SHOP, 7, new Date(h.time.now().getTime() + 600_000));
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7));
    expect(await h.drain()).toEqual({ done: 1, parked: 1, dead: 0, retry: 0 });

    const value = await scrape();
    expect([value("senseloop_jobs_total", { queue: "delivery", outcome: "done" }), value("senseloop_jobs_total", { queue: "check-pr", outcome: "parked" })]).toEqual([1, 1]);
    expect(value("senseloop_job_duration_seconds_count", { queue: "check-pr", outcome: "parked" })).toBe(1);
    expect(value("senseloop_github_requests_total", { method: "GET", route: PULL, status: "403" })).toBe(1);
    expect(value("senseloop_github_requests_total", { method: "POST", route: "/app/installations/{installation_id}/access_tokens", status: "201" })).toBe(1);
    expect(value("senseloop_github_request_duration_seconds_count", { method: "GET", route: PULL })).toBe(1);
    expect(value("senseloop_github_rate_limit_remaining", { installation: String(INSTALLATION_ID) })).toBe(0);
    expect([value("senseloop_github_rate_limited_total", { kind: "primary" }), value("senseloop_github_rate_limited_total", { kind: "secondary" })]).toEqual([1, 0]);
  });

  it("read a secondary limit's 429 and the remaining count GitHub sent with it", async () => {
    const reset = String(Math.floor(h.time.now().getTime() / 1000) + 3600);
    api()
      .get(`/repos/${SHOP.fullName}/pulls/7`)
      .reply(
        429,
        { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits" },
        { "retry-after": "60", "x-ratelimit-limit": "5000", "x-ratelimit-remaining": "4990", "x-ratelimit-used": "10", "x-ratelimit-reset": reset, "x-ratelimit-resource": "core" },
      );
    await h.receive("pull_request", pullRequestEventOf(SHOP, 7));
    expect(await h.drain()).toEqual({ done: 1, parked: 1, dead: 0, retry: 0 });

    const value = await scrape();
    expect(value("senseloop_github_requests_total", { method: "GET", route: PULL, status: "429" })).toBe(1);
    expect(value("senseloop_github_rate_limit_remaining", { installation: String(INSTALLATION_ID) })).toBe(4990);
    expect(value("senseloop_github_rate_limited_total", { kind: "secondary" })).toBe(1);
  });

  it("time a sweep and count the loops it flagged", async () => {
    await seedSenseItem(h, { assignees: ["pam"] });
    await h.time.set(new Date(h.time.now().getTime() + 14 * 86_400_000));
    nockConfig(SHOP, NO_DASHBOARD);
    nockAddLabels(SHOP, 100);
    const reminder = nockCreateComment(SHOP, 100, 9001);

    await runSweep(h);

    expect(reminder.calls).toHaveLength(1);
    const value = await scrape();
    expect([value("senseloop_sweep_duration_seconds_count", { stage: "start" }), value("senseloop_sweep_duration_seconds_count", { stage: "installation" })]).toEqual([1, 1]);
    expect([value("senseloop_sweep_flagged_total"), value("senseloop_sweep_deferred_total")]).toEqual([1, 0]);
    expect(value("senseloop_jobs_total", { queue: "sweep-installation", outcome: "done" })).toBe(1);
  });
});

describe("route templates", () => {
  it.each([
    ["/repos/{owner}/{repo}/check-runs", "/repos/{owner}/{repo}/check-runs"],
    ["https://api.github.com/repositories/1296269/issues?page=2&per_page=100", "/repositories/{id}/issues"],
    ["https://ghe.example.com/api/v3/repositories/12/pulls/7/commits?page=3", "/repositories/{id}/pulls/{id}/commits"],
    ["/repos/acme/shop/issues/12/comments", "/repos/{owner}/{repo}/issues/{id}/comments"],
    ["/repos/acme/shop/contents/.github/senseloop.yml", "/repos/{owner}/{repo}/contents/{ref}"],
  ])("names %s as %s", (url, route) => {
    expect(routeTemplate(url)).toBe(route);
  });
});
