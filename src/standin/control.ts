import type { StandinClock } from "./clock.js";
import { iso } from "./clock.js";
import type { Credentials } from "./credentials.js";
import type { Deliveries, Delivery } from "./deliveries.js";
import { ApiError } from "./errors.js";
import type { Hub } from "./hub.js";
import type { FaultInput, RateLimits } from "./rate-limit.js";
import type { RequestFilter, RequestLog } from "./requests.js";

export interface SystemDeps {
  hub: Hub;
  clock: StandinClock;
  credentials: Credentials;
  deliveries: Deliveries;
  limits: RateLimits;
  log: RequestLog;
  oauth: { signedIn: string | undefined };
}

export interface DeliverySummary {
  id: number;
  guid: string;
  event: string;
  action: string | null;
  state: Delivery["state"];
  statusCode: number;
  redelivery: boolean;
  installationId: number | null;
  repositoryId: number | null;
  deliveredAt: string;
  payload: Record<string, unknown>;
}

const summary = (d: Delivery): DeliverySummary => ({ id: d.id, guid: d.guid, event: d.event, action: d.action, state: d.state, statusCode: d.statusCode, redelivery: d.redelivery, installationId: d.installationId, repositoryId: d.repositoryId, deliveredAt: d.deliveredAt, payload: JSON.parse(d.payload) as Record<string, unknown> });

/** The stand-in's own knobs: time, webhook delivery, faults, the request log and sign-in. */
export function systemControl(deps: SystemDeps) {
  const { hub, clock, deliveries, limits } = deps;
  const faultKey = (target: { installationId?: number; login?: string; app?: boolean }) => {
    if (target.installationId !== undefined) return `installation:${hub.state.requireInstallation(target.installationId).id}`;
    if (target.login !== undefined) return `user:${hub.state.requireUser(target.login).id}`;
    if (target.app) return "app";
    throw new ApiError(422, "name whose requests fail: installationId, login or app");
  };
  return {
    /** Moves the stand-in's clock on; the demo lets days pass this way instead of sleeping. */
    advanceClock(input: { ms?: number; seconds?: number; minutes?: number; hours?: number; days?: number }) {
      const ms = (input.ms ?? 0) + 1000 * ((input.seconds ?? 0) + 60 * ((input.minutes ?? 0) + 60 * ((input.hours ?? 0) + 24 * (input.days ?? 0))));
      return { now: iso(clock.advance(ms)) };
    },
    setClock(input: { at: string }) {
      const at = new Date(input.at);
      if (Number.isNaN(at.getTime())) throw new ApiError(422, `not a date: ${input.at}`);
      return { now: iso(clock.set(at)) };
    },
    now() {
      return { now: iso(clock.now()) };
    },
    /** Waits until every queued webhook has been attempted (delivered or failed). */
    async settle(input: { timeoutMs?: number } = {}) {
      const timeout = input.timeoutMs ?? 30_000;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([deliveries.settle(), new Promise((_, reject) => (timer = setTimeout(() => reject(new ApiError(504, `webhooks still in flight after ${timeout} ms`)), timeout)))]).finally(() => clearTimeout(timer));
      return { delivered: deliveries.log.filter((d) => d.state === "delivered").length, failed: deliveries.log.filter((d) => d.state === "failed").length };
    },
    /** From now on every webhook fails as if the receiver were down, until `resumeDeliveries`. */
    pauseDeliveries() {
      deliveries.pause();
      return { paused: true };
    },
    resumeDeliveries() {
      deliveries.resume();
      return { paused: false };
    },
    deliveries(input: { since?: number; event?: string; state?: Delivery["state"] } = {}): DeliverySummary[] {
      return deliveries.log.filter((d) => (input.since === undefined || d.id > input.since) && (!input.event || d.event === input.event) && (!input.state || d.state === input.state)).map(summary);
    },
    redeliver(input: { id: number }) {
      const attempt = deliveries.redeliver(input.id);
      if (!attempt) throw new ApiError(404, `no delivery ${input.id}`);
      return { id: attempt.id, guid: attempt.guid };
    },
    /** What a separate process needs to be the app (the demo starts Senseloop with these). */
    appCredentials() {
      const app = hub.state.app;
      return { appId: app.id, slug: app.slug, privateKey: app.privateKey, webhookSecret: app.webhookSecret, clientId: app.clientId, clientSecret: app.clientSecret, webhookUrl: app.webhookUrl ?? null, gheHost: new URL(hub.urls().web).host };
    },
    /** Points webhooks somewhere else, e.g. at Senseloop once its port is known. */
    setWebhook(input: { url?: string | null; secret?: string }) {
      if (input.url !== undefined) hub.state.app.webhookUrl = input.url ?? undefined;
      if (input.secret !== undefined) hub.state.app.webhookSecret = input.secret;
      return { url: hub.state.app.webhookUrl ?? null };
    },
    injectFault(input: FaultInput) {
      limits.inject(faultKey(input), input);
      return { ok: true };
    },
    clearFaults() {
      limits.clearFaults();
      return { ok: true };
    },
    /** Spends the hourly budget so the next request meets a real primary rate limit until the window resets. */
    exhaustRateLimit(input: { installationId?: number; login?: string; app?: boolean }) {
      limits.exhaust(faultKey(input), 5000);
      return { ok: true };
    },
    /** Makes installation tokens refuse (401) from now on, so clients must mint new ones. */
    expireTokens(input: { installationId?: number } = {}) {
      return { expired: deps.credentials.expireInstallationTokens(input.installationId) };
    },
    requests(input: RequestFilter = {}) {
      return deps.log.list(input);
    },
    clearRequests() {
      deps.log.clear();
      return { lastSeq: deps.log.lastSeq };
    },
    /** Who the OAuth authorize page signs in as (null: nobody, so it refuses). */
    signIn(input: { login: string | null }) {
      if (input.login !== null) hub.state.requireUser(input.login);
      deps.oauth.signedIn = input.login ?? undefined;
      return { signedIn: input.login };
    },
    /** The user revokes the app in their settings: tokens die and `github_app_authorization.revoked` is sent. */
    revokeAuthorization(input: { login: string }) {
      const user = hub.state.requireUser(input.login);
      const had = deps.credentials.revokeUser(user.id);
      if (had) hub.hooks.appEvent("github_app_authorization", "revoked", user);
      return { revoked: had };
    },
  };
}
