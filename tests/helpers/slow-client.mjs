// A slow HTTP client, run as its own process: the test process's sockets go through nock's
// interceptor, which holds a request until it is complete, so it could never stream or trickle.
// Argument: JSON { mode: "stream" | "trickle" | "idle", url, headers, ... }. Prints one JSON line: the result.
import net from "node:net";

const o = JSON.parse(process.argv[2]);
const { hostname, port, pathname } = new URL(o.url);
const socket = net.connect(Number(port), hostname);
if (o.mode === "idle") holdOpen();
const started = Date.now();
let response = "";
let written = 0;
let writtenWhenAnswered;
let timer;

const head = [`POST ${pathname} HTTP/1.1`, `Host: ${hostname}:${port}`, ...Object.entries(o.headers).map(([k, v]) => `${k}: ${v}`), "", ""].join("\r\n");
socket.on("error", () => {});
socket.on("data", (chunk) => {
  writtenWhenAnswered ??= written;
  response += chunk.toString("latin1");
});
socket.on("close", () => {
  clearInterval(timer);
  process.stdout.write(`${JSON.stringify({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(response)?.[1] ?? 0), response: response.slice(0, 200), writtenWhenAnswered, closedAfterMs: Date.now() - started })}\n`);
});
if (o.mode !== "idle") socket.write(head);

/**
 * A connection opened and left open, as a browser does ahead of a navigation: with `get`, after
 * one GET answered on it (kept alive), without, carrying nothing. Prints "ready" once it is so,
 * then the result line when the server closes it.
 */
function holdOpen() {
  socket.on("connect", () => {
    if (!o.get) return void process.stdout.write("ready\n");
    socket.write(`GET ${pathname} HTTP/1.1\r\nHost: ${hostname}:${port}\r\n\r\n`);
    socket.once("data", () => process.stdout.write("ready\n"));
  });
}

if (o.mode === "trickle") {
  timer = setInterval(() => socket.writable && socket.write("{"), o.everyMs);
} else if (o.mode === "stream") {
  // Chunked or declared, the body is sent in pieces, never its last piece: the server has to answer before the end.
  const piece = Buffer.alloc(o.chunk, "a");
  const frame = o.chunked ? Buffer.concat([Buffer.from(`${o.chunk.toString(16)}\r\n`), piece, Buffer.from("\r\n")]) : piece;
  const pump = () => {
    while (writtenWhenAnswered === undefined && written + o.chunk < o.total) {
      written += o.chunk;
      if (!socket.write(frame)) return void socket.once("drain", pump);
    }
    if (writtenWhenAnswered === undefined) setTimeout(() => socket.destroy(), o.waitMs ?? 5000).unref();
  };
  pump();
}
