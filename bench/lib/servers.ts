import { spawn, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, openSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startProdArgs } from "../../scripts/start-prod-args.mjs";

export const WEBHOOK_SECRET = "bench-webhook-secret";
export const APP_ID = "4242";
export const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface Server {
  name: string;
  url: string;
  webhookUrl: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitFor(url: string, child: ChildProcess, seconds = 60): Promise<void> {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: the process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url);
      await res.arrayBuffer();
      if (res.status < 500) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url} did not answer within ${seconds} s`);
}

function stopper(child: ChildProcess, cleanup: () => void = () => {}): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null) return resolve(cleanup());
      child.once("exit", () => resolve(cleanup()));
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 15_000).unref();
    });
}

/** A bare Probot 14 app with a no-op handler (what a user would write instead). */
export async function startBareProbot(port: number): Promise<Server> {
  const child = spawn(process.execPath, [join(ROOT, "bench/lib/bare-probot.mjs")], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/`, child);
  return { name: "bare Probot", url, webhookUrl: `${url}/api/github/webhooks`, child, stop: stopper(child) };
}

export interface SenseloopOptions {
  port: number;
  /** PostgreSQL URL; unset: embedded PGlite in a fresh directory. */
  databaseUrl?: string;
  /** `node dist/main.js` (compiled, the default) or `npm start` (tsx, the one-command start). */
  via?: "compiled" | "npm-start";
  role?: "all" | "web" | "worker";
  /** Where GitHub is: a local stand-in (host:port), or a closed port so no call leaves the machine. */
  gheHost?: string;
  extraEnv?: Record<string, string>;
}

/** Senseloop as it runs in production, connected to a (local) GitHub. */
export async function startSenseloop(options: SenseloopOptions): Promise<Server> {
  const dataDir = options.databaseUrl ? undefined : mkdtempSync(join(tmpdir(), "senseloop-bench-"));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PORT: String(options.port),
    HOST: "127.0.0.1",
    APP_ID,
    APP_SLUG: "senseloop-bench",
    PRIVATE_KEY,
    WEBHOOK_SECRET,
    LOG_LEVEL: process.env.BENCH_SERVER_LOG_LEVEL ?? "warn",
    GHE_HOST: options.gheHost ?? "127.0.0.1:9",
    GHE_PROTOCOL: "http",
    SENSELOOP_ROLE: options.role ?? "all",
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : { SENSELOOP_DATA_DIR: dataDir! }),
    ...options.extraEnv,
  };
  if (!options.databaseUrl) delete env.DATABASE_URL;
  const [command, args] = options.via === "npm-start" ? ["npm", ["start", "--silent"]] : [process.execPath, startProdArgs()];
  // BENCH_SERVER_LOG=file keeps the server's log (LOG_LEVEL, warn by default) for a look afterwards.
  const stdout = process.env.BENCH_SERVER_LOG ? openSync(process.env.BENCH_SERVER_LOG, "a") : "ignore";
  const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", stdout, "inherit"], detached: options.via === "npm-start" });
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(`${url}/readyz`, child, 120);
  const kill = options.via === "npm-start" ? () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      // already gone
    }
  } : undefined;
  const stop = stopper(child, () => dataDir && rmSync(dataDir, { recursive: true, force: true }));
  return {
    name: `Senseloop (${options.databaseUrl ? "PostgreSQL" : "PGlite"}${options.via === "npm-start" ? ", npm start" : ""})`,
    url,
    webhookUrl: `${url}/api/github/webhooks`,
    child,
    stop: kill ? async () => {
      kill();
      await stop();
    } : stop,
  };
}
