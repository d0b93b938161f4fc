import { ProbotOctokit } from "probot";
import { observeRequests, type RequestObserver } from "./request-observer.js";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;
type AuthRequest = { defaults(options: { baseUrl: string }): AuthRequest };

/**
 * Probot gives the app's auth strategy a request of its own, without the client's `baseUrl`.
 * A token fetched by a call's hook uses the calling client's host, but one asked for directly
 * (`octokit.auth({ type: "installation" })`: checking access up front, refreshing a refused
 * token) would go to api.github.com instead of the Enterprise Server. Give it the client's host.
 */
function authOnClientHost(o: OctokitOptions): OctokitOptions {
  const auth = o.auth as { request?: AuthRequest } | string | undefined;
  if (!o.baseUrl || typeof auth !== "object" || !auth.request) return o;
  return { ...o, auth: { ...auth, request: auth.request.defaults({ baseUrl: o.baseUrl }) } };
}

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
    return Base.defaults((o: OctokitOptions) => ({ ...authOnClientHost(o), retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  }
  return Base.defaults((o: OctokitOptions) => ({
    ...authOnClientHost(o),
    throttle: {
      ...o.throttle,
      enabled: true,
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
  }));
}
