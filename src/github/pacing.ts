import { ProbotOctokit } from "probot";
import { observeRequests, type RequestObserver } from "./request-observer.js";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/**
 * Probot's Octokit with Senseloop's pacing: writes go through the throttling plugin's queue,
 * but a rate limit is never waited out inside a job. It fails the call at once, so the
 * installation's gate records the limit and holds every job of that installation (in every
 * replica) until it resets, while the worker moves on to other installations' work.
 * `observe` sees every request's route, status and time (the metrics).
 */
export function senseloopOctokit(options: { throttle: boolean; observe?: RequestObserver | undefined }) {
  const Base = options.observe ? ProbotOctokit.plugin(observeRequests(options.observe)) : ProbotOctokit;
  if (!options.throttle) {
    return Base.defaults((o: OctokitOptions) => ({ ...o, retry: { enabled: false }, throttle: { ...o.throttle, enabled: false } }));
  }
  return Base.defaults((o: OctokitOptions) => ({
    ...o,
    throttle: {
      ...o.throttle,
      enabled: true,
      onRateLimit: () => false,
      onSecondaryRateLimit: () => false,
    },
  }));
}
