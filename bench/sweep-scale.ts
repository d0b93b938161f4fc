/**
 * The whole sweep at scale: 1,000 installations with 10,000 due sense items between them (one in
 * ten installations busy, with more than a run's write budget), 100 more installations with
 * nothing due, and ~90,000 loops that are not due (responded, rolled back, due later, already
 * escalated). The real sweep runs: the sweep job as cron sends it, the per-installation jobs it
 * queues, their reminders and escalations written to the GitHub stand-in (its own process, every
 * installation real, so tokens are issued and every call is answered), on the production
 * workers (two per queue) and Octokit. Then the dashboard refreshes the sweep asked for.
 *
 * Measured: total time, the database time of our queries (and on PostgreSQL the server's active
 * time, pg-boss included), the GitHub calls and writes per installation (at most the write budget,
 * and only to the issues of due items), EXPLAIN ANALYZE of the two selection queries.
 *
 * Writes are paced per installation in production (Probot's throttling, keyed by installation:
 * writes 1 s apart, comments and new issues 3 s apart). At this scale that alone takes hours, so
 * the run measures with throttling off (BENCH_THROTTLE=1 turns it on; use a smaller
 * BENCH_INSTALLATIONS) and reports the least time pacing implies.
 *
 *   DATABASE_URL=postgres://… npx tsx bench/sweep-scale.ts    # PostgreSQL, then PGlite
 *   npx tsx bench/sweep-scale.ts                              # PGlite only
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { pino } from "pino";
import { Probot } from "probot";
import { openPglite, openPostgres, withDatabase, type Database } from "../src/db/client.js";
import { installationsWithDueItems, dueItemsOfInstallation } from "../src/db/queries/sweep.js";
import { createMetrics } from "../src/metrics/metrics.js";
import { senseloopOctokit } from "../src/github/pacing.js";
import { createBoss, createQueues } from "../src/jobs/boss.js";
import { QUEUES } from "../src/jobs/queues.js";
import { startWorkers } from "../src/jobs/workers.js";
import type { Runtime } from "../src/runtime.js";
import { DEFAULT_WRITE_BUDGET } from "../src/services/sweep.js";
import { SignalSources } from "../src/signals/signal-sources.js";
import { captureQueries, dbTime, startDbTime } from "./lib/db-time.js";
import { APP_ID, PRIVATE_KEY, WEBHOOK_SECRET } from "./lib/servers.js";
import { startStandinProcess, type CallSummary, type StandinProcess } from "./lib/standin-client.js";
import { fmt } from "./lib/stats.js";
import { dueIssues, seedStatements, standinSpec, type Layout } from "./lib/sweep-world.js";
import { raw, type Raw } from "./lib/raw-sql.js";

const LAYOUT: Layout = {
  installations: Number(process.env.BENCH_INSTALLATIONS ?? 1000),
  idleInstallations: Number(process.env.BENCH_IDLE_INSTALLATIONS ?? 100),
  reposPerInstallation: 2,
  dueItems: Number(process.env.BENCH_DUE ?? 10_000),
  notDueItems: Number(process.env.BENCH_NOT_DUE ?? 90_000),
};
const THROTTLE = process.env.BENCH_THROTTLE === "1";
/** Workers per queue, as in production (main.ts). */
const CONCURRENCY = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function runtime(database: Database, boss: Runtime["boss"], standin: StandinProcess): Runtime {
  const log = pino({ level: process.env.LOG_LEVEL ?? "error" });
  const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, baseUrl: `${standin.url}/api/v3`, log, Octokit: senseloopOctokit({ throttle: THROTTLE }) });
  const signals = SignalSources.load({ location: { configured: undefined, cwd: tmpdir() }, env: {}, fs: { exists: () => false, read: () => "" } });
  // Dashboards wait an hour here, so the sweep is measured alone; they are released afterwards.
  return { db: database.db, boss, clock: { now: () => new Date() }, log, probot, bot: { appId: Number(APP_ID), login: "senseloop-bench[bot]" }, webHost: new URL(standin.url).host, dashboardDelaySeconds: 3600, signals, metrics: createMetrics() };
}

