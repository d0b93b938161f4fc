import { generateKeyPairSync } from "node:crypto";
import { PgBoss, TestClock } from "pg-boss";
import { Probot } from "probot";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { senseloopApp } from "../../src/app.js";
import type { Clock } from "../../src/clock.js";
import { createBoss } from "../../src/jobs/boss.js";
import { JOB_DEFINITIONS } from "../../src/jobs/definitions.js";
import { runJob, type JobOutcome } from "../../src/jobs/run-job.js";
import { senseloopOctokit } from "../../src/github/pacing.js";
import type { Runtime } from "../../src/runtime.js";
import { openTestDatabase, type TestDatabase } from "./database.js";
import { checkWebhookPayload } from "./contract-hook.js";
import { silentLogger } from "./logger.js";
import { nockInstallationToken } from "./github.js";
import { APP_ID, BOT_LOGIN, WEBHOOK_SECRET } from "./ids.js";
import { testSignalSources } from "./signal-sources.js";

export const START = "2026-03-02T09:00:00.000Z";

/**
 * Dashboard refreshes wait this long in tests (a day), so only tests about the dashboard, which
 * move the clock past it, see its GitHub calls.
 */
export const DASHBOARD_DELAY_SECONDS = 86_400;

/** pg-boss backs off 15–30 s before a job's first retry (15 s doubled, with jitter): wait past it. */
export const FIRST_RETRY_SECONDS = 31;

const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
export const PRIVATE_KEY = privateKey;

/** Test time: one clock for our services and for pg-boss's `job_now()` in the database. */
export class TestTime implements Clock {
  readonly boss = new TestClock(START);
  now(): Date {
    return new Date(this.boss.now());
  }
  async set(date: string | Date): Promise<void> {
    await this.boss.setTime(new Date(date));
  }
  async advanceDays(days: number): Promise<void> {
    await this.boss.setTime(new Date(this.boss.now() + days * 86_400_000));
  }
  async advanceSeconds(seconds: number): Promise<void> {
    await this.boss.setTime(new Date(this.boss.now() + seconds * 1000));
  }
}

export interface Harness {
  rt: Runtime;
  probot: Probot;
  time: TestTime;
  database: TestDatabase;
  /** Delivers a webhook the way Probot does after verifying its signature. */
  receive(name: string, payload: object, id?: string): Promise<void>;
  /** Runs every job that is due, as the workers would, until none is left. */
  drain(): Promise<Record<JobOutcome | "retry", number>>;
  /** Writes the operator's sources file (YAML) and reloads it; until then there are no sources. */
  useSignals(yaml: string): void;
}

let deliveries = 0;

/**
 * One database per test file (a copy of the migrated template), emptied before each test;
 * a fresh Probot, clock and runtime for each test. Only GitHub's HTTP is mocked.
 */
export function useHarness(): Harness {
  const harness = {} as Harness;
  let database: TestDatabase;
  let boss: PgBoss | undefined;

  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(async () => {
    await boss?.stop({ graceful: false, close: false });
    await database?.close();
  });
  beforeEach(async () => {
    await boss?.stop({ graceful: false, close: false });
    await database.reset();
    const time = new TestTime();
    boss = createBoss(database, { background: false, log: silentLogger, clock: time.boss });
    await boss.start();
    const probot = new Probot({
      appId: APP_ID,
      privateKey: PRIVATE_KEY,
      secret: WEBHOOK_SECRET,
      log: silentLogger,
      Octokit: senseloopOctokit({ throttle: false }),
    });
    const signals = testSignalSources();
    const rt: Runtime = { db: database.db, boss, clock: time, log: silentLogger, probot, bot: { appId: APP_ID, login: BOT_LOGIN }, webHost: "github.com", dashboardDelaySeconds: DASHBOARD_DELAY_SECONDS, signals: signals.sources };
    await probot.load(senseloopApp(rt), { cwd: process.cwd(), addHandler: () => {} });
    // Every delivery `receive` makes goes through here (the HTTP route's intake is wrapped the
    // same way in helpers/web.ts): each payload is held to GitHub's webhook schemas.
    const deliver = probot.receive.bind(probot);
    probot.receive = (event) => {
      checkWebhookPayload(event.name, event.payload);
      return deliver(event);
    };
    nockInstallationToken();
    Object.assign(harness, {
      rt,
      probot,
      time,
      database,
      receive: (name: string, payload: object, id = `delivery-${++deliveries}`) => probot.receive({ id, name, payload } as never),
      drain: () => drain(rt),
      useSignals: signals.write,
    });
  });
  return harness;
}

async function drain(rt: Runtime): Promise<Record<JobOutcome | "retry", number>> {
  const counts = { done: 0, parked: 0, dead: 0, retry: 0 };
  for (let round = 0; round < 50; round++) {
    let ran = 0;
    for (const def of JOB_DEFINITIONS) {
      for (const job of await rt.boss.fetch(def.queue, { batchSize: 25 })) {
        ran++;
        try {
          counts[await runJob(rt, def, job as never)]++;
          await rt.boss.complete(def.queue, job.id);
        } catch (err) {
          counts.retry++;
          await rt.boss.fail(def.queue, job.id, { message: (err as Error).message });
        }
      }
    }
    if (ran === 0) return counts;
  }
  throw new Error("the queue never drained: jobs keep creating jobs");
}
