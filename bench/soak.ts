/**
 * The soak: Senseloop (compiled, `npm run build` first) under a steady 50 pushes a second for
 * BENCH_MINUTES (10 by default), with the local GitHub stand-in as GitHub, so every delivery's
 * job does its real work: 50 organisations with one open PR each, each PR pushed to once a
 * second (a `pull_request.synchronize` each; the check runs Senseloop writes come back as
 * `check_run` deliveries too). Not run in CI.
 *
 * Checked: no delivery answered other than 2xx; nothing lost (every delivery the stand-in got a
 * 2xx for is in the deliveries table and finished, no job left queued, retrying, active or dead,
 * read from the database once Senseloop has stopped); RSS sampled every 10 s, grown less than
 * 10 % from the end of the warm-up to the end.
 *
 *   npm run build && BENCH_MINUTES=1 npx tsx bench/soak.ts         # PGlite
 *   npm run build && DATABASE_URL=postgres://… npx tsx bench/soak.ts
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import postgres from "postgres";
import { openPglite, withDatabase } from "../src/db/client.js";
import type { Standin } from "../src/standin/index.js";
import { startSenseloop, type Server } from "./lib/servers.js";
import { populateMany, startStandin, type World } from "./lib/standin-world.js";
import { fmt } from "./lib/stats.js";

const MINUTES = Number(process.env.BENCH_MINUTES ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const ORGS = Number(process.env.BENCH_ORGS ?? 50);
const SAMPLE_MS = 10_000;
/** RSS is compared from here on: start-up, first connections and JIT are behind us. */
const WARM_UP_MS = Math.min(60_000, (MINUTES * 60_000) / 4);
const MAX_GROWTH = 0.1;
const PORT = 3941;
/** GitHub sends webhooks concurrently; one at a time, a slow answer would hold back the offered rate. */
const WEBHOOK_CONCURRENCY = Number(process.env.BENCH_WEBHOOK_CONCURRENCY ?? 16);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

/** Every delivery the stand-in attempted, tallied as they happen (its log keeps the last 10,000). */
class DeliveryTally {
  private seen = 0;
  readonly ok: string[] = [];
  readonly failed: Record<string, number> = {};

  constructor(private readonly standin: Standin) {}

  scan(): { pending: number } {
    let pending = 0;
    for (const d of this.standin.deliveries({ since: this.seen })) {
      if (d.state === "pending") {
        pending++;
        continue;
      }
      if (pending > 0) break;
      this.seen = d.id;
      if (d.state === "delivered") this.ok.push(d.guid);
      else this.failed[String(d.statusCode)] = (this.failed[String(d.statusCode)] ?? 0) + 1;
    }
    return { pending };
  }
}

interface Pr {
  world: World;
  branch: string;
}

function openPrs(worlds: World[]): Pr[] {
  return worlds.map((world, i) => {
    const branch = `soak-${i + 1}`;
    world.standin.push({ repo: world.repo, actor: "pam", branch, commits: [{ message: "Start", files: { [`src/${branch}.ts`]: "export const n = 0;\n" } }] });
    world.standin.openPullRequest({ repo: world.repo, actor: "pam", head: branch, title: `Soak ${i + 1}`, body: `Hypothesis: #${world.hypothesis}` });
    return { world, branch };
  });
}

/** Pushes round-robin at RATE a second until `end`; samples RSS and the backlog every 10 s. */
async function load(prs: Pr[], senseloop: Server, tally: DeliveryTally, end: number) {
  const samples: { at: number; rss: number; pending: number }[] = [];
  const started = Date.now();
  let nextSample = started;
  let next = started;
  let pushes = 0;
  while (Date.now() < end) {
    const pr = prs[pushes % prs.length]!;
    pr.world.standin.push({ repo: pr.world.repo, actor: "pam", branch: pr.branch, commits: [{ message: `Step ${pushes}`, files: { [`src/${pr.branch}.ts`]: `export const n = ${pushes};\n` } }] });
    pushes++;
    if (Date.now() >= nextSample) {
      const { pending } = tally.scan();
      samples.push({ at: Date.now() - started, rss: rssMb(senseloop.child.pid!), pending });
      nextSample += SAMPLE_MS;
    }
    next += 1000 / RATE;
    await sleep(Math.max(0, next - Date.now()));
  }
  samples.push({ at: Date.now() - started, rss: rssMb(senseloop.child.pid!), pending: tally.scan().pending });
  return { pushes, seconds: (Date.now() - started) / 1000, samples };
}

