import { randomBytes } from "node:crypto";
import { readdirSync } from "node:fs";
import postgres from "postgres";
import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { migrationsFolder, openPostgres, rows } from "../../src/db/client.js";
import { createBoss, createQueues } from "../../src/jobs/boss.js";
import { QUEUES } from "../../src/jobs/queues.js";
import { silentLogger } from "../helpers/logger.js";
import { dropDatabase, withDatabase } from "../helpers/pg-admin.js";

const template = inject("dbTemplate");

// PGlite serves one process: replicas need PostgreSQL.
describe.skipIf(template.kind !== "postgres")("replicas starting together on a new database (PostgreSQL only)", () => {
  it("migrate it once: every replica starts, each migration is applied once, and the queues are made", { timeout: 60_000 }, async () => {
    if (template.kind !== "postgres") return;
    const name = `senseloop_migrate_${randomBytes(6).toString("hex")}`;
    const admin = postgres(template.url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`CREATE DATABASE ${name}`);
    const replicas = [1, 2, 3].map(() => openPostgres(withDatabase(template.url, name), { max: 2 }));
    try {
      // What start-up does before anything else: our migrations, then pg-boss's, then the queues.
      const started = await Promise.allSettled(
        replicas.map(async (r) => {
          await r.migrate();
          const boss = createBoss(r, { background: false, log: silentLogger });
          await boss.start();
          await createQueues(boss);
          await boss.stop({ graceful: false, close: false });
        }),
      );

      expect(started.filter((s) => s.status === "rejected")).toEqual([]);
      const applied = await rows<{ n: number }>(replicas[0]!.db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
      expect(applied).toEqual([{ n: readdirSync(migrationsFolder).filter((f) => f.endsWith(".sql")).length }]);
      const queues = await rows<{ name: string }>(replicas[0]!.db, sql`select name from pgboss.queue where name not like '\\_\\_pgboss%' order by name`);
      expect(queues.map((q) => q.name)).toEqual(Object.values(QUEUES).map((q) => q.name).sort());
    } finally {
      for (const r of replicas) await r.close();
      await dropDatabase(admin, name);
      await admin.end();
    }
  });
});
