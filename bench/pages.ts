/**
 * The web dashboard at real size on PostgreSQL: an organisation of 200 repositories and 20,000
 * sense items (beside four more organisations of the same size in the same tables), served by
 * the real app over HTTP to a signed-in person who may see all of acme. Times every page and
 * API route (p50, p95), then prints the plans of the queries behind them.
 *
 *   DATABASE_URL=postgres://user:pw@127.0.0.1:5432/any npx tsx bench/pages.ts
 *
 * The database named in DATABASE_URL is only used to create and drop `senseloop_bench_pages`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { cpus, loadavg } from "node:os";
import { Hono } from "hono";
import type { PgBoss } from "pg-boss";
import { pino } from "pino";
import postgres from "postgres";
import { openPostgres, withDatabase } from "../src/db/client.js";
import { cachedVisibleRepositories } from "../src/db/queries/web-access.js";
import { hypothesisStoryRows } from "../src/db/queries/web-hypothesis.js";
import { learnings } from "../src/db/queries/web-learnings.js";
import { loopCountRows, mergedCountRows, weekCountRows } from "../src/db/queries/web-figures.js";
import { repositoryLoops, unshippedHypotheses } from "../src/db/queries/web-repository.js";
import { readingSeries } from "../src/db/queries/readings.js";
import { parseEnv } from "../src/env.js";
import type { Intake } from "../src/intake/intake-queue.js";
import { createMetrics } from "../src/metrics/metrics.js";
import { startSession } from "../src/services/viewer/sessions.js";
import { deriveWebKeys } from "../src/services/viewer/web-keys.js";
import { createWebApp } from "../src/web/app.js";
import { setSessionCookie } from "../src/web/auth/cookies.js";
import { closeWebServer, startWebServer } from "../src/web/server.js";
import { acmeRepositoryIds, repoName, seedPages, type SeedShape } from "./lib/pages-seed.js";
import { DatabaseCpu } from "./lib/db-cpu.js";
import { capturingDb, explain, planNodes, planTime } from "./lib/plans.js";
import { PRIVATE_KEY } from "./lib/servers.js";
import { fmt, summary } from "./lib/stats.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const SHAPE: SeedShape = { orgs: 1 + Number(process.env.BENCH_OTHER_ORGS ?? 4), repositories: 200, items: Number(process.env.BENCH_ITEMS ?? 20_000), largest: 2_000, mergedPerRepository: 60, unshippedPerRepository: 5 };
const NOW = new Date("2026-06-01T12:00:00Z");
const SESSION_SECRET = "bench-session-secret-of-at-least-32-bytes";
const USER_ID = 1;
const TARGET_P95_MS = 300;

const PAGES = ["/", "/acme", "/acme?sort=closure&dir=asc", `/acme/${repoName(1)}`, `/acme/${repoName(100)}`, `/acme/${repoName(1)}/hypotheses/1`, "/acme/learnings", "/acme/learnings?q=checkout", `/acme/learnings?decision=kill&repo=${repoName(50)}`];
const API = ["/api/v1/orgs", "/api/v1/orgs/acme/metrics", "/api/v1/orgs/acme/repos?limit=100", "/api/v1/orgs/acme/learnings?limit=100", `/api/v1/repos/acme/${repoName(1)}/metrics`, `/api/v1/repos/acme/${repoName(1)}/loops?limit=100`, `/api/v1/repos/acme/${repoName(1)}/hypotheses/1`];

/** The signed cookie a browser holds for this session, made by the app's own cookie code. */
async function sessionCookie(id: string): Promise<string> {
  const app = new Hono();
  app.get("/", async (c) => {
    await setSessionCookie(c, { key: deriveWebKeys(SESSION_SECRET).cookie, publicUrl: undefined }, id, { expiresAt: new Date(NOW.getTime() + 86_400_000), now: NOW });
    return c.text("");
  });
  return (await app.request("/")).headers.get("set-cookie")!.split(";")[0]!;
}

/** A person who may see all of acme, as the access cache holds it after GitHub was asked; a browser session and an API token. */
async function signedInViewer(database: ReturnType<typeof openPostgres>, sql: postgres.Sql): Promise<{ cookie: string; token: string }> {
  await sql.unsafe(`insert into web_users (id, login, signed_in_at, created_at, updated_at) values (${USER_ID}, 'lead', now(), now(), now())`);
  await sql.unsafe(`insert into web_access_snapshots (user_id, fetched_at) values (${USER_ID}, '${NOW.toISOString()}')`);
  await sql.unsafe(`insert into web_access_repositories (user_id, repository_id, installation_id) select ${USER_ID}, id, installation_id from repositories where installation_id = 1`);
  const scope = { db: database.db, clock: { now: () => NOW } };
  const browser = await startSession(scope, USER_ID, "browser");
  const api = await startSession(scope, USER_ID, "api", "bench");
  return { cookie: await sessionCookie(browser.id), token: api.id };
}

