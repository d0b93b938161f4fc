import { ProbotOctokit } from "probot";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * Probot's Octokit with Senseloop's pacing: writes go through the throttling plugin's queue,
 * but a rate limit is never waited out inside a job. It fails the call at once, so the
 * installation's gate records the limit and holds every job of that installation (in every
 * replica) until it resets, while the worker moves on to other installations' work.
 */
export function senseloopOctokit(options: { throttle: boolean }) {
  if (!options.throttle) {
    return ProbotOctokit.defaults((o: OctokitOptions) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  }
  return ProbotOctokit.defaults((o: OctokitOptions) => ({
    ...o,
    throttle: {
      ...o.throttle,
      enabled: true,
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
  }));
}
