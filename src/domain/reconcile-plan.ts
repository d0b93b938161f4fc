/** One attempt in GitHub's delivery log (`GET /app/hook/deliveries`). */
export interface DeliveryAttempt {
  /** GitHub's id of this attempt: what a redelivery is asked for. */
  id: number;
  /** The delivery's X-GitHub-Delivery, shared by the original and every redelivery: our `deliveries.id`. */
  guid: string;
  deliveredAt: Date;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
}

/** A delivery Senseloop has no record of and GitHub did not get through. */
export interface MissingDelivery {
  guid: string;
  /** The latest attempt, which a redelivery repeats. */
  deliveryId: number;
  deliveredAt: Date;
  event: string;
  action: string | null;
  installationId: number | null;
}

export interface ReconcilePlan {
  /** Attempts in the window. */
  listed: number;
  /** Oldest first, so redelivered events arrive in the order they happened (and a budget takes the oldest). */
  missing: MissingDelivery[];
}

/** GitHub redelivers only what it delivered in the last three days. */
export const REDELIVERY_WINDOW_MS = 3 * 86_400_000;

/** Read a little before the last run's point: an attempt in flight then is listed a moment later. */
export const RECONCILE_OVERLAP_MS = 5 * 60_000;

/** Where a run reads back to: the last run's point (less the overlap), never past GitHub's window. */
export function reconcileSince(now: Date, reconciledThrough: Date | null): Date {
  const oldest = now.getTime() - REDELIVERY_WINDOW_MS;
  if (!reconciledThrough) return new Date(oldest);
  return new Date(Math.max(oldest, reconciledThrough.getTime() - RECONCILE_OVERLAP_MS));
}

const succeeded = (status: number) => status >= 200 && status < 300;

/**
 * Which deliveries of the window to ask GitHub for again. A guid Senseloop recorded arrived
 * (even if GitHub saw a failure, say a 503 after the record was written, or it is still being
 * worked on) and is never missing. A guid whose latest attempt succeeded arrived too, unless
 * GitHub delivered to a webhook proxy: then its 2xx is the proxy's, and only our record counts.
 */
export function planReconcile(input: { attempts: readonly DeliveryAttempt[]; recorded: ReadonlySet<string>; since: Date; trustSuccess: boolean }): ReconcilePlan {
  const inWindow = input.attempts.filter((a) => a.deliveredAt.getTime() >= input.since.getTime());
  const latest = new Map<string, DeliveryAttempt>();
  for (const attempt of inWindow) {
    const seen = latest.get(attempt.guid);
    if (!seen || attempt.deliveredAt.getTime() > seen.deliveredAt.getTime() || (attempt.deliveredAt.getTime() === seen.deliveredAt.getTime() && attempt.id > seen.id)) latest.set(attempt.guid, attempt);
  }
  const missing: MissingDelivery[] = [];
  for (const attempt of latest.values()) {
    if (input.recorded.has(attempt.guid)) continue;
    if (input.trustSuccess && succeeded(attempt.statusCode)) continue;
    missing.push({ guid: attempt.guid, deliveryId: attempt.id, deliveredAt: attempt.deliveredAt, event: attempt.event, action: attempt.action, installationId: attempt.installationId });
  }
  missing.sort((a, b) => a.deliveredAt.getTime() - b.deliveredAt.getTime() || a.deliveryId - b.deliveryId);
  return { listed: inWindow.length, missing };
}

/**
 * The point the next run reads back to. A run that read the whole window and asked for every
 * missing delivery has dealt with everything before it started; one that left deliveries (over
 * its budget, or asked for too recently) has dealt with everything before the oldest of those; one that stopped reading
 * before the window's start has not moved the point.
 */
export function reconciledThrough(input: { startedAt: Date; previous: Date | null; readWholeWindow: boolean; leftOver: readonly MissingDelivery[] }): Date | null {
  if (!input.readWholeWindow) return input.previous;
  const oldest = input.leftOver[0];
  if (oldest) return new Date(oldest.deliveredAt.getTime() - 1000);
  return input.startedAt;
}