/** Every route once per round, in turn, so the machine's noise falls on all of them alike. */
type RouteTiming = ReturnType<typeof summary> & { bytes: number; cpuP50: number; dbCpuMean: number | null };

async function timeRoutes(base: string, headersOf: (path: string) => Record<string, string>, dbCpu: DatabaseCpu): Promise<Record<string, RouteTiming>> {
  const routes = [...PAGES, ...API];
  const samples = new Map(routes.map((path) => [path, [] as number[]]));
  const cpu = new Map(routes.map((path) => [path, [] as number[]]));
  const dbMs = new Map(routes.map((path) => [path, 0]));
  let dbReadable = false;
  const bytes = new Map<string, number>();
  for (let round = -2; round < RUNS; round++) {
    // After the warm-up the app's pool holds its connections: their backends are the ones to watch.
    if (round === 0) dbReadable = await dbCpu.refresh();
    for (const path of routes) {
      const dbBefore = dbReadable ? dbCpu.read() : undefined;
      const started = process.hrtime.bigint();
      const used = process.cpuUsage();
      const res = await fetch(`${base}${path}`, { headers: headersOf(path) });
      const body = await res.arrayBuffer();
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const spent = process.cpuUsage(used);
      if (res.status !== 200) throw new Error(`${path} answered ${res.status}: ${Buffer.from(body).toString().slice(0, 300)}`);
      bytes.set(path, body.byteLength);
      // The first two rounds warm the connection pool and the server's code; they are not counted.
      if (round >= 0) samples.get(path)!.push(ms);
      if (round >= 0) cpu.get(path)!.push((spent.user + spent.system) / 1000);
      const dbAfter = dbReadable ? dbCpu.read() : undefined;
      if (round >= 0 && dbBefore !== undefined && dbAfter !== undefined) dbMs.set(path, dbMs.get(path)! + dbAfter - dbBefore);
    }
  }
  return Object.fromEntries(routes.map((path) => [path, { ...summary(samples.get(path)!), bytes: bytes.get(path)!, cpuP50: summary(cpu.get(path)!).p50, dbCpuMean: dbReadable ? dbMs.get(path)! / RUNS : null }]));
}

