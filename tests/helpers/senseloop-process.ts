import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { PRIVATE_KEY } from "./harness.js";
import { APP_ID, WEBHOOK_SECRET } from "./ids.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

export interface SenseloopOptions {
  /** A name for messages ("web", "replica A"). */
  name: string;
  role: "all" | "web" | "worker";
  databaseUrl: string;
  /** host:port of the GitHub it calls (GHE_HOST, over http). */
  githubHost: string;
  /** More environment variables (SWEEP_CRON, SWEEP_TOKEN…). */
  env?: Record<string, string>;
}

/** `npm start` as a separate process: what one replica of a deployment is. */
export interface SenseloopProcess {
  name: string;
  /** http://127.0.0.1:<port>, where its web server listens. */
  url: string;
  pid: number;
  /** Everything it printed, for messages when a test times out. */
  output: string[];
  /** Resolves once it logged that it is running (at LOG_LEVEL info, the default here). */
  ready: Promise<void>;
  exited: Promise<void>;
  /** SIGKILL: the process dies where it stands, as in a crash or an OOM kill. */
  kill(): Promise<void>;
  /** SIGTERM: a graceful shutdown. */
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts `src/main.ts` in its own working directory (no `.env`, no signals file) with the test
 * app's credentials, on `databaseUrl`, calling the GitHub at `githubHost`.
 */
export async function startSenseloop(o: SenseloopOptions): Promise<SenseloopProcess> {
  const cwd = mkdtempSync(join(tmpdir(), "senseloop-replica-"));
  const port = await freePort();
  const output: string[] = [];
  // As `npm start` runs it: tsx as the loader, then the preload.
  const child: ChildProcess = spawn(process.execPath, ["--import", tsx, "--import", pathToFileURL(join(root, "src/preload.ts")).href, join(root, "src/main.ts")], {
    cwd,
    env: {
      PATH: process.env.PATH,
      TSX_TSCONFIG_PATH: join(root, "tsconfig.json"),
      APP_ID: String(APP_ID),
      APP_SLUG: "senseloop",
      PRIVATE_KEY,
      WEBHOOK_SECRET,
      DATABASE_URL: o.databaseUrl,
      SENSELOOP_ROLE: o.role,
      HOST: "127.0.0.1",
      PORT: String(port),
      GHE_HOST: o.githubHost,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "info",
      ...o.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void exited.then(() => rmSync(cwd, { recursive: true, force: true }));
  const ready = new Promise<void>((resolve, reject) => {
    let tail = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      output.push(chunk.toString());
      // A line can come in two chunks: look at the end of the last one too.
      tail = tail.slice(-100) + chunk.toString();
      if (tail.includes('"msg":"Senseloop is running"')) resolve();
    });
    child.stderr!.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    void exited.then(() => reject(new Error(`${o.name} exited before it was running:\n${output.join("")}`)));
  });
  ready.catch(() => {});
  const signal = async (name: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(name);
    await exited;
  };
  return { name: o.name, url: `http://127.0.0.1:${port}`, pid: child.pid!, output, ready, exited, kill: () => signal("SIGKILL"), stop: () => signal("SIGTERM") };
}
