/** One number read from a source. */
export interface Reading {
  value: number;
  unit?: string;
  /** The moment the number describes: the sample's time where the source says, else the time asked for. */
  at: Date;
}

export type FailureKind = "timeout" | "unreachable" | "http_status" | "auth" | "rate_limited" | "not_a_number" | "empty" | "bad_answer";

/** Why a read gave no number. Safe to store, log and show: it never carries a credential. */
export interface ReadFailure {
  failure: FailureKind;
  /** One human sentence, without a trailing full stop. */
  reason: string;
  /** Trying again soon may work (timeouts, 5xx, rate limits); otherwise the next reading slot will tell. */
  transient: boolean;
  /** How long the source asked us to wait, when it said. */
  retryAfterSeconds?: number;
}

export type SourceKind = "prometheus" | "posthog" | "json";

/** How hard a source may be pushed; enforced by the jobs that read it. */
export interface SourceLimits {
  /** Reads in flight at once. */
  concurrency: number;
  /** Reads per rolling hour; null for no limit. */
  perHour: number | null;
}

/**
 * A configured place to read numbers from. Implementations call only the address the
 * operator configured; the query is only ever their encoded query parameter or body field.
 */
export interface SignalSource {
  readonly name: string;
  readonly kind: SourceKind;
  readonly limits: SourceLimits;
  /** Whether an installation (its account login) may read this source. */
  allows(owner: string): boolean;
  /** Never throws for a failed read: every failure comes back as a ReadFailure. */
  read(query: string, at: Date, signal?: AbortSignal): Promise<Reading | ReadFailure>;
}

export function isReadFailure(result: Reading | ReadFailure): result is ReadFailure {
  return "failure" in result;
}

export function failure(kind: FailureKind, reason: string, transient = false, retryAfterSeconds?: number): ReadFailure {
  return { failure: kind, reason, transient, ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}) };
}
