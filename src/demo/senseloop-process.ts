import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository's root, where `src/main.ts` is. */
export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface SenseloopProcess {
  readonly url: string;
  /** The process's log (JSON lines), for a person to read when something went wrong. */
  readonly logFile: string;
  /** Moves Senseloop's clock (its services' and its job queue's) on; resolves with its new time. */
  advanceClock(ms: number): Promise<Date>;
  /** The last lines of its log, for error messages. */
  logTail(lines?: number): string;
  stop(): Promise<void>;
}

interface ClockMoved {
  type: "senseloop:clock-moved";
  id: number;
  now?: string;
  error?: string;
}

/**
 * `npm start`, as a child process: `src/main.ts` under tsx, in its own working directory (so no
 * `.env` of the checkout is read), with only the environment given. It gets an IPC channel, which
 * SENSELOOP_DEMO_CLOCK=on uses to say when it serves (and on which port: 0 takes any free one)
 * and to let this process move its clock.
 */
export async function startSenseloop(options: { dir: string; port: number; env: Record<string, string>; startTimeoutMs?: number }): Promise<SenseloopProcess> {
  const logFile = join(options.dir, "senseloop.log");
  const log = openSync(logFile, "a");
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(process.execPath, ["--import", tsx, "--import", pathToFileURL(join(ROOT, "src/preload.ts")).href, join(ROOT, "src/main.ts")], {
    cwd: options.dir,
    env: { PATH: process.env.PATH ?? "", TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json"), HOST: "127.0.0.1", PORT: String(options.port), ...options.env },
    stdio: ["ignore", log, log, "ipc"],
  });
  closeSync(log);
  const logTail = (lines = 20) => readFileSync(logFile, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const moves = clockMoves(child);

  const port = await ready(child, exited, options.startTimeoutMs ?? 90_000).catch((err: unknown) => {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}; its log ends with:\n${logTail()}`);
  });
  return {
    url: `http://127.0.0.1:${port}`,
    logFile,
    advanceClock: moves,
    logTail,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Sends clock moves over IPC and pairs each answer with its request. */
function clockMoves(child: ChildProcess): (ms: number) => Promise<Date> {
  let next = 0;
  const waiting = new Map<number, { resolve: (at: Date) => void; reject: (err: Error) => void }>();
  child.on("message", (message: ClockMoved) => {
    const entry = waiting.get(message.id);
    if (!entry || message.type !== "senseloop:clock-moved") return;
    waiting.delete(message.id);
    if (message.now) entry.resolve(new Date(message.now));
    else entry.reject(new Error(`Senseloop could not move its clock: ${message.error ?? "no reason given"}`));
  });
  child.once("exit", () => {
    for (const entry of waiting.values()) entry.reject(new Error("Senseloop stopped before moving its clock"));
    waiting.clear();
  });
  return (ms) =>
    new Promise((resolve, reject) => {
      const id = ++next;
      waiting.set(id, { resolve, reject });
      child.send({ type: "senseloop:advance-clock", id, ms });
    });
}

/** The port Senseloop serves on, once it says it is running (workers and schedules started). */
function ready(child: ChildProcess, exited: Promise<number | null>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Senseloop did not start within ${Math.round(timeoutMs / 1000)} s`)), timeoutMs);
    const onMessage = (message: { type?: string; port?: number }) => {
      if (message.type !== "senseloop:ready" || typeof message.port !== "number") return;
      clearTimeout(timer);
      child.off("message", onMessage);
      resolve(message.port);
    };
    child.on("message", onMessage);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Senseloop exited while starting (code ${String(code)})`));
    });
  });
}
