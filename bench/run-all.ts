/**
 * `npm run bench`: builds Senseloop (the benchmarks run it compiled), then runs each benchmark
 * script in turn, each printing its figures. With DATABASE_URL the PostgreSQL parts run too;
 * without it they are skipped with a message and the PGlite parts still run. The soak is not
 * here (`npm run bench:soak`). BENCH_ONLY=ack,latency runs some of them.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

const SCRIPTS: { name: string; file: string; needsPostgres?: boolean }[] = [
  { name: "ack", file: "bench/ack.ts" },
  { name: "latency", file: "bench/latency.ts" },
  { name: "memory", file: "bench/memory.ts" },
  { name: "sweep-scale", file: "bench/sweep-scale.ts" },
  { name: "overdue-selection", file: "bench/overdue-selection.ts", needsPostgres: true },
  { name: "pages", file: "bench/pages.ts", needsPostgres: true },
];

function run(command: string, args: string[]): number {
  return spawnSync(command, args, { cwd: ROOT, stdio: "inherit", env: process.env }).status ?? 1;
}

function main(): number {
  const only = process.env.BENCH_ONLY?.split(",").map((s) => s.trim());
  const chosen = SCRIPTS.filter((s) => !only || only.includes(s.name));
  if (!process.env.DATABASE_URL) console.log("DATABASE_URL is unset: PostgreSQL parts are skipped, PGlite parts run.");
  if (run("npm", ["run", "build", "--silent"]) !== 0) {
    console.error("npm run build failed; the benchmarks run the compiled server");
    return 1;
  }
  const failed: string[] = [];
  for (const script of chosen) {
    console.log(`\n=== ${script.name} (${script.file}) ===`);
    if (script.needsPostgres && !process.env.DATABASE_URL) {
      console.log("(PostgreSQL only; DATABASE_URL is unset: skipped)");
      continue;
    }
    const started = Date.now();
    const status = run(process.execPath, ["--import", "tsx", script.file]);
    console.log(`=== ${script.name}: ${status === 0 ? "done" : `failed (exit ${status})`} in ${((Date.now() - started) / 1000).toFixed(0)} s ===`);
    if (status !== 0) failed.push(script.name);
  }
  if (failed.length > 0) console.error(`\nfailed: ${failed.join(", ")}`);
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = main();
