import { generateKeyPairSync, randomBytes } from "node:crypto";
import type { Server } from "node:http";
import { createUser } from "./act-accounts.js";
import type { ApiContext } from "./api-kit.js";
import { createApiHandler } from "./api-server.js";
import { createStandinClock, iso, type BaseClock, type StandinClock } from "./clock.js";
import { peopleControl } from "./control-people.js";
import { systemControl } from "./control.js";
import { Credentials } from "./credentials.js";
import { Deliveries } from "./deliveries.js";
import type { Hub } from "./hub.js";
import { AppJwtVerifier } from "./jwt.js";
import { ManifestCodes } from "./manifest-codes.js";
import type { App, Permissions } from "./model.js";
import { RateLimits } from "./rate-limit.js";
import { RequestLog, type RecordedRequest } from "./requests.js";
import { close, createServerApp, listen } from "./server.js";
import { State } from "./state.js";
import { urlsFor, type Urls } from "./urls.js";
import { Webhooks } from "./webhooks.js";

/** Senseloop's own permissions and events (app.yml), the defaults of the stand-in's app. */
const SENSELOOP_PERMISSIONS: Permissions = { checks: "write", issues: "write", pull_requests: "read", contents: "read", deployments: "read", metadata: "read" };
const SENSELOOP_EVENTS = ["check_run", "deployment_status", "issue_comment", "issues", "pull_request", "release"];

export interface StandinOptions {
  app?: { id?: number; slug?: string; name?: string; owner?: string; privateKey?: string; clientId?: string; clientSecret?: string; permissions?: Permissions; events?: string[] };
  /** Where webhooks go and the secret they are signed with; `setWebhook` changes them later. */
  webhook?: { url?: string; secret?: string };
  /** The OAuth callback URLs registered for the app, and who the authorize page signs in as. */
  oauth?: { callbackUrls?: string[]; signedIn?: string };
  /** Where timestamps come from (the project's Clock fits); control can move it on. */
  clock?: BaseClock;
  /** Real time for credential lifetimes and JWT checks (ms since the epoch). */
  realNow?: () => number;
  /** Interface to listen on; also the host in every URL the stand-in writes. */
  host?: string;
  /** Keep each JSON answer in the request log (for contract tests; costs memory). */
  recordResponses?: boolean;
  webhookTimeoutMs?: number;
  /** Webhooks in flight at once (default 1: one at a time, in order). */
  webhookConcurrency?: number;
  maxRecordedRequests?: number;
}

export type Control = ReturnType<typeof peopleControl> & ReturnType<typeof systemControl>;

export interface Standin extends Control {
  /** Listens (port 0: any free port) and answers the base URL, e.g. http://127.0.0.1:4711. */
  start(port?: number): Promise<string>;
  stop(): Promise<void>;
  readonly url: string;
  readonly urls: Urls;
  /** What a client needs to be the app: id, slug, key, secrets, client id. */
  readonly app: Readonly<Pick<App, "id" | "slug" | "name" | "privateKey" | "webhookSecret" | "clientId" | "clientSecret">>;
  readonly clock: StandinClock;
  /** The in-memory model, for assertions the control API does not cover. */
  readonly state: State;
  /** The same control methods, by name, as `POST /_standin/<method>` calls them. */
  readonly control: Control;
  /** Calls `listener` with each request as it is recorded (benchmarks wait on it instead of polling); answers an unsubscribe. */
  onRequest(listener: (request: RecordedRequest) => void): () => void;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

export function createStandin(options: StandinOptions = {}): Standin {
  const clock = createStandinClock(options.clock);
  const realNow = options.realNow ?? (() => Date.now());
  const host = options.host ?? "127.0.0.1";
  let origin = `http://${host}`;
  const urls = () => urlsFor(origin);
  const slug = options.app?.slug ?? "senseloop";
  // A key is made when none is given, so a test needs no fixture; 2048 bits take ~50 ms.
  const privateKey = options.app?.privateKey ?? generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const now = iso(clock.now());
  const placeholder = { id: 0, login: "", name: null, email: null, type: "User" as const, createdAt: now };
  const app: App = {
    id: options.app?.id ?? 1,
    slug,
    name: options.app?.name ?? "Senseloop",
    description: null,
    owner: placeholder,
    bot: placeholder,
    clientId: options.app?.clientId ?? `Iv23li${hex(7)}`,
    clientSecret: options.app?.clientSecret ?? hex(20),
    privateKey,
    webhookSecret: options.webhook?.secret ?? hex(16),
    webhookUrl: options.webhook?.url,
    callbackUrls: options.oauth?.callbackUrls ?? [],
    permissions: options.app?.permissions ?? SENSELOOP_PERMISSIONS,
    events: options.app?.events ?? SENSELOOP_EVENTS,
    createdAt: now,
    updatedAt: now,
  };
  const state = new State(clock, app);
  const deliveries = new Deliveries({ clock, timeoutMs: options.webhookTimeoutMs, concurrency: options.webhookConcurrency, target: () => (app.webhookUrl ? { url: app.webhookUrl, secret: app.webhookSecret, appId: app.id, hookId: app.id + 1_000_000, host: new URL(origin).host } : undefined) });
  const hub: Hub = { state, hooks: new Webhooks(state, deliveries, urls), urls };
  app.owner = createUser(hub, { login: options.app?.owner ?? "standin-admin" });
  app.bot = createUser(hub, { login: `${slug}[bot]`, type: "Bot" });
  const credentials = new Credentials(state, realNow);
  const limits = new RateLimits(clock);
  const log = new RequestLog(options.maxRecordedRequests);
  const manifests = new ManifestCodes();
  const oauthState = { signedIn: options.oauth?.signedIn };
  const ctx: ApiContext = { hub, credentials, deliveries, jwt: new AppJwtVerifier(privateKey, [String(app.id), app.clientId]), manifests, realNow };
  const control: Control = { ...peopleControl(hub, credentials), ...systemControl({ hub, clock, credentials, deliveries, limits, log, oauth: oauthState }) };
  const server = createServerApp({ state, log, control, manifests, api: createApiHandler({ ctx, limits, log, recordResponses: options.recordResponses ?? false }), oauth: { state, credentials, signedIn: () => oauthState.signedIn } });
  let listening: Server | undefined;

  return {
    ...control,
    control,
    clock,
    state,
    app,
    get url() {
      if (!listening) throw new Error("the stand-in is not started");
      return origin;
    },
    get urls() {
      return urls();
    },
    onRequest: (listener) => log.subscribe(listener),
    async start(port = 0) {
      if (listening) return origin;
      const started = await listen(server, port, host);
      listening = started.server;
      origin = `http://${host.includes(":") ? `[${host}]` : host}:${started.port}`;
      return origin;
    },
    async stop() {
      if (!listening) return;
      await deliveries.settle();
      await close(listening);
      listening = undefined;
    },
  };
}