/** Waits until no job of `queues` is queued, retrying or active; answers the counts by state. */
async function drained(sql: Raw, queues: string[], since: number): Promise<Record<string, number>> {
  for (;;) {
    const states = await sql<{ state: string; n: number }>(`select state, count(*)::int as n from pgboss.job where name = any($1) and created_on >= to_timestamp($2) group by state`, [queues, since / 1000]);
    const counts = Object.fromEntries(states.map((s) => [s.state, s.n]));
    if (!counts.created && !counts.retry && !counts.active && counts.completed) return counts;
    await sleep(250);
  }
}

/** The server's time executing statements in the database (PostgreSQL 14+), in ms. */
async function serverActiveMs(admin: postgres.Sql | undefined, name: string): Promise<number | undefined> {
  if (!admin) return undefined;
  // Sessions report their statistics once idle (at most a second apart, within ten seconds).
  await sleep(11_000);
  const [row] = await admin.unsafe("select active_time from pg_stat_database where datname = $1", [name]);
  return Number(row?.active_time);
}

async function explain(sql: Raw, fn: () => Promise<unknown>): Promise<{ ms: number; plan: string[] }> {
  const [query] = await captureQueries(fn);
  const started = performance.now();
  await fn();
  const ms = performance.now() - started;
  const plan = await sql<Record<string, string>>(`explain (analyze, buffers) ${query!.sql}`, query!.params);
  return { ms, plan: plan.map((r) => Object.values(r)[0]!) };
}

function callFigures(calls: CallSummary, budget: number) {
  const per = Object.values(calls.perInstallation);
  const writes = per.map((p) => p.writes);
  return {
    installationsCalled: per.length,
    calls: per.reduce((a, p) => a + p.calls, 0),
    writes: writes.reduce((a, b) => a + b, 0),
    maxWritesPerInstallation: Math.max(0, ...writes),
    maxCallsPerInstallation: Math.max(0, ...per.map((p) => p.calls)),
    overBudget: writes.filter((w) => w > budget).length,
    // Paced per installation (writes 1 s apart, comments and new issues 3 s apart), CONCURRENCY installations at a time.
    pacedSeconds: per.reduce((a, p) => a + Math.max(0, p.writes - 1, 3 * (p.notifying - 1)), 0) / CONCURRENCY,
    tokens: calls.appCalls,
    byRoute: calls.byRoute,
    failures: calls.failures,
  };
}

interface Context {
  kind: "postgres" | "pglite";
  database: Database;
  sql: Raw;
  /** On PostgreSQL, a connection to read the server's statistics. */
  admin: postgres.Sql | undefined;
  dbName: string;
  standin: StandinProcess;
}

async function seed(ctx: Context) {
  let started = performance.now();
  const orgs = await ctx.standin.populate(standinSpec(LAYOUT));
  const populateMs = performance.now() - started;
  started = performance.now();
  await ctx.database.migrate();
  for (const statement of seedStatements(orgs, LAYOUT, ctx.standin.url)) await ctx.sql(statement);
  const seedMs = performance.now() - started;
  const [count] = await ctx.sql<{ items: number; installations: number }>("select (select count(*)::int from sense_items) as items, (select count(*)::int from installations) as installations");
  return { orgs, populateMs, seedMs, items: count!.items, installations: count!.installations };
}

/** Runs `queues` on the workers until none of their jobs created since `since` is left. */
async function phase(ctx: Context, rt: Runtime, queues: string[], since: number, start: () => Promise<unknown>) {
  const serverBefore = await serverActiveMs(ctx.admin, ctx.dbName);
  await startWorkers(rt, { concurrency: CONCURRENCY, pollingIntervalSeconds: 1 });
  startDbTime();
  const cpu = process.cpuUsage();
  const started = performance.now();
  await start();
  const jobs = await drained(ctx.sql, queues, since);
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const db = dbTime();
  for (const def of Object.values(QUEUES)) await rt.boss.offWork(def.name);
  const serverAfter = await serverActiveMs(ctx.admin, ctx.dbName);
  return { ms, jobs, cpuMs: (used.user + used.system) / 1000, db, serverActiveMs: serverBefore === undefined ? undefined : serverAfter! - serverBefore };
}

