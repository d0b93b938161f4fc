import type { StandinClock } from "./clock.js";

export type FaultKind = "primary-rate-limit" | "secondary-rate-limit" | "server-error-after-write";

export interface FaultInput {
  /** Whose requests fail: an installation's tokens, a user's tokens, or the app's JWT. */
  installationId?: number;
  login?: string;
  app?: boolean;
  kind: FaultKind;
  /** How many of the next requests fail (1 by default). */
  times?: number;
  /** Secondary limits answer 403 (default) or 429; server errors 502 (default) or another 5xx. */
  status?: number;
  /** Seconds in `retry-after` for a secondary limit (60 by default). */
  retryAfter?: number;
}

export interface Fault {
  kind: FaultKind;
  remaining: number;
  status: number;
  retryAfter: number;
}

export interface RateState {
  limit: number;
  remaining: number;
  used: number;
  /** Unix seconds, on the stand-in's clock. */
  reset: number;
}

const WINDOW_MS = 3600_000;

/** Hourly request budgets per credential, and the faults a test asked for. */
export class RateLimits {
  private readonly buckets = new Map<string, { limit: number; used: number; resetMs: number }>();
  private readonly faults = new Map<string, Fault[]>();

  constructor(private readonly clock: StandinClock) {}

  /** Counts one request; `remaining` below zero means the budget was already spent. */
  consume(key: string, limit: number): RateState & { exceeded: boolean } {
    const now = this.clock.now().getTime();
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.resetMs <= now) {
      bucket = { limit, used: 0, resetMs: now + WINDOW_MS };
      this.buckets.set(key, bucket);
    }
    const exceeded = bucket.used >= bucket.limit;
    if (!exceeded) bucket.used++;
    return { limit: bucket.limit, used: bucket.used, remaining: bucket.limit - bucket.used, reset: Math.ceil(bucket.resetMs / 1000), exceeded };
  }

  /** A 304 is free on GitHub: hand back the request just counted. */
  refund(key: string): void {
    const bucket = this.buckets.get(key);
    if (bucket && bucket.used > 0) bucket.used--;
  }

  /** Spends the whole budget, so the next request meets a real primary limit. */
  exhaust(key: string, limit: number): void {
    this.consume(key, limit);
    this.buckets.get(key)!.used = limit;
  }

  inject(key: string, input: FaultInput): void {
    const defaultStatus = input.kind === "server-error-after-write" ? 502 : 403;
    const fault: Fault = { kind: input.kind, remaining: input.times ?? 1, status: input.status ?? defaultStatus, retryAfter: input.retryAfter ?? 60 };
    this.faults.set(key, [...(this.faults.get(key) ?? []), fault]);
  }

  /** The fault the next request of `key` meets, if any. */
  takeFault(key: string): Fault | undefined {
    const queue = this.faults.get(key);
    const fault = queue?.[0];
    if (!fault) return undefined;
    if (--fault.remaining <= 0) queue!.shift();
    return fault;
  }

  clearFaults(): void {
    this.faults.clear();
  }
}
