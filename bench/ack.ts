/**
 * The webhook acknowledgement, Senseloop against a bare Probot app with a no-op handler, in the
 * same run and alternating, so the machine's noise falls on both: requests/s, p50, p99 at
 * concurrency 1, 8 and 32, on PostgreSQL (DATABASE_URL) and on embedded PGlite, and p99 at a
 * paced 200 requests/s. Senseloop runs compiled (`npm run build` first) as a web replica on
 * PostgreSQL and as the one process on PGlite.
 *
 *   npm run build && DATABASE_URL=postgres://user:pw@127.0.0.1:5432/any npx tsx bench/ack.ts
 */
import postgres from "postgres";
import { withDatabase } from "../src/db/client.js";
import { runLoad, type LoadResult } from "./lib/load.js";
import { signedPullRequest } from "./lib/payload.js";
import { startBareProbot, startSenseloop, WEBHOOK_SECRET, type Server } from "./lib/servers.js";
import { fmt } from "./lib/stats.js";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "1,8,32").split(",").map(Number);

let prefix = 0;

async function measure(server: Server, payload: { body: string; headers: Record<string, string> }, concurrency: number, rate = 0): Promise<LoadResult> {
  const result = await runLoad({ url: server.webhookUrl, ...payload, concurrency, seconds: SECONDS, rate, prefix: `bench-${process.pid}-${++prefix}` });
  const bad = Object.entries(result.statuses).filter(([status]) => !status.startsWith("2"));
  if (bad.length > 0) console.warn(`  ${server.name}: non-2xx answers ${JSON.stringify(Object.fromEntries(bad))}`);
  return result;
}

/** Rounds alternate Senseloop and bare Probot; the best round of each is kept (noise only slows). */
async function compare(senseloop: Server, bare: Server, payload: { body: string; headers: Record<string, string> }) {
  console.log(`\n${senseloop.name} vs ${bare.name}`);
  console.log("conc | Senseloop req/s  p50 ms  p99 ms | bare Probot req/s  p50 ms  p99 ms | ratio");
  for (const concurrency of CONCURRENCY) {
    let ours: LoadResult | undefined;
    let theirs: LoadResult | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const a = await measure(senseloop, payload, concurrency);
      const b = await measure(bare, payload, concurrency);
      if (!ours || a.perSecond > ours.perSecond) ours = a;
      if (!theirs || b.perSecond > theirs.perSecond) theirs = b;
    }
    console.log(
      `${String(concurrency).padStart(4)} | ${fmt(ours!.perSecond, 0).padStart(15)} ${fmt(ours!.p50, 2).padStart(7)} ${fmt(ours!.p99, 2).padStart(7)} | ${fmt(theirs!.perSecond, 0).padStart(17)} ${fmt(theirs!.p50, 2).padStart(7)} ${fmt(theirs!.p99, 2).padStart(7)} | ${fmt((100 * ours!.perSecond) / theirs!.perSecond, 0)} %`,
    );
  }
  const paced = await measure(senseloop, payload, 8, 200);
  const pacedBare = await measure(bare, payload, 8, 200);
  console.log(`paced 200/s | Senseloop p50 ${fmt(paced.p50, 2)} ms, p99 ${fmt(paced.p99, 2)} ms | bare Probot p50 ${fmt(pacedBare.p50, 2)} ms, p99 ${fmt(pacedBare.p99, 2)} ms`);
}

async function main() {
  const payload = await signedPullRequest(WEBHOOK_SECRET);
  console.log(`payload: ${payload.body.length} bytes; ${SECONDS} s per run, best of ${ROUNDS} alternating rounds`);
  const bare = await startBareProbot(3901);
  try {
    const url = process.env.DATABASE_URL;
    if (url) {
      const admin = postgres(url, { max: 1, onnotice: () => {} });
      await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_ack WITH (FORCE)");
      await admin.unsafe("CREATE DATABASE senseloop_bench_ack");
      const senseloop = await startSenseloop({ port: 3902, databaseUrl: withDatabase(url, "senseloop_bench_ack"), role: "web" });
      try {
        await compare(senseloop, bare, payload);
      } finally {
        await senseloop.stop();
        await admin.unsafe("DROP DATABASE IF EXISTS senseloop_bench_ack WITH (FORCE)");
        await admin.end();
      }
    } else {
      console.log("\n(DATABASE_URL unset: PostgreSQL skipped)");
    }
    const embedded = await startSenseloop({ port: 3903 });
    try {
      await compare(embedded, bare, payload);
    } finally {
      await embedded.stop();
    }
  } finally {
    await bare.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