/** The queries behind the pages, run once each through a capturing Db, then explained. */
async function plans(sql: postgres.Sql): Promise<{ name: string; time: string; nodes: string[]; plan: string[] }[]> {
  const { db, take } = capturingDb(sql);
  const ids = acmeRepositoryIds(SHAPE);
  const since = new Date(NOW.getTime() - 30 * 86_400_000);
  const weeksFrom = new Date(NOW.getTime() - 12 * 7 * 86_400_000);
  const largest = await repositoryLoops(db, { repositoryIds: [1] });
  const listed = largest.slice(0, 800).map((row) => row.id);
  const cases: [string, () => Promise<unknown>][] = [
    ["access cache: the person's repositories", () => cachedVisibleRepositories(db, USER_ID)],
    ["organisation: loop counts per repository and in total (200 repositories)", () => loopCountRows(db, { repositoryIds: ids, now: NOW })],
    ["organisation: PRs merged in the last 30 days, counted", () => mergedCountRows(db, { repositoryIds: ids, since })],
    ["organisation: the feature-factory index's weeks", () => weekCountRows(db, { repositoryIds: ids, from: weeksFrom, until: NOW, now: NOW })],
    ["repository: its loops with hypothesis and response (largest)", () => repositoryLoops(db, { repositoryIds: [1] })],
    ["repository: readings of the listed loops", () => readingSeries(db, { repositoryIds: [1], senseItemIds: listed })],
    ["repository: hypotheses not shipped yet (rows, count)", () => unshippedHypotheses(db, { repositoryIds: [1], label: "hypothesis", limit: 200 })],
    ["hypothesis: its story (hypothesis, loops, PRs, extensions)", () => hypothesisStoryRows(db, { repositoryIds: ids, repositoryId: 1, number: 1 })],
    ["learning log: first page", () => learnings(db, { repositoryIds: ids, limit: 31 })],
    ["learning log: a later page (cursor)", () => learnings(db, { repositoryIds: ids, limit: 31, before: { respondedAt: new Date(NOW.getTime() - 200 * 86_400_000), id: 5000 } })],
    ["learning log: text search", () => learnings(db, { repositoryIds: ids, text: "checkout", limit: 31 })],
    ["learning log: one repository, kills", () => learnings(db, { repositoryIds: [50], decision: "kill", limit: 31 })],
  ];
  take();
  const out: { name: string; time: string; nodes: string[]; plan: string[] }[] = [];
  for (const [name, run] of cases) {
    await run();
    for (const [i, query] of take().entries()) {
      const plan = await explain(sql, query);
      out.push({ name: i === 0 ? name : `${name} (${i + 1})`, time: planTime(plan), nodes: planNodes(plan), plan });
    }
  }
  return out;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("Set DATABASE_URL to a PostgreSQL server (a role that may create databases).");
    process.exit(2);
  }
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_pages WITH (FORCE)");
  await admin.unsafe("CREATE DATABASE senseloop_bench_pages");
  const benchUrl = withDatabase(url, "senseloop_bench_pages");
  const database = openPostgres(benchUrl, { max: 10 });
  const sql = postgres(benchUrl, { max: 1, onnotice: () => {} });
  let server: Awaited<ReturnType<typeof startWebServer>> | undefined;
  try {
    await database.migrate();
    const seedStart = Date.now();
    await seedPages(sql, SHAPE, NOW);
    const seedSeconds = (Date.now() - seedStart) / 1000;
    const { cookie, token } = await signedInViewer(database, sql);
    const [counts] = await sql.unsafe(`select (select count(*)::int from sense_items) as items, (select count(*)::int from sense_items where installation_id = 1) as acme,
      (select count(*)::int from responses) as responses, (select count(*)::int from sense_readings) as readings, (select count(*)::int from pull_requests) as merged`);

    const parsed = parseEnv({ APP_ID: "4242", PRIVATE_KEY, WEBHOOK_SECRET: "bench", GITHUB_CLIENT_ID: "Iv1.bench", GITHUB_CLIENT_SECRET: "bench-secret", SESSION_SECRET, GHE_HOST: "127.0.0.1:9", GHE_PROTOCOL: "http" } as NodeJS.ProcessEnv);
    if (!parsed.ok) throw new Error(parsed.problems.join("; "));
    // Deliveries are not part of this measure; the dashboard needs an intake only to be served.
    const intake: Intake = { accept: () => Promise.reject(new Error("no webhooks in this bench")) };
    const log = pino({ level: "warn" });
    const app = createWebApp({ db: database.db, boss: undefined as unknown as PgBoss, env: parsed.env, log, clock: { now: () => NOW }, intake, metrics: createMetrics() });
    server = await startWebServer(app, { port: 0, host: "127.0.0.1", log });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const loadBefore = loadavg().map((l) => l.toFixed(1)).join(" ");
    const timings = await timeRoutes(base, (path): Record<string, string> => (path.startsWith("/api/") ? { authorization: `Bearer ${token}` } : { cookie }), new DatabaseCpu(sql, "senseloop_bench_pages"));
    const explained = await plans(sql);
    const [version] = await sql.unsafe("select version()");

    const server_ = (version!.version as string).split(",")[0];
    console.log(`${server_}; acme: ${SHAPE.repositories} repositories, ${counts!.acme.toLocaleString("en")} sense items (largest repository ${SHAPE.largest.toLocaleString("en")}); all organisations: ${counts!.items.toLocaleString("en")} items, ${counts!.responses.toLocaleString("en")} responses, ${counts!.readings.toLocaleString("en")} readings, ${counts!.merged.toLocaleString("en")} merged PRs; seeded in ${seedSeconds.toFixed(1)} s; ${RUNS} runs each`);
    console.log(`machine: ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} (before the run: ${loadBefore})`);
    console.log(`\nroute                                              p50 ms   p95 ms   max ms  app cpu  db cpu   KB`);
    for (const [path, t] of Object.entries(timings)) console.log(`${path.padEnd(50)} ${fmt(t.p50).padStart(7)}  ${fmt(t.p95).padStart(7)}  ${fmt(t.max).padStart(7)}  ${fmt(t.cpuP50).padStart(7)}  ${t.dbCpuMean === null ? "     –" : fmt(t.dbCpuMean).padStart(6)}  ${fmt(t.bytes / 1024, 0).padStart(4)}`);
    console.log("(app cpu: this process's CPU ms per request, p50, the app's work and the client's; db cpu: the database backends' CPU ms per request, mean, read from /proc)");
    const worst = Math.max(...Object.values(timings).map((t) => t.p95));
    console.log(`\nslowest p95 ${fmt(worst)} ms: ${worst < TARGET_P95_MS ? "within" : "OVER"} the ${TARGET_P95_MS} ms target`);
    for (const { name, time, nodes } of explained) {
      console.log(`\n${name}: ${time}`);
      for (const line of nodes) console.log(`  ${line}`);
    }
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(new URL("./results/pages.json", import.meta.url), `${JSON.stringify({ server: server_, cores: cpus().length, loadBefore, loadAfter: loadavg(), shape: SHAPE, counts, seedSeconds, runs: RUNS, timings, plans: explained }, null, 2)}\n`);
    if (worst >= TARGET_P95_MS) process.exitCode = 1;
  } finally {
    if (server) await closeWebServer(server);
    await sql.end();
    await database.close();
    await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_pages WITH (FORCE)");
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