/** Waits until the stand-in has sent everything and Senseloop has called it for nothing for 15 s. */
async function quiet(standin: Standin, tally: DeliveryTally, limitMs = 300_000): Promise<number> {
  const started = Date.now();
  let last = standin.requests({}).at(-1)?.seq ?? 0;
  let still = Date.now();
  while (Date.now() - started < limitMs) {
    await sleep(1000);
    const seq = standin.requests({}).at(-1)?.seq ?? 0;
    if (tally.scan().pending > 0 || seq !== last) {
      last = seq;
      still = Date.now();
    } else if (Date.now() - still >= 15_000) break;
  }
  return (Date.now() - started) / 1000;
}

type Query = <T>(text: string, params?: unknown[]) => Promise<T[]>;

/** What the database says once Senseloop has stopped: every delivery finished, no job left. */
async function leftovers(query: Query, guids: string[]) {
  const statuses = await query<{ status: string; n: number }>("select status, count(*)::int as n from deliveries group by status");
  const [found] = await query<{ n: number }>("select count(*)::int as n from deliveries where id = any($1)", [guids]);
  const jobs = await query<{ name: string; state: string; n: number }>("select name, state::text, count(*)::int as n from pgboss.job group by 1, 2 order by 1, 2");
  const [dead] = await query<{ n: number }>("select count(*)::int as n from dead_jobs");
  const unfinished = jobs.filter((j) => ["created", "retry", "active"].includes(j.state));
  return { statuses: Object.fromEntries(statuses.map((s) => [s.status, s.n])), missing: guids.length - found!.n, jobs, unfinished, dead: dead!.n };
}

async function run(databaseUrl: string | undefined, query: () => Promise<{ query: Query; close(): Promise<void> }>, dataDir?: string) {
  const standin = await startStandin({ webhookConcurrency: WEBHOOK_CONCURRENCY });
  const calls = { total: 0, writes: 0, checkRuns: 0 };
  standin.onRequest((r) => {
    if (r.actor.kind !== "installation") return;
    calls.total++;
    if (r.method !== "GET") calls.writes++;
    if (r.route === "POST /repos/{owner}/{repo}/check-runs") calls.checkRuns++;
  });
  const senseloop = await startSenseloop({ port: PORT, ...(databaseUrl ? { databaseUrl } : { extraEnv: { SENSELOOP_DATA_DIR: dataDir! } }), gheHost: new URL(standin.url).host });
  let stopped = false;
  try {
    const worlds = await populateMany(standin, senseloop.webhookUrl, ORGS);
    const prs = openPrs(worlds);
    await standin.settle();
    // Start under load only once every PR has its first check run: the set-up's own jobs are done.
    const ready = Date.now();
    while (calls.checkRuns < ORGS && Date.now() - ready < 300_000) await sleep(250);
    if (calls.checkRuns < ORGS) throw new Error(`only ${calls.checkRuns} of ${ORGS} PRs were checked within 300 s of opening`);
    console.log(`  set-up: ${ORGS} PRs opened and checked in ${fmt((Date.now() - ready) / 1000, 1)} s`);
    const tally = new DeliveryTally(standin);
    console.log(`${senseloop.name}: ${MINUTES} min at ${RATE} pushes/s over ${ORGS} PRs, RSS every ${SAMPLE_MS / 1000} s, warm-up ${WARM_UP_MS / 1000} s`);
    Object.assign(calls, { total: 0, writes: 0, checkRuns: 0 });
    const loaded = await load(prs, senseloop, tally, Date.now() + MINUTES * 60_000);
    const drainSeconds = await quiet(standin, tally);
    await senseloop.stop();
    stopped = true;
    const db = await query();
    const left = await leftovers(db.query, tally.ok).finally(() => db.close());
    report({ loaded, drainSeconds, tally, left, calls });
  } finally {
    if (!stopped) await senseloop.stop();
    await standin.stop();
  }
}

