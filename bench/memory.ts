/**
 * Resident memory (RSS) of Senseloop idle and after 10,000 deliveries, on PostgreSQL
 * (DATABASE_URL) and on embedded PGlite, compiled (`node dist/main.js`, `npm run build` first) and
 * under `npm start` (its whole process group: npm, tsx and node), beside a bare Probot app with a
 * no-op handler measured the same way. GitHub is a closed port, so the jobs the deliveries cause
 * fail fast and wait for their retry: what is measured is the process holding and queueing work.
 *
 *   npm run build && DATABASE_URL=postgres://user:pw@127.0.0.1:5432/any npx tsx bench/memory.ts
 */
import { readdirSync, readFileSync } from "node:fs";
import postgres from "postgres";
import { withDatabase } from "../src/db/client.js";
import { runLoad } from "./lib/load.js";
import { signedPullRequest } from "./lib/payload.js";
import { startBareProbot, startSenseloop, WEBHOOK_SECRET, type Server } from "./lib/servers.js";
import { fmt } from "./lib/stats.js";

const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 10_000);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 10_000);

/** RSS in MB of the process and, for a process group leader, of every process in its group. */
function rssOf(pid: number, group: boolean): number {
  const pids = group
    ? readdirSync("/proc")
        .filter((name) => /^\d+$/.test(name))
        .map(Number)
        .filter((p) => {
          try {
            return Number(readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1]!.split(" ")[2]) === pid;
          } catch {
            return false;
          }
        })
    : [pid];
  let kb = 0;
  for (const p of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function measure(label: string, start: () => Promise<Server>, group: boolean, payload: { body: string; headers: Record<string, string> }) {
  const server = await start();
  try {
    await pause(SETTLE_MS);
    const idle = rssOf(server.child.pid!, group);
    const load = await runLoad({ url: server.webhookUrl, ...payload, concurrency: 8, seconds: 600, total: DELIVERIES, prefix: `memory-${process.pid}-${label.replace(/\W+/g, "-")}` });
    const peak = rssOf(server.child.pid!, group);
    await pause(SETTLE_MS);
    const after = rssOf(server.child.pid!, group);
    const ok = Object.entries(load.statuses).filter(([s]) => s.startsWith("2")).reduce((n, [, c]) => n + c, 0);
    console.log(`${label.padEnd(40)} idle ${fmt(idle, 0).padStart(4)} MB | right after ${fmt(peak, 0).padStart(4)} MB | ${SETTLE_MS / 1000} s later ${fmt(after, 0).padStart(4)} MB | ${ok}/${load.count} answered 2xx`);
  } finally {
    await server.stop();
  }
}

async function main() {
  const payload = await signedPullRequest(WEBHOOK_SECRET);
  console.log(`RSS, idle then after ${DELIVERIES} signed ${payload.body.length}-byte pull_request deliveries (concurrency 8)`);
  await measure("bare Probot, no-op handler", () => startBareProbot(3941), false, payload);
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    const fresh = async () => {
      await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_memory WITH (FORCE)");
      await admin.unsafe("CREATE DATABASE senseloop_bench_memory");
      return withDatabase(url, "senseloop_bench_memory");
    };
    try {
      const db1 = await fresh();
      await measure("Senseloop, PostgreSQL, compiled", () => startSenseloop({ port: 3942, databaseUrl: db1 }), false, payload);
      const db2 = await fresh();
      await measure("Senseloop, PostgreSQL, npm start", () => startSenseloop({ port: 3943, databaseUrl: db2, via: "npm-start" }), true, payload);
    } finally {
      await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_memory WITH (FORCE)");
      await admin.end();
    }
  } else {
    console.log("(DATABASE_URL unset: PostgreSQL skipped)");
  }
  await measure("Senseloop, PGlite, compiled", () => startSenseloop({ port: 3944 }), false, payload);
  await measure("Senseloop, PGlite, npm start", () => startSenseloop({ port: 3945, via: "npm-start" }), true, payload);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
