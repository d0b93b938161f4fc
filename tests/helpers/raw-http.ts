import { execFile, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

const CLIENT = fileURLToPath(new URL("./slow-client.mjs", import.meta.url));

export interface SlowClientResult {
  /** The HTTP status the server answered, 0 for none. */
  status: number;
  /** The start of what the server sent. */
  response: string;
  /** Body bytes the client had sent when the answer arrived; undefined when none came. */
  writtenWhenAnswered: number | undefined;
  /** When the server closed the connection, in ms after the request started. */
  closedAfterMs: number;
}

function run(options: object, timeoutMs: number): Promise<SlowClientResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLIENT, JSON.stringify(options)], { timeout: timeoutMs }, (err, stdout) => {
      if (err) return reject(err);
      resolve(JSON.parse(stdout.trim()) as SlowClientResult);
    });
  });
}

/**
 * POSTs a large body in pieces (with a Content-Length, or chunked without one) and never sends
 * the last piece: an answer proves the server did not wait for the whole body. The client
 * runs in its own process, outside nock's interception of this process's sockets.
 */
export function postStreamed(url: string, o: { total: number; chunk: number; headers: Record<string, string | number>; chunked: boolean }): Promise<SlowClientResult> {
  const headers = o.chunked ? { ...o.headers, "Transfer-Encoding": "chunked" } : { ...o.headers, "Content-Length": o.total };
  return run({ mode: "stream", url, ...o, headers }, 30_000);
}

/** Sends a request's headers, then its body one byte every `everyMs`, until the server closes the connection. */
export function trickleRequest(url: string, headers: Record<string, string>, o: { length: number; everyMs: number }): Promise<SlowClientResult> {
  return run({ mode: "trickle", url, headers: { ...headers, "Content-Length": o.length }, everyMs: o.everyMs }, 20_000);
}

/**
 * Opens a connection from another process and leaves it open: unused, or after one GET of
 * `url` answered on it. `ready` once it is so; `closed` with the result once the server closes it.
 */
export function holdConnection(url: string, o: { get: boolean }): { ready: Promise<void>; closed: Promise<SlowClientResult>; stop: () => void } {
  const child = spawn(process.execPath, [CLIENT, JSON.stringify({ mode: "idle", url, get: o.get, headers: {} })], { stdio: ["ignore", "pipe", "inherit"] });
  let out = "";
  let onReady: () => void;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  const closed = new Promise<SlowClientResult>((resolve, reject) => {
    child.stdout.on("data", (chunk: Buffer) => {
      out += String(chunk);
      if (out.startsWith("ready\n")) onReady();
    });
    child.on("exit", () => {
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve(JSON.parse(line) as SlowClientResult);
      else reject(new Error(`the client process ended without a result: ${out}`));
    });
  });
  // A client stopped before the server closed it has no result; only a caller awaiting it hears so.
  closed.catch(() => {});
  return { ready, closed, stop: () => child.kill() };
}
