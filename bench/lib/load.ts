import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { summary } from "./stats.js";

export interface LoadOptions {
  url: string;
  body: string;
  headers: Record<string, string>;
  concurrency: number;
  seconds: number;
  rate?: number;
  prefix: string;
}

export interface LoadResult {
  perSecond: number;
  p50: number;
  p99: number;
  count: number;
  statuses: Record<string, number>;
}

const WORKER = fileURLToPath(new URL("./load-worker.ts", import.meta.url));

/** Runs the load generator in its own process and summarises what it measured. */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", WORKER, JSON.stringify({ rate: 0, ...options })], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      const { elapsed, latencies, statuses } = JSON.parse(out) as { elapsed: number; latencies: number[]; statuses: Record<string, number> };
      const s = summary(latencies);
      resolve({ perSecond: s.count / elapsed, p50: s.p50, p99: s.p99, count: s.count, statuses });
    });
  });
}