function report(r: { loaded: Awaited<ReturnType<typeof load>>; drainSeconds: number; tally: DeliveryTally; left: Awaited<ReturnType<typeof leftovers>>; calls: { total: number; writes: number; checkRuns: number } }) {
  const { samples } = r.loaded;
  const base = samples.find((s) => s.at >= WARM_UP_MS) ?? samples[0]!;
  const last = samples.at(-1)!;
  const growth = (last.rss - base.rss) / base.rss;
  const failed = Object.values(r.tally.failed).reduce((a, b) => a + b, 0);
  const lost = r.left.missing + (r.left.statuses.queued ?? 0) + (r.left.statuses.dead ?? 0) + r.left.unfinished.reduce((a, j) => a + j.n, 0) + r.left.dead;
  console.log(`  ${r.loaded.pushes.toLocaleString("en")} pushes in ${fmt(r.loaded.seconds, 0)} s (${fmt(r.loaded.pushes / r.loaded.seconds, 1)}/s); ${r.tally.ok.length.toLocaleString("en")} deliveries answered 2xx (${fmt(r.tally.ok.length / r.loaded.seconds, 1)}/s), ${failed} not ${failed ? JSON.stringify(r.tally.failed) : ""}`);
  console.log(`  Senseloop's GitHub calls: ${r.calls.total.toLocaleString("en")}, ${r.calls.writes.toLocaleString("en")} writes, ${r.calls.checkRuns.toLocaleString("en")} check runs created`);
  console.log(`  backlog in the stand-in at most ${Math.max(...samples.map((s) => s.pending))} deliveries; quiet ${fmt(r.drainSeconds, 0)} s after the load`);
  console.log(`  deliveries table ${JSON.stringify(r.left.statuses)}; ${r.left.missing} answered but not recorded; jobs left ${JSON.stringify(r.left.unfinished)}; ${r.left.dead} dead jobs`);
  console.log(`  RSS (MB) ${samples.map((s) => fmt(s.rss, 0)).join(" ")}`);
  console.log(`  RSS ${fmt(base.rss, 0)} MB after warm-up → ${fmt(last.rss, 0)} MB at the end (${growth >= 0 ? "+" : ""}${fmt(100 * growth, 1)} %), max ${fmt(Math.max(...samples.map((s) => s.rss)), 0)} MB`);
  const ok = failed === 0 && lost === 0 && growth < MAX_GROWTH;
  console.log(`  ${ok ? "PASS" : "FAIL"}: ${failed} non-2xx, ${lost} lost or unfinished, RSS growth ${fmt(100 * growth, 1)} % (limit ${100 * MAX_GROWTH} %)`);
  if (!ok) process.exitCode = 1;
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = "senseloop_bench_soak";
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE ${name}`);
    try {
      const target = withDatabase(url, name);
      await run(target, async () => {
        const sql = postgres(target, { max: 1, onnotice: () => {} });
        return { query: async (text, params = []) => (await sql.unsafe(text, params as never[])) as never, close: () => sql.end() };
      });
    } finally {
      await admin.unsafe(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), "senseloop-soak-"));
  try {
    await run(undefined, async () => {
      const database = await openPglite({ dataDir });
      if (database.kind !== "pglite") throw new Error("expected PGlite");
      return { query: async (text, params = []) => (await database.pglite.query(text, params)).rows as never, close: () => database.close() };
    }, dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
