import { describe, expect, it } from "vitest";
import { runReconcileCommand } from "../src/cli/reconcile-command.js";
import { beat, lastSeen } from "../src/db/queries/heartbeats.js";
import { RECEIVER_HEARTBEAT, watchDowntime } from "../src/jobs/downtime.js";
import { QUEUES } from "../src/jobs/queues.js";
import { DeliveriesStandin } from "./helpers/deliveries-standin.js";
import { useHarness } from "./helpers/harness.js";
import { jobCount } from "./helpers/sweep-github.js";
import { harnessParts, serveWeb, testEnv } from "./helpers/web.js";

const h = useHarness();
const TOKEN = "sweep-token-0123456789abcdef";

async function start(token: string | undefined): Promise<string> {
  const { base } = await serveWeb(harnessParts(h, testEnv(token ? { SWEEP_TOKEN: token } : {})));
  return `${base}/api/reconcile`;
}

const post = (url: string, headers: Record<string, string> = {}) => fetch(url, { method: "POST", headers });
const reconcileJobs = async () => (await h.rt.boss.findJobs(QUEUES.reconcile.name)).map((job) => ({ data: job.data, startAfter: job.startAfter.toISOString() }));

describe("POST /api/reconcile", () => {
  it("answers 202 to the sweep API's bearer token and queues a reconcile, which then asks for what is missing", async () => {
    const standin = new DeliveriesStandin(h.time);
    const missed = standin.log({ at: new Date(h.time.now().getTime() - 3_600_000), statusCode: 0 });
    const url = await start(TOKEN);

    const res = await post(url, { authorization: `Bearer ${TOKEN}` });

    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ queued: true, job: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect((await reconcileJobs()).map((job) => job.data)).toEqual([{ trigger: "api", viaProxy: false }]);
    await h.drain();
    expect(standin.redeliveryAsks).toEqual([missed.id]);
  });

  it("absorbs a request while a reconcile is already waiting, still answering 202", async () => {
    const url = await start(TOKEN);

    await post(url, { authorization: `Bearer ${TOKEN}` });
    const again = await post(url, { authorization: `Bearer ${TOKEN}` });

    expect(again.status).toBe(202);
    expect(await again.json()).toEqual({ queued: false, job: null });
    expect(await jobCount(h, QUEUES.reconcile.name)).toBe(1);
  });

  it.each([
    ["a wrong token", { authorization: "Bearer sweep-token-0123456789abcdeX" }],
    ["no token", {}],
  ])("answers 401 to %s and queues nothing", async (_name, headers) => {
    const url = await start(TOKEN);

    const res = await post(url, headers);

    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe('Bearer realm="senseloop"');
    expect(await jobCount(h, QUEUES.reconcile.name)).toBe(0);
  });

  it("does not exist (404) when SWEEP_TOKEN is unset, and answers 405 to a GET when it is", async () => {
    const without = await post(await start(undefined), { authorization: `Bearer ${TOKEN}` });
    const get = await fetch(await start(TOKEN), { headers: { authorization: `Bearer ${TOKEN}` } });

    expect(without.status).toBe(404);
    expect([get.status, get.headers.get("allow")]).toEqual([405, "POST"]);
    expect(await jobCount(h, QUEUES.reconcile.name)).toBe(0);
  });
});

describe("a reconcile soon after a downtime", () => {
  it.each([
    ["queues one after five minutes without a process receiving webhooks", 300, true],
    ["queues none after a restart of 30 seconds", 30, false],
  ])("%s", async (_name, downSeconds, expected) => {
    await beat(h.rt.db, RECEIVER_HEARTBEAT, new Date(h.time.now().getTime() - downSeconds * 1000));

    const watch = await watchDowntime(h.rt, { viaProxy: false });
    watch.stop();

    expect([watch.downForMs, watch.catchUp]).toEqual([downSeconds * 1000, expected]);
    expect(await reconcileJobs()).toEqual(expected ? [{ data: { trigger: "start-up", viaProxy: false }, startAfter: "2026-03-02T09:00:10.000Z" }] : []);
    expect(await lastSeen(h.rt.db, RECEIVER_HEARTBEAT)).toEqual(h.time.now());
  });

  it("queues none on the very first start, and keeps the heartbeat while it runs", async () => {
    const watch = await watchDowntime(h.rt, { viaProxy: false, intervalMs: 20 });
    await h.time.advanceSeconds(15);
    await new Promise((resolve) => setTimeout(resolve, 100));
    watch.stop();

    expect([watch.downForMs, watch.catchUp]).toEqual([null, false]);
    expect(await reconcileJobs()).toEqual([]);
    expect(await lastSeen(h.rt.db, RECEIVER_HEARTBEAT)).toEqual(h.time.now());
  });
});

describe("npm run reconcile", () => {
  it("reconciles now and prints the figures", async () => {
    const standin = new DeliveriesStandin(h.time);
    standin.log({ at: new Date(h.time.now().getTime() - 7_200_000), statusCode: 0 });
    standin.log({ at: new Date(h.time.now().getTime() - 3_600_000), statusCode: 0 });
    const lines: string[] = [];
    const errors: string[] = [];

    const code = await runReconcileCommand({ rt: h.rt, budget: 1, viaProxy: false, out: { log: (line) => lines.push(line), error: (line) => errors.push(line) } });

    expect([code, errors]).toEqual([0, []]);
    expect(lines).toEqual([
      "Deliveries since 2026-02-27T09:00:00.000Z: 2 listed, 2 missing, 1 redelivered, 1 skipped",
      "  skipped ones are over the budget, asked for already or refused by GitHub; the next run picks up what it can",
    ]);
    expect(standin.redeliveryAsks).toHaveLength(1);
  });

  it("exits 1 and says why when GitHub fails the run", async () => {
    const standin = new DeliveriesStandin(h.time);
    standin.log({ at: new Date(h.time.now().getTime() - 3_600_000), statusCode: 0 });
    standin.refuseRedeliveries = 502;
    const errors: string[] = [];

    const code = await runReconcileCommand({ rt: h.rt, budget: 10, viaProxy: false, out: { log: () => {}, error: (line) => errors.push(line) } });

    expect(code).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(/^reconcile failed: POST https:\/\/api\.github\.com\/app\/hook\/deliveries\/1000\/attempts answered 502: Server Error/);
  });
});
