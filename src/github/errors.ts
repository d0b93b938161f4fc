/** What a failed GitHub call means for the job that made it. */
export type GitHubFailure = "permanent" | "rate_limited" | "transient";

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

/** When the rate limit that refused this request resets, or undefined if it was not a rate limit. */
function rateLimitReset(err: RequestErrorLike, now: Date): Date | undefined {
  const status = err.status ?? 0;
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = header(err, "retry-after");
  if (retryAfter !== undefined && /^\d+$/.test(retryAfter)) return new Date(now.getTime() + Number(retryAfter) * 1000);
  const remaining = header(err, "x-ratelimit-remaining");
  const reset = header(err, "x-ratelimit-reset");
  if (remaining === "0" && reset !== undefined && /^\d+$/.test(reset)) return new Date(Number(reset) * 1000);
  const message = `${err.message ?? ""} ${JSON.stringify(err.response?.data ?? "")}`;
  // GitHub asks for at least a minute's wait after a secondary limit without saying how long.
  if (status === 429 || /secondary rate limit|rate limit exceeded|abuse/i.test(message)) return new Date(now.getTime() + 60_000);
  return undefined;
}

/** Wraps Octokit's RequestError once, keeping its status, the request and the response body. */
export function toGitHubError(err: unknown, now: Date): unknown {
  if (err instanceof GitHubError) return err;
  const e = err as RequestErrorLike;
  if (typeof e?.status !== "number") return err;
  const request = `${e.request?.method ?? "?"} ${(e.request?.url ?? "?").replace(/\?.*$/, "")}`;
  const resetAt = rateLimitReset(e, now);
  const failure: GitHubFailure = resetAt ? "rate_limited" : e.status >= 500 || e.status === 408 || e.status === 0 ? "transient" : "permanent";
  return new GitHubError(`${request} answered ${e.status}: ${e.message ?? ""}`.slice(0, 500), e.status, failure, request, resetAt, e.response?.data);
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

/** The config file exists but cannot be read as config: not YAML, not a mapping, or `_extends` loops. */
export class ConfigFileUnreadable extends Error {
  readonly code = "CONFIG_FILE_UNREADABLE";
  constructor(
    readonly reason: "syntax" | "recursion",
    message: string,
    cause?: unknown,
  ) {
    super(message, { cause });
  }
}