async function measure(ctx: Context) {
  const world = await seed(ctx);
  const { orgs } = world;
  const now = new Date();
  const selection = {
    installationsWithDueItems: await explain(ctx.sql, () => installationsWithDueItems(ctx.database.db, now)),
    dueItemsOfBusiestInstallation: await explain(ctx.sql, () => dueItemsOfInstallation(ctx.database.db, orgs[0]!.installationId!, now)),
  };
  const boss = createBoss(ctx.database, { background: true, log: pino({ level: "error" }) });
  await boss.start();
  try {
    await createQueues(boss);
    const rt = runtime(ctx.database, boss, ctx.standin);

    // The sweep, as cron starts it.
    const loops = () =>
      ctx.sql<{ reminded: number; escalated: number }>("select count(*) filter (where reminded_for_due = due_at)::int as reminded, count(*) filter (where escalated_for_due = due_at)::int as escalated from sense_items").then((r) => r[0]!);
    const loopsBefore = await loops();
    const before = await ctx.standin.calls(0);
    const sweepStart = Date.now() - 1000;
    const sweepRun = await phase(ctx, rt, [QUEUES.sweep.name, QUEUES.sweepInstallation.name], sweepStart, () => boss.send(QUEUES.sweep.name, {}));
    const sweepCalls = await ctx.standin.calls(before.lastSeq);
    const allowed = dueIssues(orgs);
    const idleIds = new Set(orgs.slice(LAYOUT.installations).map((o) => String(o.installationId)));
    const loopsAfter = await loops();
    const [dead] = await ctx.sql<{ n: number }>("select count(*)::int as n from dead_jobs");
    const left = await installationsWithDueItems(ctx.database.db, new Date());
    let deferred = 0;
    for (const id of left) deferred += (await dueItemsOfInstallation(ctx.database.db, id, new Date())).length;
    const sweep = {
      ...sweepRun,
      ...callFigures(sweepCalls, DEFAULT_WRITE_BUDGET),
      strayWrites: sweepCalls.writeTargets.filter((t) => !allowed.has(t)).length,
      idleInstallationsCalled: Object.keys(sweepCalls.perInstallation).filter((id) => idleIds.has(id)).length,
      reminded: loopsAfter.reminded - loopsBefore.reminded,
      escalated: loopsAfter.escalated - loopsBefore.escalated,
      dead: dead!.n,
      deferred,
      installationsLeft: left.length,
      standinCpuMs: sweepCalls.cpuMs - before.cpuMs,
    };

    // The dashboard refreshes the sweep queued (one per repository it wrote to), released now.
    const released = await ctx.sql("update pgboss.job set start_after = now() where name = $1 and state = 'created' returning id", [QUEUES.dashboard.name]);
    if (released.length === 0) throw new Error("the sweep queued no dashboard refresh");
    const dashboardRun = await phase(ctx, rt, [QUEUES.dashboard.name], sweepStart, async () => {});
    const dashboards = { queued: released.length, ...dashboardRun, ...callFigures(await ctx.standin.calls(sweepCalls.lastSeq), Infinity) };

    return { database: ctx.kind === "postgres" ? "PostgreSQL" : "PGlite", layout: LAYOUT, throttle: THROTTLE, concurrency: CONCURRENCY, budget: DEFAULT_WRITE_BUDGET, world: { items: world.items, installations: world.installations, populateMs: world.populateMs, seedMs: world.seedMs }, sweep, dashboards, selection };
  } finally {
    await boss.stop({ graceful: false, close: ctx.kind === "postgres" });
  }
}

