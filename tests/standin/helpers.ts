import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { verify } from "@octokit/webhooks-methods";
import { ProbotOctokit } from "probot";
import { afterEach } from "vitest";
import { createStandin, type Standin, type StandinOptions } from "../../src/standin/index.js";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/** Probot's Octokit without retries or throttling, so a refusal is seen as it was answered. */
export const TestOctokit = ProbotOctokit.defaults((o: OctokitOptions) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));

export const APP_ID = 321;
export const WEBHOOK_SECRET = "standin-test-secret";
export const HYPOTHESIS_FORM = readFileSync(new URL("../../.github/ISSUE_TEMPLATE/hypothesis.yml", import.meta.url), "utf8");

/** One key for every test's app: making a 2048-bit key costs more than most tests. */
export const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();

const running: { stop(): Promise<void> }[] = [];

afterEach(async () => {
  for (const server of running.splice(0).reverse()) await server.stop();
});

/** A started stand-in, stopped after the test. */
export async function startStandin(options: StandinOptions = {}): Promise<Standin> {
  const standin = createStandin({ ...options, app: { id: APP_ID, privateKey: PRIVATE_KEY, ...options.app }, webhook: { secret: WEBHOOK_SECRET, ...options.webhook } });
  await standin.start();
  running.push(standin);
  return standin;
}

export interface Received {
  event: string;
  id: string;
  signatureValid: boolean;
  headers: IncomingMessage["headers"];
  payload: Record<string, any>;
}

/**
 * A tiny webhook receiver that checks each delivery's signature with @octokit/webhooks-methods,
 * answering `status()` (202 unless a test changes it).
 */
export async function startReceiver(secret = WEBHOOK_SECRET) {
  const received: Received[] = [];
  let status = 202;
  let delayMs = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const server: Server = createServer((req, res) => {
    maxInFlight = Math.max(maxInFlight, ++inFlight);
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      void verify(secret, body, String(req.headers["x-hub-signature-256"] ?? "")).then(async (signatureValid) => {
        received.push({ event: String(req.headers["x-github-event"]), id: String(req.headers["x-github-delivery"]), signatureValid, headers: req.headers, payload: JSON.parse(body) as Record<string, any> });
        if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
        inFlight--;
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ ok: status < 300 }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const receiver = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`,
    received,
    answer(next: number) {
      status = next;
    },
    /** Answers each delivery only after `ms`. */
    answerAfter(ms: number) {
      delayMs = ms;
    },
    /** The most deliveries that were waiting for an answer at once. */
    maxInFlight: () => maxInFlight,
    /** `event.action` of everything received, in order. */
    names: () => received.map((r) => (r.payload.action ? `${r.event}.${r.payload.action}` : r.event)),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  running.push(receiver);
  return receiver;
}

export function appOctokit(standin: Standin) {
  return new TestOctokit({ baseUrl: standin.urls.api, auth: { appId: APP_ID, privateKey: standin.app.privateKey } });
}

export function installationOctokit(standin: Standin, installationId: number) {
  return new TestOctokit({ baseUrl: standin.urls.api, auth: { appId: APP_ID, privateKey: standin.app.privateKey, installationId } });
}

/** An Octokit holding a plain token (a person's `ghp_`/`ghu_`, or none). */
export function tokenOctokit(standin: Standin, token?: string) {
  return new TestOctokit({ baseUrl: standin.urls.api, ...(token ? { auth: { token } } : {}) });
}

/**
 * The usual cast: organisation acme with repository acme/shop (the hypothesis form and a
 * config on main), Pam (admin), Alice (write), Mallory (no access), and the app installed.
 */
export function seedShop(standin: Standin, installation: { repositories?: "all" | string[] } = {}) {
  standin.createOrg({ login: "acme" });
  const pam = standin.createUser({ login: "pam", name: "Pam Product" });
  const alice = standin.createUser({ login: "alice" });
  const mallory = standin.createUser({ login: "mallory" });
  const shop = standin.createRepo({ owner: "acme", name: "shop", creator: "pam", files: { "README.md": "# Shop\n", ".github/ISSUE_TEMPLATE/hypothesis.yml": HYPOTHESIS_FORM, ".github/senseloop.yml": "mode: enforce\n" } });
  standin.grantAccess({ repo: "acme/shop", login: "alice", role: "write" });
  const { id: installationId } = standin.createInstallation({ account: "acme", sender: "pam", ...installation });
  return { pam, alice, mallory, shop, installationId };
}
