import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";
import { parseEnv, type Env } from "../../src/env.js";
import { createIntake, type Intake } from "../../src/intake/intake-queue.js";
import { checkWebhookPayload } from "./contract-hook.js";
import { createWebApp, type WebParts } from "../../src/web/app.js";
import { closeWebServer, startWebServer } from "../../src/web/server.js";
import type { Harness } from "./harness.js";
import { PRIVATE_KEY } from "./harness.js";
import { APP_ID, WEBHOOK_SECRET } from "./ids.js";
import { silentLogger } from "./logger.js";

/** An environment as main() would parse it: connected unless `setup` is asked for. */
export function testEnv(variables: Record<string, string> = {}, o: { setup?: boolean } = {}): Env {
  const credentials = o.setup ? {} : { APP_ID: String(APP_ID), PRIVATE_KEY, WEBHOOK_SECRET };
  const parsed = parseEnv({ ...credentials, ...variables } as NodeJS.ProcessEnv);
  if (!parsed.ok) throw new Error(`test environment rejected: ${parsed.problems.join("; ")}`);
  return parsed.env;
}

/** The web app's parts from a test harness: its database, queue, clock and Probot. */
export function harnessParts(h: Harness, env: Env = testEnv(), extra: Partial<WebParts> = {}): WebParts {
  return { db: h.rt.db, boss: h.rt.boss, clock: h.rt.clock, log: silentLogger, metrics: h.rt.metrics, env, intake: env.github ? checkedIntake(createIntake(h.rt)) : undefined, bot: h.rt.bot, ...extra };
}

/** The intake the HTTP route uses, holding each payload to GitHub's webhook schemas first, like `receive`. */
function checkedIntake(intake: Intake): Intake {
  return {
    accept(delivery) {
      checkWebhookPayload(delivery.name, delivery.payload);
      return intake.accept(delivery);
    },
  };
}

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => closeWebServer(server)));
});

/** Serves the web app on a loopback port for this test; closed after it. */
export async function serveWeb(parts: WebParts, o: { requestTimeoutMs?: number } = {}): Promise<{ base: string; server: Server }> {
  const server = await startWebServer(createWebApp(parts), { port: 0, host: "127.0.0.1", log: silentLogger, ...o });
  servers.push(server);
  return { base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Node bindings of a request made on the server itself, for `app.request(path, init, FROM_THIS_MACHINE)`. */
export const FROM_THIS_MACHINE = { incoming: { socket: { remoteAddress: "127.0.0.1" }, headers: {} } };
