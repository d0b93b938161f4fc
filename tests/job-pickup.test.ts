import { eq } from "drizzle-orm";
import { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemClock } from "../src/clock.js";
import { deliveries } from "../src/db/schema/index.js";
import { senseloopOctokit } from "../src/github/pacing.js";
import { acceptDeliveries } from "../src/intake/accept-delivery.js";
import { createBoss } from "../src/jobs/boss.js";
import { createMetrics } from "../src/metrics/metrics.js";
import { startWorkers } from "../src/jobs/workers.js";
import type { Runtime } from "../src/runtime.js";
import { openTestDatabase, type TestDatabase } from "./helpers/database.js";
import { APP_ID, BOT_LOGIN, WEBHOOK_SECRET } from "./helpers/ids.js";
import { PRIVATE_KEY } from "./helpers/harness.js";
import { silentLogger } from "./helpers/logger.js";
import { installationEvent } from "./helpers/payloads.js";
import { testSignalSources } from "./helpers/signal-sources.js";

let database: TestDatabase;
let rt: Runtime;

beforeAll(async () => {
  database = await openTestDatabase();
  // Workers as `npm start` runs them, but polling only every 30 s: what is done sooner was woken.
  const boss = createBoss(database, { background: true, log: silentLogger });
  await boss.start();
  const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, log: silentLogger, Octokit: senseloopOctokit({ throttle: false }) });
  rt = { db: database.db, boss, clock: systemClock, log: silentLogger, probot, bot: { appId: APP_ID, login: BOT_LOGIN }, webHost: "github.com", dashboardDelaySeconds: 30, signals: testSignalSources().sources, metrics: createMetrics() };
  await startWorkers(rt, { concurrency: 2, pollingIntervalSeconds: 30, notifyPollingIntervalSeconds: 30 });
});
afterAll(async () => {
  await rt?.boss.stop({ graceful: false, close: false });
  await database?.close();
});

async function doneWithin(ids: string[], seconds: number): Promise<number> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const rows = await database.db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.status, "done"));
    const done = rows.filter((row) => ids.includes(row.id)).length;
    if (done === ids.length || Date.now() > until) return done;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("picking up jobs", () => {
  it("starts a delivery's job as soon as it is recorded, and drains a backlog without waiting a poll per job", async () => {
    // Ten deliveries recorded together: one notification; two workers, each taking job after job.
    const ids = Array.from({ length: 10 }, (_, i) => `pickup-${i}`);
    await acceptDeliveries(rt, ids.map((id) => ({ id, name: "installation", payload: installationEvent("created") })));

    expect(await doneWithin(ids, 20)).toBe(ids.length);
  });
});
