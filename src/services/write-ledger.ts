import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import { deletePendingWrite, finishWrite, getWrite, insertPendingWrite, releaseWriteLease, reopenWrite, takeWriteLease } from "../db/queries/github-writes.js";
import { WriteInProgress, type Claim, type WriteLedger } from "../github/ledger.js";

/** How long one worker may hold a write before another may look for its result. */
const LEASE_MS = 120_000;

/**
 * The write ledger on the database (`github_writes`), shared by every replica. A lease stops two
 * workers from making the same write at once: the loser gets WriteInProgress and retries later,
 * when it finds the write done.
 */
export function dbLedger(db: Db, clock: Clock): WriteLedger {
  const lease = () => {
    const now = clock.now();
    return { now, until: new Date(now.getTime() + LEASE_MS) };
  };
  return {
    async claim<T>(key: string): Promise<Claim<T>> {
      const { now, until } = lease();
      if (await insertPendingWrite(db, key, until, now)) return { kind: "new" };
      const existing = await getWrite(db, key);
      if (existing?.status === "done") return { kind: "done", result: JSON.parse(existing.result ?? "null") as T };
      if (existing?.status === "refused") return { kind: "refused", reason: existing.reason ?? "" };
      if (!(await takeWriteLease(db, key, until, now, (existing?.attempts ?? 0) + 1))) {
        // Deleted between the insert and the read (a refused write forgotten): claim it afresh.
        if (!existing && (await insertPendingWrite(db, key, until, now))) return { kind: "new" };
        throw new WriteInProgress(key);
      }
      return { kind: "unknown" };
    },
    async done(key, result) {
      await finishWrite(db, key, { status: "done", result: JSON.stringify(result) }, clock.now());
    },
    async forget(key) {
      await deletePendingWrite(db, key);
    },
    async release(key) {
      await releaseWriteLease(db, key, clock.now());
    },
    async reopen(key) {
      // Only the worker that found the result gone calls this, under its job's singleton key.
      const { now, until } = lease();
      await reopenWrite(db, key, until, now);
    },
    async refuse(key, reason) {
      await finishWrite(db, key, { status: "refused", reason: reason.slice(0, 1000) }, clock.now());
    },
  };
}
