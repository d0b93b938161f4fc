import { createHash, randomUUID } from "node:crypto";
import type { ApiContext, ApiRequest, ApiResult, Principal } from "./api-kit.js";
import { matchRoute } from "./api-router.js";
import { ApiError, badCredentials, notFound } from "./errors.js";
import type { RateLimits, RateState } from "./rate-limit.js";
import type { RecordedRequest, RequestLog } from "./requests.js";

export interface ApiDeps {
  ctx: ApiContext;
  limits: RateLimits;
  log: RequestLog;
  recordResponses: boolean;
}

const DOCS = "https://docs.github.com/enterprise-server@3.19/rest";

function authenticate(header: string | null, ctx: ApiContext): Principal {
  if (!header) return { kind: "anonymous" };
  const [scheme = "", value = ""] = header.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === "basic") {
    const [id, secret] = Buffer.from(value, "base64").toString("utf8").split(":", 2);
    if (id === ctx.hub.state.app.clientId && secret === ctx.hub.state.app.clientSecret) return { kind: "oauth-app" };
    throw badCredentials();
  }
  if (!["bearer", "token"].includes(scheme.toLowerCase())) throw badCredentials();
  if (value.split(".").length === 3) {
    ctx.jwt.verify(value, Math.floor(ctx.realNow() / 1000));
    return { kind: "app" };
  }
  const record = ctx.credentials.lookup(value);
  if (record.kind === "installation") return { kind: "installation", installation: ctx.hub.state.installations.get(record.installationId)!, token: record };
  const user = ctx.hub.state.usersById.get(record.userId);
  if (!user) throw badCredentials();
  return record.kind === "user" ? { kind: "user", user, token: record } : { kind: "personal", user, token: record };
}

/** Whose hourly budget and injected faults a request draws on. */
function bucketOf(principal: Principal): { key: string; limit: number; label: string } {
  switch (principal.kind) {
    case "installation":
      return { key: `installation:${principal.installation.id}`, limit: 5000, label: `installation ID ${principal.installation.id}` };
    case "user":
    case "personal":
      return { key: `user:${principal.user.id}`, limit: 5000, label: `user ID ${principal.user.id}` };
    case "app":
    case "oauth-app":
      return { key: "app", limit: 5000, label: "the app" };
    default:
      return { key: "anonymous", limit: 60, label: "this IP address" };
  }
}

async function readBody(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text === "") return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, "Problems parsing JSON");
  }
}

const rateHeaders = (rate: RateState): Record<string, string> => ({
  "x-ratelimit-limit": String(rate.limit),
  "x-ratelimit-remaining": String(Math.max(0, rate.remaining)),
  "x-ratelimit-reset": String(rate.reset),
  "x-ratelimit-used": String(rate.used),
  "x-ratelimit-resource": "core",
});

const etagMatches = (header: string | null, etag: string) => header !== null && header.split(",").some((t) => t.trim().replace(/^W\//, "") === etag.replace(/^W\//, ""));

/** The REST API: authenticate, count, inject faults, answer, then record what happened. */
export function createApiHandler(deps: ApiDeps): (request: Request, path: string) => Promise<Response> {
  const { ctx, limits, log } = deps;
  return async (request, path) => {
    const started = performance.now();
    const url = new URL(request.url);
    const method = request.method.toUpperCase();
    let principal: Principal = { kind: "anonymous" };
    let routeName: string | null = null;
    let body: unknown;
    let result: ApiResult;
    let rate: RateState = { limit: 60, remaining: 60, used: 0, reset: Math.ceil(ctx.hub.state.clock.now().getTime() / 1000) + 3600 };
    const headers: Record<string, string> = { "x-github-request-id": randomUUID().toUpperCase(), "x-github-media-type": "github.v3; format=json", "x-github-api-version-selected": "2022-11-28", "x-github-enterprise-version": "3.19.0" };
    try {
      body = method === "GET" || method === "HEAD" ? undefined : await readBody(request);
      principal = authenticate(request.headers.get("authorization"), ctx);
      const bucket = bucketOf(principal);
      const counted = limits.consume(bucket.key, bucket.limit);
      rate = counted;
      if (counted.exceeded) throw new ApiError(403, `API rate limit exceeded for ${bucket.label}.`, undefined, {}, `${DOCS}/overview/rate-limits-for-the-rest-api`);
      const match = matchRoute(method, path);
      if (!("route" in match)) throw notFound();
      routeName = `${match.route.method} ${match.route.path}`;
      if (!match.route.auth.includes(principal.kind)) {
        if (principal.kind === "anonymous") throw new ApiError(401, "Requires authentication");
        if (match.route.auth.includes("app")) throw new ApiError(401, "A JSON web token could not be decoded");
        throw new ApiError(403, "Resource not accessible by integration");
      }
      const fault = limits.takeFault(bucket.key);
      if (fault?.kind === "primary-rate-limit") {
        rate = { ...rate, remaining: 0, used: rate.limit };
        throw new ApiError(403, `API rate limit exceeded for ${bucket.label}.`, undefined, {}, `${DOCS}/overview/rate-limits-for-the-rest-api`);
      }
      if (fault?.kind === "secondary-rate-limit") {
        throw new ApiError(fault.status, "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", undefined, { "retry-after": String(fault.retryAfter) }, `${DOCS}/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits`);
      }
      const apiRequest: ApiRequest = { method, path, params: match.params, query: url.searchParams, body, headers: request.headers, principal, route: match.route };
      if (fault?.kind === "server-error-after-write") {
        // The write (or its refusal) happens; the client only sees the server error.
        try {
          match.route.handle(apiRequest, ctx);
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
        }
        result = { status: fault.status, body: { message: "Server Error", documentation_url: DOCS } };
      } else {
        result = match.route.handle(apiRequest, ctx);
      }
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      result = { status: err.status, body: err.body(), headers: err.headers };
    }
    Object.assign(headers, rateHeaders(rate), result.headers ?? {});
    let response: Response;
    if (result.text) {
      headers.etag = result.text.etag;
      response = etagMatches(request.headers.get("if-none-match"), result.text.etag) ? new Response(null, { status: 304, headers }) : new Response(result.text.content, { status: result.status, headers: { ...headers, "content-type": result.text.contentType } });
    } else if (result.body === undefined) {
      response = new Response(null, { status: result.status, headers });
    } else {
      const json = JSON.stringify(result.body);
      if (method === "GET" && result.status === 200) headers.etag = `W/"${createHash("sha256").update(json).digest("hex").slice(0, 40)}"`;
      const notModified = headers.etag !== undefined && etagMatches(request.headers.get("if-none-match"), headers.etag);
      response = notModified ? new Response(null, { status: 304, headers }) : new Response(json, { status: result.status, headers: { ...headers, "content-type": "application/json; charset=utf-8" } });
    }
    if (response.status === 304) limits.refund(bucketOf(principal).key);
    log.add({
      at: ctx.hub.state.now(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      route: routeName,
      status: response.status,
      actor: actorOf(principal, ctx),
      ...(method !== "GET" && method !== "HEAD" && body !== undefined ? { body } : {}),
      ...(deps.recordResponses && result.body !== undefined && response.status !== 304 ? { response: result.body } : {}),
      durationMs: performance.now() - started,
    });
    return response;
  };
}

function actorOf(principal: Principal, ctx: ApiContext): RecordedRequest["actor"] {
  if (principal.kind === "installation") return { kind: "installation", login: ctx.hub.state.app.bot.login, installationId: principal.installation.id };
  if (principal.kind === "user" || principal.kind === "personal") return { kind: principal.kind, login: principal.user.login };
  return { kind: principal.kind };
}
