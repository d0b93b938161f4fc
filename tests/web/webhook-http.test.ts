import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { sign } from "@octokit/webhooks-methods";
import { afterEach, describe, expect, it } from "vitest";
import { deliveries } from "../../src/db/schema/index.js";
import { healthRoutes } from "../../src/web/health.js";
import { startHttpServer } from "../../src/web/server.js";
import { webhookRoute } from "../../src/web/webhook.js";
import { useHarness } from "../helpers/harness.js";
import { WEBHOOK_SECRET } from "../helpers/ids.js";
import { silentLogger } from "../helpers/logger.js";
import { pullRequestEvent } from "../helpers/payloads.js";
import { sql } from "drizzle-orm";

const h = useHarness();
let server: Server | undefined;

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
});

async function start(): Promise<string> {
  server = await startHttpServer([healthRoutes(h.rt.db), webhookRoute({ probot: h.probot, path: "/api/github/webhooks", secret: WEBHOOK_SECRET, log: silentLogger })], {
    port: 0,
    host: "127.0.0.1",
    log: silentLogger,
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function post(base: string, body: string, headers: Record<string, string>) {
  return fetch(`${base}/api/github/webhooks`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

async function stored() {
  const rows = await h.rt.db.select().from(deliveries);
  const jobs = (await h.rt.db.execute(sql`select count(*)::int as n from pgboss.job`)) as unknown;
  const n = (Array.isArray(jobs) ? jobs : (jobs as { rows: { n: number }[] }).rows)[0] as { n: number };
  return { deliveries: rows, jobs: n.n };
}

describe("the webhook endpoint", () => {
  it("records and enqueues a correctly signed delivery and answers 202", async () => {
    const base = await start();
    const body = JSON.stringify(pullRequestEvent("opened"));

    const res = await post(base, body, { "x-github-event": "pull_request", "x-github-delivery": "d-signed", "x-hub-signature-256": await sign(WEBHOOK_SECRET, body) });

    expect(res.status).toBe(202);
    const state = await stored();
    expect(state.deliveries.map((d) => [d.id, d.event, d.action, d.status])).toEqual([["d-signed", "pull_request", "opened", "queued"]]);
    expect(state.jobs).toBe(1);
  });

  it.each([
    ["a wrong signature", { "x-hub-signature-256": "sha256=" + "0".repeat(64) }, /signature does not match/],
    ["a signature made with another secret", "other-secret", /signature does not match/],
    ["no signature", { "x-hub-signature-256": "" }, /missing header: X-Hub-Signature-256/],
  ])("answers 400 and stores nothing for %s", async (_name, signature, error) => {
    const base = await start();
    const body = JSON.stringify(pullRequestEvent("opened"));
    const headers: Record<string, string> = { "x-github-event": "pull_request", "x-github-delivery": "d-bad" };
    if (typeof signature === "string") headers["x-hub-signature-256"] = await sign(signature, body);
    else Object.assign(headers, signature);

    const res = await post(base, body, headers);

    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(error);
    expect(await stored()).toEqual({ deliveries: [], jobs: 0 });
  });

  it("answers 400 for a signed body that is not JSON", async () => {
    const base = await start();
    const body = "{not json";

    const res = await post(base, body, { "x-github-event": "pull_request", "x-github-delivery": "d-json", "x-hub-signature-256": await sign(WEBHOOK_SECRET, body) });

    expect(res.status).toBe(400);
    expect(await stored()).toEqual({ deliveries: [], jobs: 0 });
  });

  it("answers 400 naming every missing header", async () => {
    const base = await start();

    const res = await post(base, "{}", {});

    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("missing headers: X-GitHub-Event, X-GitHub-Delivery, X-Hub-Signature-256");
  });

  it("answers 405 to a GET on the webhook path and 404 elsewhere", async () => {
    const base = await start();

    expect((await fetch(`${base}/api/github/webhooks`)).status).toBe(405);
    expect((await fetch(`${base}/nowhere`)).status).toBe(404);
  });

  it("counts a delivery posted twice once, whatever the signature's freshness", async () => {
    const base = await start();
    const body = JSON.stringify(pullRequestEvent("opened"));
    const headers = { "x-github-event": "pull_request", "x-github-delivery": "d-twice", "x-hub-signature-256": await sign(WEBHOOK_SECRET, body) };

    const [first, second] = await Promise.all([post(base, body, headers), post(base, body, headers)]);

    expect([first.status, second.status]).toEqual([202, 202]);
    const state = await stored();
    expect(state.jobs).toBe(1);
    expect(state.deliveries).toHaveLength(1);
    expect(state.deliveries[0]!.duplicates).toBe(1);
  });
});

describe("health", () => {
  it("answers /healthz and /readyz while the database answers", async () => {
    const base = await start();

    const health = await fetch(`${base}/healthz`);
    const ready = await fetch(`${base}/readyz`);

    expect([health.status, await health.json()]).toEqual([200, { status: "ok" }]);
    expect([ready.status, await ready.json()]).toEqual([200, { status: "ready" }]);
  });
});
