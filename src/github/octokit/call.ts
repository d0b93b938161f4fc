import type { ProbotOctokit } from "probot";
import type { Clock } from "../../clock.js";
import { goneInstallation, isNotFound, toGitHubError } from "../errors.js";
import type { OwnIdentity } from "../types.js";

/**
 * What the layer that owns an installation's state wants around each call: `before` may refuse
 * the call (the installation is gone, suspended or rate limited), `failed` sees every mapped
 * failure first and may answer it with another error (say, "held until the reset").
 */
export interface CallHooks {
  before(): Promise<void>;
  failed(err: unknown): Promise<unknown>;
}

/** What every adapter shares: the client (private to `github/octokit/`), the clock, who we are. */
export interface Client {
  octokit: ProbotOctokit;
  clock: Clock;
  /** Read when needed: the bot login is learnt after start-up. */
  own: () => OwnIdentity;
  hooks?: CallHooks | undefined;
}

/** Maps a failure once, then lets the hooks answer it. */
export async function failure(client: Client, err: unknown): Promise<unknown> {
  const mapped = toGitHubError(err, client.clock.now());
  return client.hooks ? client.hooks.failed(mapped) : mapped;
}

/** Runs one request, wrapping any failure once as a GitHubError (status, request, response body kept). */
export async function call<T>(client: Client, fn: () => Promise<T>): Promise<T> {
  await client.hooks?.before();
  try {
    return await fn();
  } catch (err) {
    throw await failure(client, err);
  }
}

/** Like `call`, but "not found" is null. A refused installation token also answers 404: that is not "absent". */
export async function orNull<T>(client: Client, fn: () => Promise<T>): Promise<T | null> {
  try {
    return await call(client, fn);
  } catch (err) {
    if (isNotFound(err) && goneInstallation(err) === undefined) return null;
    throw err;
  }
}

/** Non-idempotent writes are never retried blindly: the ensure verbs make them idempotent. */
export const NO_RETRY = { request: { retries: 0 } } as const;

export const labelName = (label: string | { name?: string | undefined }) => (typeof label === "string" ? label : (label.name ?? ""));

/** Written by this app: through its app id (performed_via_github_app) or by its bot login. */
export function isOwn(item: { user?: { login?: string } | null; performed_via_github_app?: { id?: number } | null }, own: OwnIdentity): boolean {
  if (item.performed_via_github_app?.id === own.appId) return true;
  return own.login !== undefined && item.user?.login?.toLowerCase() === own.login.toLowerCase();
}
