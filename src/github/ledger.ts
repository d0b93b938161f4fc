/**
 * The write ledger the ensure verbs are built on: every bot write has a key stored before the
 * call and its result after it. Implemented on the database (`services/write-ledger.ts`) and in
 * memory for dry runs.
 */
export type Claim<T> =
  /** Nobody wrote this key: write it. */
  | { kind: "new" }
  /** Written, with its result. */
  | { kind: "done"; result: T }
  /** An earlier attempt's outcome is unknown (a timeout or 5xx may hide a success): look before writing. */
  | { kind: "unknown" }
  /** GitHub refused this write for good; it is not tried again. */
  | { kind: "refused"; reason: string };

export interface WriteLedger {
  /** Claims a key with a lease; throws WriteInProgress while another worker holds it. */
  claim<T>(key: string): Promise<Claim<T>>;
  done<T>(key: string, result: T): Promise<void>;
  /** GitHub refused the request outright, so nothing was written: the next attempt need not look for it. */
  forget(key: string): Promise<void>;
  /** The outcome is unknown: keep the key, free the lease. */
  release(key: string): Promise<void>;
  /** The written result is gone (its issue deleted): the key is pending again, under our lease. */
  reopen(key: string): Promise<void>;
  /** The write can never happen (the issue was deleted, locked…): recorded with its reason. */
  refuse(key: string, reason: string): Promise<void>;
}

export class WriteInProgress extends Error {
  readonly code = "WRITE_IN_PROGRESS";
  constructor(readonly key: string) {
    super(`another worker is making the write ${key}; retry later`);
  }
}

/** A ledger in memory, for dry runs: nothing is ever found written. */
export function memoryLedger(): WriteLedger {
  const entries = new Map<string, { status: "pending" | "done" | "refused"; result?: unknown; reason?: string }>();
  return {
    async claim<T>(key: string): Promise<Claim<T>> {
      const entry = entries.get(key);
      if (!entry) {
        entries.set(key, { status: "pending" });
        return { kind: "new" };
      }
      if (entry.status === "done") return { kind: "done", result: entry.result as T };
      if (entry.status === "refused") return { kind: "refused", reason: entry.reason ?? "" };
      return { kind: "unknown" };
    },
    async done(key, result) {
      entries.set(key, { status: "done", result });
    },
    async forget(key) {
      entries.delete(key);
    },
    async release() {},
    async reopen(key) {
      entries.set(key, { status: "pending" });
    },
    async refuse(key, reason) {
      entries.set(key, { status: "refused", reason });
    },
  };
}
