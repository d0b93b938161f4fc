import { sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterEach, describe, expect, it } from "vitest";
import { rows } from "../src/db/client.js";
import { createBoss } from "../src/jobs/boss.js";
import { QUEUES } from "../src/jobs/queues.js";
import { scheduleRecurringJobs } from "../src/jobs/workers.js";
import { useHarness } from "./helpers/harness.js";
import { silentLogger } from "./helpers/logger.js";

const h = useHarness();
const SCHEDULES = { sweepCron: "*/15 * * * *", reconcileCron: "23 4 * * *", viaProxy: false };
let replicas: PgBoss[] = [];

afterEach(async () => {
  for (const boss of replicas) await boss.stop({ graceful: false, close: false });
  replicas = [];
});

describe("the sweep schedule", () => {
  it("registers one UTC sweep schedule however many replicas start", async () => {
    await scheduleRecurringJobs(h.rt, SCHEDULES);
    await scheduleRecurringJobs(h.rt, SCHEDULES);

    const schedules = await h.rt.boss.getSchedules();

    expect(schedules.filter((s) => s.name === QUEUES.sweep.name).map((s) => [s.cron, s.timezone])).toEqual([["*/15 * * * *", "UTC"]]);
    expect(schedules.filter((s) => s.name === QUEUES.reconcile.name).map((s) => [s.cron, s.timezone, s.data])).toEqual([["23 4 * * *", "UTC", { trigger: "cron", viaProxy: false }]]);
  });

  it("makes one sweep job per period across two replicas running the schedule", async () => {
    for (let i = 0; i < 2; i++) {
      // A replica as production runs it: its own pg-boss with scheduling on, sharing the database and the test clock.
      const boss = createBoss(h.database, { background: true, log: silentLogger, clock: h.time.boss });
      await boss.start();
      replicas.push(boss);
      await scheduleRecurringJobs({ ...h.rt, boss }, SCHEDULES);
    }

    // From 09:00:00 to 09:30:30: the periods starting 09:00, 09:15 and 09:30.
    await h.time.boss.tick(30 * 60_000 + 30_000);

    const jobs = await rows<{ minute: string }>(h.rt.db, sql`select to_char(created_on at time zone 'UTC', 'HH24:MI') as minute from pgboss.job where name = ${QUEUES.sweep.name} order by created_on`);
    expect(jobs.map((j) => j.minute)).toEqual(["09:00", "09:15", "09:30"]);
  });
});
