import { existsSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { senseloopApp } from "./app.js";
import { createRuntime } from "./bootstrap.js";
import { systemClock } from "./clock.js";
import { openDatabase, type Database } from "./db/client.js";
import { DataDirLocked } from "./db/lock.js";
import { parseEnv } from "./env.js";
import { resolveBotLogin } from "./github/bot-identity.js";
import { appCalls } from "./runtime.js";
import { createBoss, createQueues } from "./jobs/boss.js";
import { DemoClock, obeyClockMoves, reportReady } from "./jobs/demo-clock.js";
import { watchDowntime } from "./jobs/downtime.js";
import { scheduleRecurringJobs, startWorkers } from "./jobs/workers.js";
import { createIntake } from "./intake/intake-queue.js";
import { createMetrics } from "./metrics/metrics.js";
import { createWebApp } from "./web/app.js";
import { closeWebServer, startWebServer } from "./web/server.js";
import { localWebhookUrl, startWebhookProxy } from "./web/webhook-proxy.js";
import { reloadOnHangup } from "./signals/reload-on-hangup.js";
import { startSignalSources } from "./signals/start-up.js";

/**
 * Webhook transactions written at the same time on PostgreSQL (of the pool's 10 connections):
 * the server prepares and answers one batch while the database commits another. The embedded
 * database has one connection, so there they go one at a time.
 */
const INTAKE_TRANSACTIONS_POSTGRES = 4;

async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const parsed = parseEnv(process.env);
  if (!parsed.ok) {
    console.error(`Senseloop cannot start; fix these environment variables:\n${parsed.problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  const env = parsed.env;
  if (env.demoClock && !process.send) {
    console.error("Senseloop cannot start: SENSELOOP_DEMO_CLOCK=on is for npm run demo, which starts Senseloop with an IPC channel to move its clock; unset it.");
    process.exit(1);
  }
  const log = pino({ name: "senseloop", level: env.logLevel });
  const signals = startSignalSources(env.signalsFile);
  if (!signals.ok) {
    console.error(`Senseloop cannot start; fix the signal sources file:\n${signals.problems.map((p) => `  - ${p}`).join("\n")}`);
    process.exit(1);
  }
  reloadOnHangup(signals.sources, log.child({ name: "signals" }));

  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir });
  } catch (err) {
    if (err instanceof DataDirLocked) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  await database.migrate();
  log.info({ database: database.kind === "pglite" ? `embedded (${env.dataDir})` : "postgres" }, "database ready");

  const metrics = createMetrics({ processMetrics: true });
  // Only `npm run demo` moves time on; everywhere else the clock is the machine's.
  const demoClock = env.demoClock ? new DemoClock() : undefined;
  const clock = demoClock?.services ?? systemClock;
  const runWorkers = env.role !== "web";
  const boss = createBoss(database, { background: runWorkers, log, ...(demoClock ? { clock: demoClock } : {}) });
  await boss.start();
  await createQueues(boss);

  const closers: (() => Promise<void>)[] = [];
  const shutdown = async (signal: string) => {
    log.info({ signal }, "shutting down");
    for (const close of closers.reverse()) await close().catch((err) => log.error({ err }, "shutdown step failed"));
    await boss.stop({ graceful: true, timeout: 10_000, close: false }).catch(() => {});
    await database.close();
    process.exit(0);
  };
  process.once("SIGINT", () => void shutdown("SIGINT"));
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  if (demoClock) obeyClockMoves(demoClock, log, () => void shutdown("disconnect"));

  if (!env.github) {
    const server = await startWebServer(createWebApp({ db: database.db, boss, env, log, clock, metrics }), { port: env.port, host: env.host, log });
    closers.push(() => closeWebServer(server));
    log.warn({ missing: env.missing, url: `http://localhost:${env.port}` }, "not connected to a GitHub App yet; open the page to register one");
    return;
  }

  if (env.signInMissing.length > 0) log.warn({ missing: env.signInMissing }, "signing in to the web dashboard is off until these are set; the status page answers only this machine meanwhile");
  const rt = createRuntime(env, env.github, { db: database.db, boss, clock, log, signals: signals.sources, metrics });
  const probot = rt.probot;
  await probot.load(senseloopApp(rt), { cwd: process.cwd(), addHandler: () => {} });
  resolveBotLogin(rt.bot, appCalls(rt), log);

  const server = await startWebServer(createWebApp({ db: database.db, boss, env, log, clock: rt.clock, metrics, intake: createIntake(rt, { inFlight: database.kind === "postgres" ? INTAKE_TRANSACTIONS_POSTGRES : 1 }), bot: rt.bot }), { port: env.port, host: env.host, log });
  closers.push(() => closeWebServer(server));
  if (env.webhookProxyUrl && env.role !== "worker") {
    // Without the proxy the server still serves; GitHub's failed deliveries can be redelivered once it is back.
    const proxy = await startWebhookProxy({ source: env.webhookProxyUrl, target: localWebhookUrl({ port: env.port, host: env.host, path: env.webhookPath }), log }).catch((err: unknown) => {
      log.error({ err, proxy: env.webhookProxyUrl }, "could not open the webhook proxy channel; restart to try again");
      return undefined;
    });
    if (proxy) closers.push(() => proxy.stop());
  }

  const viaProxy = env.webhookProxyUrl !== undefined;
  if (env.role !== "worker") {
    const downtime = await watchDowntime(rt, { viaProxy });
    closers.push(async () => downtime.stop());
  }
  if (runWorkers) {
    await startWorkers(rt, { concurrency: 2, pollingIntervalSeconds: 1 });
    await scheduleRecurringJobs(rt, { sweepCron: env.sweepCron, reconcileCron: env.reconcileCron, viaProxy });
  }
  const port = (server.address() as AddressInfo).port;
  log.info({ port, role: env.role, appId: env.github.appId }, "Senseloop is running");
  if (demoClock) reportReady(port);
}

main().catch((err) => {
  console.error("Senseloop failed to start:", err);
  process.exit(1);
});
