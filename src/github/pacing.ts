import { ProbotOctokit } from "probot";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;
type AuthRequest = { defaults(options: { baseUrl: string }): AuthRequest };

/**
 * Probot gives the app-auth strategy a request of its own without the base URL; only the request
 * hook puts GitHub Enterprise Server's back. So an installation token asked for directly
 * (`octokit.auth({ type: "installation" })`: the gate's access check and its refresh) would be
 * minted at api.github.com. The strategy's request gets the instance's base URL here.
 */
function onInstanceBaseUrl(o: OctokitOptions): OctokitOptions {
  const auth = o.auth as { request?: AuthRequest } | undefined;
  if (!o.baseUrl || !auth?.request?.defaults) return o;
  return { ...o, auth: { ...auth, request: auth.request.defaults({ baseUrl: o.baseUrl }) } };
}

/**
 * Probot's Octokit with Senseloop's pacing: writes go through the throttling plugin's queue,
 * but a rate limit is never waited out inside a job. It fails the call at once, so the
 * installation's gate records the limit and holds every job of that installation (in every
 * replica) until it resets, while the worker moves on to other installations' work.
 */
export function senseloopOctokit(options: { throttle: boolean }) {
  if (!options.throttle) {
    return ProbotOctokit.defaults((o: OctokitOptions) => ({ ...onInstanceBaseUrl(o), retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  }
  return ProbotOctokit.defaults((o: OctokitOptions) => ({
    ...onInstanceBaseUrl(o),
    throttle: {
      ...o.throttle,
      enabled: true,
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
  }));
}
