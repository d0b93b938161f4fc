/**
 * Webhook → check run written, end to end against the local GitHub stand-in: the stand-in
 * announces a PR, Senseloop (compiled, `npm run build` first) takes the delivery, checks the PR
 * and writes its check run back. Measured idle (one PR at a time) and at 50 deliveries/s across
 * 50 PRs, p50/p95/max; and the GitHub calls each event type makes.
 *
 * GitHub asks for a second between one client's writes, and Senseloop paces each installation's
 * writes so: idle PRs are opened 1.2 s apart (a PR opened sooner waits for the pacing, by design).
 * The load is 50 organisations with one open PR each, every PR pushed to once a second (a
 * `synchronize` delivery each, 50/s in all): each new head needs its own check run.
 *
 *   npm run build && npx tsx bench/latency.ts                      # PGlite
 *   npm run build && DATABASE_URL=postgres://… npx tsx bench/latency.ts
 */
import postgres from "postgres";
import { withDatabase } from "../src/db/client.js";
import type { Standin } from "../src/standin/index.js";
import { startSenseloop } from "./lib/servers.js";
import { populateMany, startStandin, type World } from "./lib/standin-world.js";
import { fmt, summary } from "./lib/stats.js";

const IDLE_PRS = Number(process.env.BENCH_IDLE ?? 30);
const LOADED_SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const RATE = Number(process.env.BENCH_RATE ?? 50);
const PORT = 3931;

let branch = 0;
const IDLE_GAP_MS = 1200;
const ORGS = Number(process.env.BENCH_ORGS ?? 50);

const lastSeq = (standin: Standin) => standin.requests({}).at(-1)?.seq ?? 0;

/** A PR naming the hypothesis; returns its number and head. */
function openPr(world: World): { number: number; headSha: string; openedAt: number } {
  const name = `change-${++branch}`;
  world.standin.push({ repo: world.repo, actor: "pam", branch: name, commits: [{ message: `Change ${branch}`, files: { [`src/${name}.ts`]: `export const n = ${branch};\n` } }] });
  const pr = world.standin.openPullRequest({ repo: world.repo, actor: "pam", head: name, title: `Change ${branch}`, body: `Hypothesis: #${world.hypothesis}` });
  return { number: pr.number, headSha: pr.headSha!, openedAt: performance.now() };
}

/**
 * When each head's check run was written, from the stand-in's request stream (no polling: the
 * stand-in runs in this process, and a busy poll would slow the GitHub it plays).
 */
class CheckRuns {
  private readonly written = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();

  constructor(standin: Standin) {
    standin.onRequest((r) => {
      if (r.route !== "POST /repos/{owner}/{repo}/check-runs" || r.actor.kind !== "installation") return;
      const sha = (r.body as { head_sha?: string } | undefined)?.head_sha;
      if (!sha || this.written.has(sha)) return;
      this.written.set(sha, performance.now());
      this.waiting.get(sha)?.();
    });
  }

  at(sha: string): number | undefined {
    return this.written.get(sha);
  }

  /** Resolves when the check run for `sha` is written. */
  async wait(sha: string, label: string, seconds = 120): Promise<number> {
    const seen = this.written.get(sha);
    if (seen !== undefined) return seen;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no check run for ${label} after ${seconds} s`)), seconds * 1000);
      this.waiting.set(sha, () => {
        clearTimeout(timer);
        this.waiting.delete(sha);
        resolve(this.written.get(sha)!);
      });
    });
  }
}

async function idle(world: World, runs: CheckRuns) {
  const samples: number[] = [];
  for (let i = 0; i < IDLE_PRS; i++) {
    const pr = openPr(world);
    samples.push((await runs.wait(pr.headSha, `PR #${pr.number}`)) - pr.openedAt);
    await new Promise((r) => setTimeout(r, IDLE_GAP_MS));
  }
  return summary(samples);
}

/** A new commit on the PR's branch: `synchronize`, whose new head needs its own check run. */
function pushTo(world: World, branchName: string): { headSha: string; openedAt: number } {
  const n = ++branch;
  const pushed = world.standin.push({ repo: world.repo, actor: "pam", branch: branchName, commits: [{ message: `Step ${n}`, files: { [`src/${branchName}.ts`]: `export const n = ${n};\n` } }] });
  return { headSha: pushed.head, openedAt: performance.now() };
}

