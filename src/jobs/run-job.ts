import type { Logger } from "probot";
import type { FollowUp } from "../domain/effects.js";
import type { Runtime } from "../runtime.js";
import { enqueueFollowUps } from "./follow-ups.js";
import { CallHeld, GitHubError, InstallationUnavailable } from "../github/errors.js";
import { PayloadInvalid } from "../handlers/context.js";
import { deadJobs } from "../db/schema/index.js";
import type { QueueName } from "./queues.js";

export interface JobDefinition<T extends object = object> {
  queue: QueueName;
  retryLimit: number;
  /** Does the job's work and returns the work it asks for next, which is queued before the job settles. */
  run(rt: Runtime, data: T, log: Logger): Promise<FollowUp[]>;
  /** Bookkeeping once the job's follow-ups are queued (a delivery is marked done). */
  onDone?(rt: Runtime, data: T): Promise<void>;
  /** Log fields that identify the job's subject (delivery, installation, repository). */
  logFields(data: T): Record<string, unknown>;
  /** The singleton key the job was sent with, so a parked copy keeps its place. */
  singletonKey?(data: T): string;
  /** Workers per process for this queue, when it needs more than the rest (readings wait on sources). */
  localConcurrency?: number;
  /** Extra bookkeeping when the job is given up on. */
  onDead?(rt: Runtime, data: T, reason: string): Promise<void>;
  /** Bookkeeping when the job ends undone but not failed: its installation is gone, or a permission is missing. */
  onEnded?(rt: Runtime, data: T, reason: string): Promise<void>;
}

export interface RunnableJob<T> {
  id: string;
  data: T;
  retryCount: number;
}

export type JobOutcome = "done" | "parked" | "dead";

/** Failures that no retry can fix: GitHub's 404, 410, 422 (and 401/403 without a rate limit), or a payload missing fields. */
export function isPermanent(err: unknown): boolean {
  return (err instanceof GitHubError && err.failure === "permanent") || err instanceof PayloadInvalid;
}

/** When a rate-limited job may run again: its installation's hold, or an app-level limit's reset. */
function parkedUntil(err: unknown): Date | undefined {
  if (err instanceof CallHeld) return err.until;
  if (err instanceof GitHubError && err.failure === "rate_limited") return err.resetAt;
  return undefined;
}

/** Why a job ends quietly, without a retry: nothing it could do would get through now. */
function endedBecause(err: unknown): string | undefined {
  if (err instanceof InstallationUnavailable) return err.state === "gone" ? "installation_gone" : "installation_suspended";
  if (err instanceof GitHubError && err.failure === "not_permitted") return `not_permitted: ${err.request}`;
  return undefined;
}

/**
 * Runs one job the same way in a worker and in a test's drain. Returning settles the job;
 * throwing hands it back to pg-boss to retry with backoff. A rate limit parks a copy of the job
 * until the limit resets. A job of a removed or suspended installation, or one GitHub refused a
 * permission, ends without a retry (no storm of them): its installation's return, or the
 * permission accepted, brings the work back. A permanent failure, or the last retry, is dead.
 */
export async function runJob<T extends object>(rt: Runtime, def: JobDefinition<T>, job: RunnableJob<T>): Promise<JobOutcome> {
  const log = rt.log.child({ queue: def.queue, job: job.id, attempt: job.retryCount + 1, ...def.logFields(job.data) });
  try {
    const followUps = await def.run(rt, job.data, log);
    await enqueueFollowUps(rt, followUps);
    await def.onDone?.(rt, job.data);
    return "done";
  } catch (err) {
    const until = parkedUntil(err);
    if (until) {
      const startAfter = new Date(Math.max(until.getTime(), rt.clock.now().getTime()) + 1000);
      await rt.boss.send(def.queue, job.data, { startAfter, ...(def.singletonKey ? { singletonKey: def.singletonKey(job.data) } : {}) });
      log.warn({ until: startAfter.toISOString() }, "rate limited; job parked until the limit resets");
      return "parked";
    }
    const ended = endedBecause(err);
    if (ended) {
      await def.onEnded?.(rt, job.data, ended);
      log.info({ reason: ended }, "job ended without a retry");
      return "done";
    }
    const permanent = isPermanent(err);
    if (permanent || job.retryCount >= def.retryLimit) {
      const reason = `${permanent ? "" : `gave up after ${job.retryCount + 1} attempts: `}${(err as Error).message ?? String(err)}`.slice(0, 1000);
      await recordDead(rt, def, job, reason);
      log.error({ err }, permanent ? "job can never succeed; recorded as dead" : "job failed for the last time; recorded as dead");
      // Settled, not failed: a failed job would hold back its key's successors on a FIFO queue
      // (ships of the same repository) for good. `dead_jobs` keeps the record.
      return "dead";
    }
    log.warn({ err }, "job failed; it will be retried");
    throw err;
  }
}

async function recordDead<T extends object>(rt: Runtime, def: JobDefinition<T>, job: RunnableJob<T>, reason: string): Promise<void> {
  await rt.db
    .insert(deadJobs)
    .values({ jobId: job.id, queue: def.queue, data: job.data, reason, failedAt: rt.clock.now() })
    .onConflictDoUpdate({ target: deadJobs.jobId, set: { reason, failedAt: rt.clock.now() } });
  await def.onDead?.(rt, job.data, reason);
}
