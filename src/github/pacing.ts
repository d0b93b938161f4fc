import { ProbotOctokit } from "probot";

type OctokitOptions = NonNullable<ConstructorParameters<typeof ProbotOctokit>[0]>;

/** Longest wait the throttler may spend inside a job; longer waits park the job in the queue. */
const MAX_INLINE_WAIT_SECONDS = 60;

/**
 * Probot's Octokit with Senseloop's pacing: writes go through the throttling plugin's
 * queue, a short rate-limit wait is waited out once, and anything longer fails fast so
 * the job is parked until the limit resets instead of holding a worker.
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
      onRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => retryAfter <= MAX_INLINE_WAIT_SECONDS && retryCount < 1,
      onSecondaryRateLimit: (retryAfter: number, _request: unknown, _octokit: unknown, retryCount: number) => retryAfter <= MAX_INLINE_WAIT_SECONDS && retryCount < 2,
    },
  }));
}
