import { ProbotOctokit } from "probot";
import { observeRequests, type RequestObserver } from "./request-observer.js";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * Probot's Octokit with Senseloop's pacing: writes go through the throttling plugin's queue,
 * but a rate limit is never waited out inside a job. It fails the call at once, so the
 * installation's gate records the limit and holds every job of that installation (in every
 * replica) until it resets, while the worker moves on to other installations' work. Writes are
 * paced per installation (Probot keys the plugin by installation id): one a second, GitHub's
 * guidance, so back-to-back checks in one installation wait, and another installation's do not.
 * `observe` sees every request's route, status and time (the metrics).
 */
export function senseloopOctokit(options: { throttle: boolean; observe?: RequestObserver | undefined }) {
  const Base = options.observe ? ProbotOctokit.plugin(observeRequests(options.observe)) : ProbotOctokit;
  if (!options.throttle) {
    return Base.defaults((o: OctokitOptions) => ({ ...withAuthBaseUrl(o), retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  }
  return Base.defaults((o: OctokitOptions) => ({
    ...withAuthBaseUrl(o),
    throttle: {
      ...o.throttle,
      enabled: true,
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
  }));
}

type AuthRequest = ((...args: never[]) => unknown) & { defaults(options: { baseUrl: string }): AuthRequest };

/**
 * Probot hands the app-auth strategy a `request` without the base URL, so asking for an
 * installation token directly (`octokit.auth({ type: "installation" })`, which the installation
 * check and the token refresh do) would go to api.github.com even on GitHub Enterprise Server.
 * Requests made through the Octokit are unaffected (the auth hook takes their base URL).
 */
function withAuthBaseUrl(o: OctokitOptions): OctokitOptions {
  const auth = o.auth as { request?: AuthRequest } | undefined;
  if (!o.baseUrl || typeof auth !== "object" || typeof auth.request?.defaults !== "function") return o;
  return { ...o, auth: { ...auth, request: auth.request.defaults({ baseUrl: o.baseUrl }) } };
}
