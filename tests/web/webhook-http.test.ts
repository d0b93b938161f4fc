import { sign } from "@octokit/webhooks-methods";
import { sql } from "drizzle-orm";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { rows } from "../../src/db/client.js";
import { deliveries } from "../../src/db/schema/index.js";
import { useHarness } from "../helpers/harness.js";
import { WEBHOOK_SECRET } from "../helpers/ids.js";
import { pullRequestEvent } from "../helpers/payloads.js";
import { holdConnection, postStreamed, trickleRequest } from "../helpers/raw-http.js";
import { createWebApp } from "../../src/web/app.js";
import { closeWebServer, startWebServer } from "../../src/web/server.js";
import { silentLogger } from "../helpers/logger.js";
import { harnessParts, serveWeb, testEnv } from "../helpers/web.js";

const h = useHarness();
const MB = 1024 * 1024;

async function start(o: { requestTimeoutMs?: number; env?: Record<string, string> } = {}): Promise<string> {
  const { base } = await serveWeb(harnessParts(h, testEnv(o.env)), o.requestTimeoutMs ? { requestTimeoutMs: o.requestTimeoutMs } : {});
  return base;
}

async function post(base: string, body: string, headers: Record<string, string>) {
  return fetch(`${base}/api/github/webhooks`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
}

async function signedHeaders(body: string, id: string) {
  return { "x-github-event": "pull_request", "x-github-delivery": id, "x-hub-signature-256": await sign(WEBHOOK_SECRET, body) };
}

async function stored() {
  const found = await h.rt.db.select().from(deliveries);
  const [jobs] = await rows<{ n: number }>(h.rt.db, sql`select count(*)::int as n from pgboss.job`);
  return { deliveries: found, jobs: jobs!.n };
}

describe("the webhook endpoint", () => {
  it("records and enqueues a correctly signed delivery and answers 202", async () => {
    const base = await start();
    const body = JSON.stringify(pullRequestEvent("opened"));

    const res = await post(base, body, await signedHeaders(body, "d-signed"));

    expect([res.status, await res.json()]).toEqual([202, { accepted: "d-signed" }]);
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

  it("logs a refused signature as one short warning, without the payload", async () => {
    const lines: Record<string, unknown>[] = [];
    const log = pino({ level: "debug" }, new Writable({
        write(chunk, _encoding, done) {
          lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
          done();
        },
      }));
    const { base } = await serveWeb({ ...harnessParts(h), log });
    const body = JSON.stringify({ ...pullRequestEvent("opened"), marker: "payload-must-not-be-logged" });

    await post(base, body, { "x-github-event": "pull_request", "x-github-delivery": "d-logged", "x-hub-signature-256": await sign("other-secret", body) });

    expect(lines.map((l) => [l.level, l.msg, l.delivery])).toEqual([[40, "webhook refused: signature does not match", "d-logged"]]);
    expect(JSON.stringify(lines)).not.toContain("payload-must-not-be-logged");
  });

  it("answers 400 for a correctly signed body that is not JSON, and stores nothing", async () => {
    const base = await start();
    const body = "{not json";

    const res = await post(base, body, await signedHeaders(body, "d-json"));

    expect([res.status, await res.json()]).toEqual([400, { error: "payload is not JSON" }]);
    expect(await stored()).toEqual({ deliveries: [], jobs: 0 });
  });

  it("answers 400 naming every missing header", async () => {
    const base = await start();

    const res = await post(base, "{}", {});

    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toBe("missing headers: X-GitHub-Event, X-GitHub-Delivery, X-Hub-Signature-256");
  });

  it("answers 405 to a GET on the webhook path, and a JSON 404 to an unknown API path", async () => {
    const base = await start();

    const get = await fetch(`${base}/api/github/webhooks`);
    const unknown = await fetch(`${base}/api/nowhere`);

    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect([unknown.status, await unknown.json()]).toEqual([404, { error: "not found" }]);
  });

  it("counts a delivery posted twice once", async () => {
    const base = await start();
    const body = JSON.stringify(pullRequestEvent("opened"));
    const headers = await signedHeaders(body, "d-twice");

    const [first, second] = await Promise.all([post(base, body, headers), post(base, body, headers)]);

    expect([first.status, second.status]).toEqual([202, 202]);
    const state = await stored();
    expect(state.jobs).toBe(1);
    expect(state.deliveries).toHaveLength(1);
    expect(state.deliveries[0]!.duplicates).toBe(1);
  });

  it("is not served by a worker process", async () => {
    const base = await start({ env: { SENSELOOP_ROLE: "worker" } });
    const body = JSON.stringify(pullRequestEvent("opened"));

    const res = await post(base, body, await signedHeaders(body, "d-worker"));

    expect(res.status).toBe(404);
    expect(await stored()).toEqual({ deliveries: [], jobs: 0 });
  });

  it("carries the security headers on its answers", async () => {
    const base = await start();

    const res = await post(base, "{}", {});

    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});

describe("the webhook endpoint and oversized or slow bodies", () => {
  it.each([
    ["declared by Content-Length", true],
    ["streamed without a length", false],
  ])("answers 413 to a 26 MB body %s before the client has sent it all, and stores nothing", async (_name, declared) => {
    const base = await start();
    const total = 26 * MB;
    const headers = { "Content-Type": "application/json", "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "d-huge", "X-Hub-Signature-256": "sha256=" + "0".repeat(64) };

    const answer = await postStreamed(`${base}/api/github/webhooks`, { total, chunk: MB / 2, headers, chunked: !declared });

    expect(answer.status).toBe(413);
    expect(answer.writtenWhenAnswered).toBeLessThan(total);
    // Refused on its declared length, it is answered long before 25 MB were sent.
    if (declared) expect(answer.writtenWhenAnswered).toBeLessThan(25 * MB);
    expect(await stored()).toEqual({ deliveries: [], jobs: 0 });
  });

  it("cuts off a body trickled byte by byte after the request bound, while another delivery is accepted meanwhile", async () => {
    const base = await start({ requestTimeoutMs: 1000 });
    const slow = trickleRequest(`${base}/api/github/webhooks`, { "Content-Type": "application/json", "X-GitHub-Event": "pull_request", "X-GitHub-Delivery": "d-slow", "X-Hub-Signature-256": "sha256=" + "0".repeat(64) }, { length: 10_000, everyMs: 100 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const body = JSON.stringify(pullRequestEvent("opened"));

    const started = Date.now();
    const fast = await post(base, body, await signedHeaders(body, "d-fast"));
    const fastMs = Date.now() - started;
    const cut = await slow;

    expect(fast.status).toBe(202);
    expect(fastMs).toBeLessThan(800);
    expect(cut.response).toMatch(/^HTTP\/1\.1 408/);
    expect(cut.closedAfterMs).toBeGreaterThanOrEqual(1000);
    expect(cut.closedAfterMs).toBeLessThan(2500);
    expect((await stored()).deliveries.map((d) => d.id)).toEqual(["d-fast"]);
  });
});

describe("shutting the web server down", () => {
  it("does not wait on a connection a browser opened ahead and never used, nor on an idle kept-alive one", async () => {
    const server = await startWebServer(createWebApp(harnessParts(h)), { port: 0, host: "127.0.0.1", log: silentLogger });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`;
    const ahead = holdConnection(base, { get: false });
    const kept = holdConnection(base, { get: true });
    await Promise.all([ahead.ready, kept.ready]);

    const outcome = await Promise.race([closeWebServer(server).then(() => "closed"), new Promise((resolve) => setTimeout(() => resolve("still open after 3 s"), 3000))]);

    try {
      expect(outcome).toBe("closed");
      expect((await kept.closed).status).toBe(200);
      expect((await ahead.closed).status).toBe(0);
    } finally {
      ahead.stop();
      kept.stop();
    }
  });
});
