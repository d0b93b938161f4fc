import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { sign } from "@octokit/webhooks-methods";
import { afterEach, describe, expect, it } from "vitest";
import { openPostgres, type Database } from "../../src/db/client.js";
import { deliveries } from "../../src/db/schema/index.js";
import { openDbGate, type DbGate } from "../helpers/db-gate.js";
import { createIntake } from "../../src/intake/intake-queue.js";
import { useHarness } from "../helpers/harness.js";
import { WEBHOOK_SECRET } from "../helpers/ids.js";
import { pullRequestEvent } from "../helpers/payloads.js";
import { harnessParts, serveWeb } from "../helpers/web.js";

const h = useHarness();
let gate: DbGate | undefined;
let client: Database | undefined;

afterEach(async () => {
  await client?.close();
  await gate?.close();
  client = gate = undefined;
});

/** The web app on a database reached over TCP at `url`, with an intake that writes there. */
async function serveOn(url: string): Promise<string> {
  // One connection: PGlite, served over TCP for this test, has a single session.
  client = openPostgres(url, { max: 1 });
  const { base } = await serveWeb({ ...harnessParts(h), db: client.db, intake: createIntake({ ...h.rt, db: client.db }) });
  return base;
}

async function deliver(base: string, id: string): Promise<{ status: number; ms: number }> {
  const body = JSON.stringify(pullRequestEvent("opened"));
  const started = Date.now();
  const res = await fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": id, "x-hub-signature-256": await sign(WEBHOOK_SECRET, body) },
  });
  await res.body?.cancel();
  return { status: res.status, ms: Date.now() - started };
}

async function timed(url: string): Promise<{ status: number; ms: number }> {
  const started = Date.now();
  const res = await fetch(url);
  await res.body?.cancel();
  return { status: res.status, ms: Date.now() - started };
}

describe("when the database does not answer", () => {
  it("answers a delivery with 503 within 5 s and /readyz with 503, keeps serving, and is ready again once the database is back", async () => {
    gate = await openDbGate(h.database);
    const base = await serveOn(gate.url);
    expect((await timed(`${base}/readyz`)).status).toBe(200);

    gate.hold();
    const [delivery, ready, health] = await Promise.all([deliver(base, "d-outage"), timed(`${base}/readyz`), timed(`${base}/healthz`)]);

    expect(delivery.status).toBe(503);
    expect(delivery.ms).toBeGreaterThanOrEqual(4400);
    expect(delivery.ms).toBeLessThan(5000);
    expect(ready.status).toBe(503);
    expect(ready.ms).toBeLessThan(2500);
    expect(health).toMatchObject({ status: 200 });
    expect(health.ms).toBeLessThan(500);

    gate.open();

    expect((await timed(`${base}/readyz`)).status).toBe(200);
    expect((await deliver(base, "d-after")).status).toBe(202);
    // The held intake went through once the database answered: GitHub's redelivery will count as a duplicate.
    const stored = await h.rt.db.select({ id: deliveries.id }).from(deliveries);
    expect(stored.map((d) => d.id).sort()).toEqual(["d-after", "d-outage"]);
  });

  it("answers 500 at once when the database refuses connections, and /readyz 503", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const base = await serveOn(`postgres://nobody:nothing@127.0.0.1:${port}/none`);

    const delivery = await deliver(base, "d-refused");
    const ready = await timed(`${base}/readyz`);

    expect(delivery.status).toBe(500);
    expect(delivery.ms).toBeLessThan(2000);
    expect(ready.status).toBe(503);
    expect((await timed(`${base}/healthz`)).status).toBe(200);
  });
});
