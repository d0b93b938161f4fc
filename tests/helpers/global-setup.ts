import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../src/db/client.js";
import { createBoss, createQueues } from "../../src/jobs/boss.js";
import { dropDatabase, withDatabase } from "./pg-admin.js";
import { silentLogger } from "./logger.js";
import { buildCompactDescriptions } from "./openapi-compact.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** PGlite: path of a dump of a migrated database. PostgreSQL: name of a migrated template database. */
    dbTemplate: { kind: "pglite"; path: string } | { kind: "postgres"; url: string; template: string };
    /** Directory of GitHub's OpenAPI descriptions, compacted for the contract check (see openapi-compact.ts). */
    openapiContract: string;
  }
}

/** Migrates one database for the whole run; every test file starts from a copy of it. */
export default async function setup(project: TestProject) {
  project.provide("openapiContract", buildCompactDescriptions());
  const url = process.env.DATABASE_URL;
  if (url) {
    const template = `senseloop_template_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${template}`);
    await admin.unsafe(`CREATE DATABASE ${template}`);
    const database = openPostgres(withDatabase(url, template), { max: 2 });
    await database.migrate();
    const boss = createBoss(database, { background: false, log: silentLogger });
    await boss.start();
    await createQueues(boss);
    await boss.stop({ graceful: false, close: true });
    await database.close();
    project.provide("dbTemplate", { kind: "postgres", url, template });
    return async () => {
      await dropDatabase(admin, template);
      await admin.end();
    };
  }

  const dir = mkdtempSync(join(tmpdir(), "senseloop-test-"));
  const database = await openPglite();
  await database.migrate();
  const boss = createBoss(database, { background: false, log: silentLogger });
  await boss.start();
  await createQueues(boss);
  await boss.stop({ graceful: false, close: false });
  if (database.kind !== "pglite") throw new Error("expected PGlite");
  const dump = await database.pglite.dumpDataDir("none");
  const path = join(dir, "template.tar");
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()));
  await database.close();
  project.provide("dbTemplate", { kind: "pglite", path });
  return () => rmSync(dir, { recursive: true, force: true });
}

