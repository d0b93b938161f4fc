import { sql } from "drizzle-orm";
import type { PgBoss } from "pg-boss";
import { afterEach, describe, expect, it } from "vitest";
import { rows } from "../../src/db/client.js";
import { createBoss } from "../../src/jobs/boss.js";
import { DemoClock } from "../../src/jobs/demo-clock.js";
import { QUEUES } from "../../src/jobs/queues.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { silentLogger } from "../helpers/logger.js";

const DAY_MS = 86_400_000;

let database: TestDatabase | undefined;
let boss: PgBoss | undefined;
afterEach(async () => {
  await boss?.stop({ graceful: false, close: false });
  await database?.close();
  boss = database = undefined;
});

describe("the demo clock (SENSELOOP_DEMO_CLOCK=on)", () => {
  it("moves our services' time and the job queue's together, so a job due in a day runs once the day is let pass", async () => {
    database = await openTestDatabase();
    const clock = new DemoClock();
    boss = createBoss(database, { background: false, log: silentLogger, clock });
    await boss.start();
    const queue = QUEUES.dashboard.name;
    const start = clock.services.now();
    await boss.send(queue, { installationId: 1, repositoryId: 1 }, { startAfter: new Date(start.getTime() + DAY_MS) });
    const before = await boss.fetch(queue);

    const moved = await clock.advance(DAY_MS + 1000);
    const [database_] = await rows<{ now: Date | string }>(database.db, sql`select pgboss.job_now() as now`);
    const after = await boss.fetch(queue);

    expect(start.getTime()).toBeGreaterThanOrEqual(Date.now() - 1000);
    expect(before).toEqual([]);
    expect(moved.getTime() - start.getTime()).toBeGreaterThanOrEqual(DAY_MS + 1000);
    expect(clock.services.now().getTime()).toBeGreaterThanOrEqual(moved.getTime());
    expect(Math.abs(new Date(database_!.now).getTime() - moved.getTime())).toBeLessThan(1000);
    expect(after).toHaveLength(1);
    await expect(clock.advance(-1)).rejects.toThrow(/only moves forward/);
  });
});
