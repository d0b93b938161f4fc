import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createStandin, type Standin } from "../standin/index.js";
import { prepareDataDir } from "./data-template.js";
import { startPrometheus, type PrometheusStandin, type Series } from "./prometheus.js";
import { startSenseloop, type SenseloopProcess } from "./senseloop-process.js";
import { WebSession } from "./web-session.js";

/** Everything the story plays against: GitHub (the stand-in), Prometheus, and Senseloop itself. */
export interface DemoWorld {
  readonly standin: Standin;
  readonly prometheus: PrometheusStandin;
  readonly senseloop: SenseloopProcess;
  /** The demo user's browser on the web dashboard (signed in by the story). */
  readonly web: WebSession;
  /** The token of Senseloop's `POST /api/sweep`. */
  readonly sweepToken: string;
  /** Where Senseloop's data and log live; removed by `stop()`. */
  readonly dir: string;
  /** Lets time pass everywhere at once: the stand-in's clock and Senseloop's move on together. */
  advance(ms: number): Promise<Date>;
  stop(): Promise<void>;
}

export interface WorldOptions {
  /** Senseloop's port, taken when free (default and otherwise: any free port). */
  port?: number;
  /** Who GitHub's sign-in page approves: the demo's product person. */
  demoUser: string;
  series: Omit<Series, "startsAt">;
}

/** The source name hypotheses use in their Signal query, as the operator's file names it. */
export const SOURCE = "prod";

/**
 * Starts the stand-in of GitHub and of Prometheus in this process, and Senseloop as its own
 * process on an embedded database in a temporary directory, reaching the stand-in as a GitHub
 * Enterprise Server and reading its signal from the stand-in Prometheus. Nothing leaves the machine.
 */
export async function startWorld(options: WorldOptions): Promise<DemoWorld> {
  const dir = mkdtempSync(join(tmpdir(), "senseloop-demo-"));
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    // Without a preferred port Senseloop takes any free one and says which: no other process can take it in between.
    const port = options.port !== undefined ? await freePort(options.port) : 0;
    const standin = createStandin({ oauth: { signedIn: options.demoUser } });
    await standin.start();
    cleanups.push(() => standin.stop());
    const token = randomBytes(16).toString("hex");
    const prometheus = await startPrometheus({ series: { ...options.series, startsAt: standin.clock.now() }, token, now: () => standin.clock.now() });
    cleanups.push(() => prometheus.stop());

    const signals = join(dir, "signals.yml");
    // The operator's sources file, as README's Signals section describes it: the credential by reference.
    writeFileSync(signals, ["sources:", `  ${SOURCE}:`, "    kind: prometheus", `    url: ${prometheus.url}`, '    headers: { Authorization: "Bearer ${DEMO_PROMETHEUS_TOKEN}" }', ""].join("\n"));
    await prepareDataDir(join(dir, "data"));
    const sweepToken = randomBytes(24).toString("base64url");
    const app = standin.appCredentials();
    const senseloop = await startSenseloop({
      dir,
      port,
      env: {
        APP_ID: String(app.appId),
        APP_SLUG: app.slug,
        PRIVATE_KEY: app.privateKey,
        WEBHOOK_SECRET: app.webhookSecret,
        GHE_HOST: app.gheHost,
        GHE_PROTOCOL: "http",
        GITHUB_CLIENT_ID: app.clientId,
        GITHUB_CLIENT_SECRET: app.clientSecret,
        SESSION_SECRET: randomBytes(32).toString("base64url"),
        SWEEP_TOKEN: sweepToken,
        SENSELOOP_DATA_DIR: join(dir, "data"),
        SENSELOOP_SIGNALS: signals,
        DEMO_PROMETHEUS_TOKEN: token,
        SENSELOOP_DEMO_CLOCK: "on",
        LOG_LEVEL: "info",
      },
    });
    cleanups.push(() => senseloop.stop());
    // Senseloop's address is known now: GitHub's webhooks and its sign-in callback point there.
    standin.setWebhook({ url: `${senseloop.url}/api/github/webhooks` });
    standin.state.app.callbackUrls.push(`${senseloop.url}/auth/callback`);

    let moving: Promise<unknown> = Promise.resolve();
    return {
      standin,
      prometheus,
      senseloop,
      web: new WebSession(senseloop.url),
      sweepToken,
      dir,
      advance(ms) {
        // Senseloop's clock first: the stand-in then stamps what follows no earlier than Senseloop's time.
        const moved = moving.then(async () => {
          await senseloop.advanceClock(ms);
          standin.advanceClock({ ms });
          return standin.clock.now();
        });
        moving = moved.catch(() => {});
        return moved;
      },
      stop: () => runAll(cleanups),
    };
  } catch (err) {
    await runAll(cleanups);
    throw err;
  }
}

async function runAll(cleanups: (() => Promise<void>)[]): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
}

/** `preferred` when nothing listens on it, else 0 (any free port). */
async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number | undefined>((resolve) => {
      const server = createServer();
      server.once("error", () => resolve(undefined));
      server.listen(port, "127.0.0.1", () => {
        const taken = (server.address() as { port: number }).port;
        server.close(() => resolve(taken));
      });
    });
  return (await tryPort(preferred)) ?? 0;
}