async function run(kind: "postgres" | "pglite") {
  const dbName = "senseloop_bench_sweep";
  const admin = kind === "postgres" ? postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} }) : undefined;
  const dataDir = kind === "pglite" ? mkdtempSync(join(tmpdir(), "senseloop-sweep-")) : undefined;
  if (admin) {
    await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${dbName}`);
  }
  const database = admin ? openPostgres(withDatabase(process.env.DATABASE_URL!, dbName)) : await openPglite({ dataDir: dataDir! });
  const sql = raw(database);
  const standin = await startStandinProcess();
  try {
    const result = await measure({ kind, database, sql, admin, dbName, standin });
    report(result);
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(new URL(`./results/sweep-scale-${kind}.json`, import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    await standin.stop();
    await sql.close();
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    if (admin) {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await admin.end();
    }
  }
}

function report(r: Awaited<ReturnType<typeof measure>>) {
  const s = r.sweep;
  const server = (ms: number | undefined) => (ms === undefined ? "" : `; server active time ${seconds(ms)} (pg-boss included)`);
  console.log(`\n${r.database}: ${r.world.installations} installations, ${r.world.items.toLocaleString("en")} sense items (${r.layout.dueItems.toLocaleString("en")} due); stand-in populated in ${seconds(r.world.populateMs)}, database seeded in ${seconds(r.world.seedMs)}`);
  console.log(`sweep${r.throttle ? "" : " (write pacing off)"}: ${seconds(s.ms)} for ${s.installationsCalled} installations, ${fmt(s.ms / s.installationsCalled, 1)} ms each; our process's CPU ${seconds(s.cpuMs)}, the stand-in's ${seconds(s.standinCpuMs)}`);
  console.log(`  database, our queries: ${s.db.queries.toLocaleString("en")}, ${seconds(s.db.summedMs)} summed, ${seconds(s.db.busyMs)} with one in flight (${fmt((100 * s.db.busyMs) / s.ms, 0)} % of the run)${server(s.serverActiveMs)}`);
  console.log(`  GitHub: ${s.calls.toLocaleString("en")} calls, ${s.writes.toLocaleString("en")} writes, ${s.tokens} installation tokens; per installation at most ${s.maxCallsPerInstallation} calls and ${s.maxWritesPerInstallation} writes (budget ${r.budget}; ${s.overBudget} over)`);
  console.log(`  only due items: ${s.strayWrites} writes elsewhere; ${s.idleInstallationsCalled} of the ${r.layout.idleInstallations} installations with nothing due called`);
  console.log(`  ${s.reminded} reminded, ${s.escalated} escalated; ${s.deferred} due items in ${s.installationsLeft} installations left for the next run (budget); ${s.dead} dead jobs; jobs ${JSON.stringify(s.jobs)}`);
  for (const q of s.db.top) console.log(`    ${fmt(q.ms, 0).padStart(6)} ms ${String(q.count).padStart(6)}× ${q.sql}`);
  console.log(`  calls by route: ${Object.entries(s.byRoute).map(([k, v]) => `${k} ×${v}`).join(", ")}`);
  if (Object.keys(s.failures).length > 0) console.log(`  answers not 2xx: ${JSON.stringify(s.failures)}`);
  const paced = `${seconds(s.pacedSeconds * 1000)} (${fmt(s.pacedSeconds / 60, 0)} min)`;
  console.log(`  paced per installation (writes 1 s apart, comments 3 s apart), ${r.concurrency} installations at a time, a run takes at least ${paced}${r.throttle ? " (measured above)" : " more"}`);
  const d = r.dashboards;
  console.log(`dashboards: ${d.queued} refreshes in ${seconds(d.ms)}; ${d.calls} calls, ${d.writes} writes; our queries ${seconds(d.db.busyMs)} in flight${server(d.serverActiveMs)}`);
  console.log(`  calls by route: ${Object.entries(d.byRoute).map(([k, v]) => `${k} ×${v}`).join(", ")}`);
  for (const [name, q] of Object.entries(r.selection)) {
    console.log(`${name}: ${fmt(q.ms, 1)} ms`);
    for (const line of q.plan) console.log(`    ${line}`);
  }
}

async function main() {
  if (process.env.DATABASE_URL) await run("postgres");
  else console.log("(DATABASE_URL unset: the PostgreSQL sweep is skipped)");
  if (process.env.BENCH_PGLITE !== "0") await run("pglite");
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
