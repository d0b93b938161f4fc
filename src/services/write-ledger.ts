import { and, eq, lt, or, isNull } from "drizzle-orm";
import { githubWrites } from "../db/schema/index.js";
import { GitHubError } from "../github/errors.js";
import type { Runtime } from "../runtime.js";

/** How long one worker may hold a write before another may look for its result. */
const LEASE_MS = 120_000;

export class WriteInProgress extends Error {
  readonly code = "WRITE_IN_PROGRESS";
  constructor(readonly key: string) {
    super(`another worker is making the write ${key}; retry later`);
  }
}

export interface WriteSteps<T> {
  /** Looks for the write on GitHub by our own marker, after an attempt whose outcome is unknown. */
  find(): Promise<T | null>;
  create(): Promise<T>;
}

/**
 * Makes one GitHub write happen once, whatever the retries, replicas or redeliveries: the key
 * is stored before the call, the result after it. A key that exists without a result means an
 * earlier attempt may have written: `find` looks for it before `create` runs again.
 */
export async function ensureWrite<T>(rt: Runtime, key: string, steps: WriteSteps<T>): Promise<{ result: T; created: boolean }> {
  const now = rt.clock.now();
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const claimed = await rt.db
    .insert(githubWrites)
    .values({ key, status: "pending", leaseUntil, attempts: 1, createdAt: now, updatedAt: now })
    .onConflictDoNothing()
    .returning({ key: githubWrites.key });

  if (claimed.length === 0) {
    const existing = (await rt.db.select().from(githubWrites).where(eq(githubWrites.key, key)).limit(1))[0];
    if (existing?.status === "done") return { result: JSON.parse(existing.result ?? "null") as T, created: false };
    const taken = await rt.db
      .update(githubWrites)
      .set({ leaseUntil, updatedAt: now, attempts: (existing?.attempts ?? 0) + 1 })
      .where(and(eq(githubWrites.key, key), eq(githubWrites.status, "pending"), or(isNull(githubWrites.leaseUntil), lt(githubWrites.leaseUntil, now))))
      .returning({ key: githubWrites.key });
    if (taken.length === 0) throw new WriteInProgress(key);
    const found = await steps.find();
    if (found !== null) {
      await finish(rt, key, found);
      return { result: found, created: false };
    }
  }

  try {
    const result = await steps.create();
    await finish(rt, key, result);
    return { result, created: true };
  } catch (err) {
    if (definitelyNotWritten(err)) {
      // GitHub refused the request outright: nothing was written, so the next attempt need not look for it.
      await rt.db.delete(githubWrites).where(and(eq(githubWrites.key, key), eq(githubWrites.status, "pending")));
    } else {
      // The outcome is unknown (a timeout or 5xx may hide a success): free the lease, keep the key.
      await rt.db.update(githubWrites).set({ leaseUntil: null, updatedAt: rt.clock.now() }).where(eq(githubWrites.key, key));
    }
    throw err;
  }
}

/** A 4xx answer (but a timeout or a rate limit) means GitHub did not make the write. */
function definitelyNotWritten(err: unknown): boolean {
  return err instanceof GitHubError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.failure !== "rate_limited";
}

async function finish<T>(rt: Runtime, key: string, result: T): Promise<void> {
  await rt.db
    .update(githubWrites)
    .set({ status: "done", result: JSON.stringify(result), leaseUntil: null, updatedAt: rt.clock.now() })
    .where(eq(githubWrites.key, key));
}

