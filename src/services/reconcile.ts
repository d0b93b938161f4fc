import { claimRedelivery, finishReconcileRun, lastReconciledThrough, recordedDeliveries, releaseRedelivery, settleRedelivery, startReconcileRun, type RunFigures } from "../db/queries/reconcile.js";
import { planReconcile, reconciledThrough, reconcileSince, type DeliveryAttempt, type MissingDelivery } from "../domain/reconcile-plan.js";
import { GitHubError } from "../github/errors.js";
import type { AppPort, HookDelivery } from "../github/port.js";
import type { Scope } from "./scope.js";

/** Redeliveries one run may ask for; the rest waits for the next run, oldest first. */
export const DEFAULT_REDELIVERY_BUDGET = 50;
/** Pages of the delivery log one run reads at most (100 deliveries each). */
export const MAX_DELIVERY_PAGES = 100;

export interface ReconcileOptions {
  /** What started the run: cron, api, cli or start-up. */
  trigger: string;
  budget: number;
  /** False when GitHub delivers to a webhook proxy, whose 2xx says nothing about Senseloop. */
  trustSuccess: boolean;
}

export interface ReconcileResult extends RunFigures {
  runId: number;
  since: Date;
  reconciledThrough: Date | null;
}

const toAttempt = (d: HookDelivery): DeliveryAttempt => ({ id: d.id, guid: d.guid, deliveredAt: new Date(d.deliveredAt), statusCode: d.statusCode, event: d.event, action: d.action, installationId: d.installationId });

/** The delivery log back to `since` (it is newest first), or as far as the page limit reaches. */
async function readLog(app: AppPort, since: Date): Promise<{ attempts: DeliveryAttempt[]; whole: boolean }> {
  const attempts: DeliveryAttempt[] = [];
  let cursor: string | undefined;
  for (let page = 1; page <= MAX_DELIVERY_PAGES; page++) {
    const { deliveries, nextCursor } = await app.listDeliveries(cursor);
    attempts.push(...deliveries.map(toAttempt));
    const reachedSince = deliveries.some((d) => new Date(d.deliveredAt).getTime() < since.getTime());
    if (!nextCursor || deliveries.length === 0 || reachedSince) return { attempts, whole: true };
    cursor = nextCursor;
  }
  return { attempts, whole: false };
}

/**
 * Finds the webhook deliveries Senseloop missed and asks GitHub to deliver them again: reads
 * the app's delivery log (with the app's JWT) back to the last run or GitHub's three days,
 * compares it with the deliveries recorded, and asks for what is missing, oldest first, within
 * the budget (asks made; a guid asked for within the hour is skipped and costs nothing). Each guid is claimed before it is asked for, so two runs or replicas ask once. A
 * redelivery keeps its guid, so intake still handles anything that did arrive exactly once.
 */
export async function reconcileDeliveries(scope: Pick<Scope, "db" | "clock" | "log" | "app">, options: ReconcileOptions): Promise<ReconcileResult> {
  const { db, clock, log } = scope;
  const startedAt = clock.now();
  const previous = await lastReconciledThrough(db);
  const since = reconcileSince(startedAt, previous);
  const runId = await startReconcileRun(db, { trigger: options.trigger, startedAt, since });
  const figures: RunFigures = { listed: 0, missing: 0, redelivered: 0, skipped: 0 };
  try {
    const app = await scope.app();
    const { attempts, whole } = await readLog(app, since);
    if (!whole) log.warn({ pages: MAX_DELIVERY_PAGES, since }, "the delivery log is longer than one run reads; the oldest part waits for the next run");
    const recorded = await recordedDeliveries(db, [...new Set(attempts.map((a) => a.guid))]);
    const plan = planReconcile({ attempts, recorded, since, trustSuccess: options.trustSuccess });
    figures.listed = plan.listed;
    figures.missing = plan.missing.length;
    // Missing deliveries not asked for now pin the next run's start, so it can ask for them.
    const leftOver: MissingDelivery[] = [];
    let asks = 0;
    for (const missing of plan.missing) {
      if (asks >= options.budget) {
        leftOver.push(missing);
        continue;
      }
      const asked = await ask(scope, app, missing);
      if (asked === "asked_before") leftOver.push(missing);
      else asks++;
      if (asked === "accepted") figures.redelivered++;
    }
    figures.skipped = figures.missing - figures.redelivered;
    leftOver.sort((a, b) => a.deliveredAt.getTime() - b.deliveredAt.getTime());
    const through = reconciledThrough({ startedAt, previous, readWholeWindow: whole, leftOver });
    await finishReconcileRun(db, runId, { ...figures, finishedAt: clock.now(), reconciledThrough: through });
    log.info({ trigger: options.trigger, since: since.toISOString(), ...figures }, "missed deliveries reconciled");
    return { runId, since, reconciledThrough: through, ...figures };
  } catch (err) {
    figures.skipped = figures.missing - figures.redelivered;
    await finishReconcileRun(db, runId, { ...figures, finishedAt: clock.now(), reconciledThrough: null, error: (err as Error).message ?? String(err) });
    throw err;
  }
}

/**
 * Asks for one redelivery under its claim. GitHub refusing it for good (a 4xx: too old, say)
 * is recorded and the run goes on; a server error or a rate limit frees the claim and stops
 * the run, to be retried.
 */
async function ask(scope: Pick<Scope, "db" | "clock" | "log">, app: AppPort, missing: MissingDelivery): Promise<"accepted" | "refused" | "asked_before"> {
  const { db, clock, log } = scope;
  if (!(await claimRedelivery(db, missing, clock.now()))) return "asked_before";
  try {
    await app.redeliver(missing.deliveryId);
  } catch (err) {
    if (err instanceof GitHubError && err.failure === "permanent") {
      await settleRedelivery(db, missing.guid, `refused: ${err.status}`);
      log.warn({ guid: missing.guid, event: missing.event, status: err.status }, "GitHub refused to redeliver a missed delivery");
      return "refused";
    }
    await releaseRedelivery(db, missing.guid, clock.now());
    throw err;
  }
  await settleRedelivery(db, missing.guid, "accepted");
  log.info({ guid: missing.guid, event: missing.event, action: missing.action, installation: missing.installationId, deliveredAt: missing.deliveredAt.toISOString() }, "asked GitHub to redeliver a missed delivery");
  return "accepted";
}
