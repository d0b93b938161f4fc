/**
 * What a failed GitHub call means for the job that made it. `not_permitted` is GitHub's 403
 * "Resource not accessible by integration": the installation has not granted a permission the
 * call needs. It is not a rate limit and not a removed installation, and it is not permanent
 * either: it ends when the owner accepts the app's new permissions.
 */
export type GitHubFailure = "permanent" | "rate_limited" | "transient" | "not_permitted";

/** Which rate limit refused a call: the primary one resets at a time; a secondary one may say how long to wait. */
export type RateLimitSignal = { kind: "primary"; resetAt: Date } | { kind: "secondary"; retryAfterSeconds: number | undefined };

export class GitHubError extends Error {
  readonly code = "GITHUB_ERROR";
  constructor(
    message: string,
    readonly status: number,
    readonly failure: GitHubFailure,
    readonly request: string,
    /** When a rate limit resets; set when failure is rate_limited. */
    readonly resetAt?: Date,
    readonly responseBody?: unknown,
    /** Which limit, set when failure is rate_limited. */
    readonly rateLimit?: RateLimitSignal,
  ) {
    super(message);
  }
}

interface RequestErrorLike {
  status?: number;
  message?: string;
  request?: { method?: string; url?: string };
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function header(err: RequestErrorLike, name: string): string | undefined {
  const value = err.response?.headers?.[name];
  return value === undefined ? undefined : String(value);
}

/** GitHub asks for at least a minute's wait after a secondary limit that does not say how long. */
export const SECONDARY_LIMIT_MIN_WAIT_MS = 60_000;

/** Which rate limit refused this request, or undefined if it was not a rate limit. */
function rateLimitOf(err: RequestErrorLike): RateLimitSignal | undefined {
  const status = err.status ?? 0;
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = header(err, "retry-after");
  const seconds = retryAfter !== undefined && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  const remaining = header(err, "x-ratelimit-remaining");
  const reset = header(err, "x-ratelimit-reset");
  if (seconds === undefined && remaining === "0" && reset !== undefined && /^\d+$/.test(reset)) return { kind: "primary", resetAt: new Date(Number(reset) * 1000) };
  const message = `${err.message ?? ""} ${JSON.stringify(err.response?.data ?? "")}`;
  if (seconds !== undefined || status === 429 || /secondary rate limit|rate limit exceeded|abuse/i.test(message)) return { kind: "secondary", retryAfterSeconds: seconds };
  return undefined;
}

/** The earliest moment a call may go out again after this limit (for a first secondary strike). */
function resetOf(limit: RateLimitSignal, now: Date): Date {
  if (limit.kind === "primary") return limit.resetAt;
  return new Date(now.getTime() + (limit.retryAfterSeconds !== undefined ? limit.retryAfterSeconds * 1000 : SECONDARY_LIMIT_MIN_WAIT_MS));
}

const NOT_ACCESSIBLE = /resource not accessible by integration/i;

/** Wraps Octokit's RequestError once, keeping its status, the request and the response body. */
export function toGitHubError(err: unknown, now: Date): unknown {
  if (err instanceof GitHubError) return err;
  const e = err as RequestErrorLike;
  if (typeof e?.status !== "number") return err;
  const request = `${e.request?.method ?? "?"} ${(e.request?.url ?? "?").replace(/\?.*$/, "")}`;
  const limit = rateLimitOf(e);
  const bodyMessage = (e.response?.data as { message?: unknown } | undefined)?.message;
  const notPermitted = !limit && e.status === 403 && NOT_ACCESSIBLE.test(`${e.message ?? ""} ${typeof bodyMessage === "string" ? bodyMessage : ""}`);
  const failure: GitHubFailure = limit ? "rate_limited" : notPermitted ? "not_permitted" : e.status >= 500 || e.status === 408 || e.status === 0 ? "transient" : "permanent";
  return new GitHubError(`${request} answered ${e.status}: ${e.message ?? ""}`.slice(0, 500), e.status, failure, request, limit ? resetOf(limit, now) : undefined, e.response?.data, limit);
}

export function isNotFound(err: unknown): boolean {
  return err instanceof GitHubError && (err.status === 404 || err.status === 410);
}

/**
 * The installation whose access token GitHub refused (it was uninstalled or suspended), read
 * from the failed request; undefined for any other error.
 */
export function goneInstallation(err: unknown): number | undefined {
  if (!(err instanceof GitHubError) || ![401, 403, 404].includes(err.status)) return undefined;
  const match = /\/app\/installations\/(\d+)\/access_tokens/.exec(err.request);
  return match ? Number(match[1]) : undefined;
}

/** The permission a refused request needs, read from its path (for the log and the status page). */
export function permissionFor(request: string): string {
  const path = request.replace(/^\S+\s+/, "").replace(/^https?:\/\/[^/]+/, "").replace(/^\/api\/v3/, "");
  const rules: [RegExp, string][] = [
    [/\/deployments(\/|$)/, "deployments"],
    [/\/(check-runs|check-suites)(\/|$)/, "checks"],
    [/\/(pulls)(\/|$)/, "pull_requests"],
    [/\/(contents|compare|commits|git)(\/|$)/, "contents"],
    [/\/(issues|labels)(\/|$)/, "issues"],
  ];
  return rules.find(([pattern]) => pattern.test(path))?.[1] ?? "metadata";
}

/** The repository (owner/name, lower-cased) a request was about, or "" when it was not about one. */
export function repositoryOfRequest(request: string): string {
  const match = /\/repos\/([^/\s]+)\/([^/\s?]+)/.exec(request);
  return match ? `${match[1]}/${match[2]}`.toLowerCase() : "";
}

/**
 * GitHub no longer lets the app act for this installation: it was uninstalled ("gone") or
 * suspended. Raised once the installation is marked so; its jobs end without a retry.
 */
export class InstallationUnavailable extends Error {
  readonly code = "INSTALLATION_UNAVAILABLE";
  constructor(
    readonly installationId: number,
    readonly state: "gone" | "suspended",
  ) {
    super(`installation ${installationId} is ${state === "gone" ? "gone (the app was uninstalled)" : "suspended"}`);
  }
}

/** A call not made: its installation is rate limited until `until`. The job is parked until then. */
export class CallHeld extends Error {
  readonly code = "CALL_HELD";
  constructor(
    readonly installationId: number,
    readonly until: Date,
    readonly kind: "primary" | "secondary",
  ) {
    super(`installation ${installationId} is rate limited (${kind}) until ${until.toISOString()}`);
  }
}

/**
 * A failure after which this job makes no more calls: a rate limit (every later call of the
 * installation would be refused too), a missing permission, or an installation that is gone.
 * A plan stops at one instead of trying its other effects.
 */
export function stopsTheJob(err: unknown): boolean {
  return err instanceof CallHeld || err instanceof InstallationUnavailable || (err instanceof GitHubError && (err.failure === "rate_limited" || err.failure === "not_permitted"));
}

/** The config path exists but is no file to read (a directory or a submodule). */
export class ConfigFileUnreadable extends Error {
  readonly code = "CONFIG_FILE_UNREADABLE";
  readonly reason = "not_a_file";
}