/**
 * Each push's latency is until the check run of its head, or of a later head of the same PR:
 * a check still waiting when the next push comes checks the newest head only, as GitHub shows.
 */
async function loaded(worlds: World[], runs: CheckRuns) {
  const prs = worlds.map((world) => {
    const pr = openPr(world);
    return { world, label: `PR #${pr.number} of ${world.repo}`, branch: `change-${branch}`, first: pr.headSha, pushes: [] as { headSha: string; openedAt: number }[] };
  });
  await Promise.all(prs.map((pr) => runs.wait(pr.first, pr.label)));
  await new Promise((r) => setTimeout(r, IDLE_GAP_MS));
  const interval = 1000 / RATE;
  const end = Date.now() + LOADED_SECONDS * 1000;
  let next = Date.now();
  for (let n = 0; Date.now() < end; n++) {
    const pr = prs[n % prs.length]!;
    pr.pushes.push(pushTo(pr.world, pr.branch));
    next += interval;
    await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
  }
  await Promise.all(prs.filter((pr) => pr.pushes.length > 0).map((pr) => runs.wait(pr.pushes.at(-1)!.headSha, pr.label)));
  const samples = prs.flatMap((pr) =>
    pr.pushes.map((push, i) => Math.min(...pr.pushes.slice(i).map((later) => runs.at(later.headSha) ?? Infinity)) - push.openedAt),
  );
  const superseded = prs.reduce((sum, pr) => sum + pr.pushes.filter((push) => runs.at(push.headSha) === undefined).length, 0);
  return { ...summary(samples), superseded };
}

/** GitHub calls per event type, from the stand-in's request log, for the traffic one action causes. */
async function callsPer(world: World, label: string, act: () => void) {
  await world.standin.settle();
  await new Promise((r) => setTimeout(r, 1500));
  const since = lastSeq(world.standin);
  act();
  await world.standin.settle();
  await new Promise((r) => setTimeout(r, 2500));
  const calls = world.standin.requests({ since, kind: "installation" });
  console.log(`  ${label.padEnd(34)} ${String(calls.length).padStart(3)} calls, ${calls.filter((c) => c.method !== "GET").length} writes: ${calls.map((c) => c.route ?? c.path).join(", ")}`);
}

async function run(databaseUrl: string | undefined) {
  const standin = await startStandin();
  const senseloop = await startSenseloop({ port: PORT, ...(databaseUrl ? { databaseUrl } : {}), gheHost: new URL(standin.url).host });
  try {
    const worlds = await populateMany(standin, senseloop.webhookUrl, ORGS);
    const world = worlds[0]!;
    const runs = new CheckRuns(standin);
    const warm = openPr(world);
    await runs.wait(warm.headSha, "the warm-up PR");
    await new Promise((r) => setTimeout(r, IDLE_GAP_MS));
    const quiet = await idle(world, runs);
    console.log(`${senseloop.name}: idle   p50 ${fmt(quiet.p50, 0)} ms  p95 ${fmt(quiet.p95, 0)} ms  max ${fmt(quiet.max, 0)} ms  (${quiet.count} PRs)`);
    const busy = await loaded(worlds, runs);
    console.log(`${senseloop.name}: ${RATE}/s over ${ORGS} PRs  p50 ${fmt(busy.p50, 0)} ms  p95 ${fmt(busy.p95, 0)} ms  max ${fmt(busy.max, 0)} ms  (${busy.count} pushes, ${busy.superseded} checked at a later head)`);
    console.log("GitHub calls per event (installation token):");
    await callsPer(world, "pull_request.opened (names it)", () => openPr(world));
    const pr = openPr(world);
    await callsPer(world, "pull_request.edited", () => world.standin.editPullRequest({ repo: world.repo, actor: "pam", number: pr.number, title: "Change, renamed" }));
    await callsPer(world, "pull_request.opened (duplicate)", () => world.standin.redeliver({ id: world.standin.deliveries({}).at(-1)!.id }));
  } finally {
    await senseloop.stop();
    await standin.stop();
  }
}

async function main() {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_latency WITH (FORCE)");
    await admin.unsafe("CREATE DATABASE senseloop_bench_latency");
    try {
      await run(withDatabase(url, "senseloop_bench_latency"));
    } finally {
      await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_latency WITH (FORCE)");
      await admin.end();
    }
  }
  await run(undefined);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
