/**
 * `npm run smoke:prod`, after `npm run build`: starts the compiled server (`node dist/main.js`,
 * no tsx) the way the Docker image does, connected to a GitHub App that is not reachable, on an
 * embedded database in a temporary directory (or on DATABASE_URL when it is set, as in
 * docker-compose.yml), and checks what an operator relies on: /healthz,
 * /readyz, the status page (compiled JSX), a signed webhook recorded through the migrations,
 * /metrics behind its token with the process metrics, and a clean exit on SIGTERM.
 * Plain JavaScript on purpose: it must run where only `node` and dist/ are.
 */
import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startProdArgs } from "./start-prod-args.mjs";

const main = fileURLToPath(new URL("../dist/main.js", import.meta.url));
const STARTUP_MS = 90_000;
const SECRET = "smoke-webhook-secret";
const METRICS_TOKEN = "smoke-metrics-token-0123";

if (!existsSync(main)) fail("dist/main.js is missing: run `npm run build` first");

/** A port nothing listens on: the server's, and one for the GitHub that never answers. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function fail(message) {
  console.error(`smoke:prod failed: ${message}`);
  process.exit(1);
}

const [port, githubPort] = [await freePort(), await freePort()];
// The server loads `.env` from its working directory: an empty one, so no local settings leak in.
const dir = mkdtempSync(join(tmpdir(), "senseloop-smoke-"));
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } });
const base = `http://127.0.0.1:${port}`;
const started = Date.now();
const output = [];
const child = spawn(process.execPath, startProdArgs(), {
  cwd: dir,
  env: {
    PATH: process.env.PATH,
    NODE_ENV: "production",
    PORT: String(port),
    HOST: "127.0.0.1",
    SENSELOOP_DATA_DIR: join(dir, "data"),
    APP_ID: "1",
    PRIVATE_KEY: privateKey,
    WEBHOOK_SECRET: SECRET,
    METRICS_TOKEN,
    GHE_HOST: `127.0.0.1:${githubPort}`,
    GHE_PROTOCOL: "http",
    LOG_LEVEL: "info",
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  },
  stdio: ["ignore", "pipe", "pipe"],
});
child.stdout.on("data", (chunk) => output.push(chunk));
child.stderr.on("data", (chunk) => output.push(chunk));
const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));

function stopAndFail(message) {
  child.kill("SIGKILL");
  console.error(Buffer.concat(output).toString().split("\n").slice(-30).join("\n"));
  rmSync(dir, { recursive: true, force: true });
  fail(message);
}

async function get(path, headers = {}) {
  const res = await fetch(`${base}${path}`, { headers });
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() };
}

async function waitForHealth() {
  while (Date.now() - started < STARTUP_MS) {
    if (child.exitCode !== null) stopAndFail(`the server exited with ${child.exitCode} before answering`);
    const health = await get("/healthz").catch(() => undefined);
    if (health?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  stopAndFail(`no answer on /healthz within ${STARTUP_MS / 1000} s`);
}

function expect(what, ok) {
  if (!ok) stopAndFail(what);
  console.log(`  ok  ${what}`);
}

await waitForHealth();
console.log(`dist/main.js answered /healthz after ${((Date.now() - started) / 1000).toFixed(1)} s`);

const ready = await get("/readyz");
expect("/readyz says the database answers", ready.status === 200);

const status = await get("/");
expect("the status page renders (compiled JSX)", status.status === 200 && status.type.startsWith("text/html") && status.text.includes("Senseloop"));

const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
const webhook = await fetch(`${base}/api/github/webhooks`, { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "ping", "x-github-delivery": "smoke-1", "x-hub-signature-256": signature } });
expect("a signed webhook is recorded (202)", webhook.status === 202);

expect("/metrics refuses a scrape without its token", (await get("/metrics")).status === 401);
const metrics = await get("/metrics", { authorization: `Bearer ${METRICS_TOKEN}` });
expect("/metrics answers in Prometheus's text format", metrics.status === 200 && metrics.type.startsWith("text/plain; version=0.0.4"));
expect("/metrics counts the webhook", /^senseloop_webhooks_received_total\{event="ping",outcome="ignored"\} 1$/m.test(metrics.text));
expect("/metrics carries the process metrics", /^process_cpu_user_seconds_total /m.test(metrics.text) && /^nodejs_heap_size_used_bytes /m.test(metrics.text));

child.kill("SIGTERM");
const timeout = setTimeout(() => stopAndFail("the server did not stop within 20 s of SIGTERM"), 20_000);
const end = await exited;
clearTimeout(timeout);
expect("SIGTERM stops the server cleanly (exit 0)", end.code === 0);
rmSync(dir, { recursive: true, force: true });
console.log(`smoke:prod passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
