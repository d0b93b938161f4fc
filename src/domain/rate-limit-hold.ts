/** What GitHub said when it rate-limited a call. */
export type RateLimitAnswer = { kind: "primary"; resetAt: Date } | { kind: "secondary"; retryAfterSeconds: number | undefined };

/** An installation's rate limit as stored: until when no call may go out, and the secondary strikes in a row. */
export interface RateLimitHold {
  until: Date;
  kind: "primary" | "secondary";
  strikes: number;
}

/** A secondary limit without a retry-after waits this long, doubled for each strike in a row. */
export const SECONDARY_FIRST_WAIT_MS = 60_000;
export const SECONDARY_MAX_WAIT_MS = 3_600_000;
/** A secondary limit this long after the last one ended starts the doubling again. */
export const STRIKES_FORGOTTEN_AFTER_MS = 15 * 60_000;

/**
 * How long an installation is held after GitHub rate-limited it. The primary limit holds until
 * its reset; a secondary one for its retry-after, or without one for at least a minute, doubling
 * while they come in a row. A new hold never ends before one already in force.
 */
export function nextHold(previous: RateLimitHold | null, answer: RateLimitAnswer, now: Date): RateLimitHold {
  const at = now.getTime();
  let until: number;
  let strikes = previous?.strikes ?? 0;
  if (answer.kind === "primary") {
    until = Math.max(answer.resetAt.getTime(), at) + 1000;
  } else if (answer.retryAfterSeconds !== undefined) {
    until = at + answer.retryAfterSeconds * 1000;
  } else {
    const inARow = previous !== null && previous.kind === "secondary" && at - previous.until.getTime() < STRIKES_FORGOTTEN_AFTER_MS;
    strikes = inARow ? previous.strikes + 1 : 1;
    until = at + Math.min(SECONDARY_FIRST_WAIT_MS * 2 ** (strikes - 1), SECONDARY_MAX_WAIT_MS);
  }
  if (previous && previous.until.getTime() > until) until = previous.until.getTime();
  return { until: new Date(until), kind: answer.kind, strikes };
}
