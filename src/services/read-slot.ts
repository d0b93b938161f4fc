import { getHypothesisById } from "../db/queries/hypotheses.js";
import { claimSlot, failSlot, getSlot, settleSlot, type SlotOutcome } from "../db/queries/readings.js";
import { getInstallation } from "../db/queries/repositories.js";
import { getSenseItem } from "../db/queries/sense-items.js";
import { finishSourceCall, startSourceCall } from "../db/queries/source-calls.js";
import type { FollowUp, SlotRequest } from "../domain/effects.js";
import { slotKey, type ReadingSlot } from "../domain/reading-slots.js";
import { isOpen } from "../domain/sense-state.js";
import { checkSignalQuery } from "../domain/signal-query.js";
import { isReadFailure, type ReadFailure, type Reading } from "../signals/source.js";
import type { Scope } from "./scope.js";
import { DEFAULT_WRITE_BUDGET } from "./sweep.js";

export interface ReadSlotRequest {
  senseItemId: number;
  installationId: number;
  slot: SlotRequest;
}

/** What reading a slot needs: no GitHub at all, so a reading never waits on GitHub, nor GitHub on a source. */
export type ReadingScope = Pick<Scope, "db" | "clock" | "log" | "signals">;

export type ReadOutcome = "read" | "failed" | "query_problem" | "retrying" | "parked" | "skipped";

/** Calls made for one slot before its failure is stored as the slot's "no reading". */
export const READ_ATTEMPTS = 3;
/** How long a job holds a slot; longer than a read (10 s) with room for the database. */
const SLOT_LEASE_MS = 60_000;
/** A call still unfinished after this no longer counts against its source's concurrency. */
const CALL_LEASE_MS = 30_000;
const RETRY_BASE_SECONDS = 30;
const RETRY_MAX_SECONDS = 3_600;

/** 30 s, then 2 min, …; at least what the source asked for (`Retry-After`), at most an hour. */
export function retryDelaySeconds(callsMade: number, retryAfterSeconds?: number): number {
  const backoff = RETRY_BASE_SECONDS * 4 ** Math.max(0, callsMade - 1);
  return Math.min(RETRY_MAX_SECONDS, Math.max(backoff, retryAfterSeconds ?? 0));
}

const toSlot = (request: SlotRequest): ReadingSlot => ({ kind: request.kind, at: new Date(request.at) });

/**
 * Reads one slot of one sense item's signal, once. The query line is checked against the
 * configured sources and the installation before anything is called: a bad line is stored as
 * the slot's problem and no source hears of it. Within the source's limits (else the job is
 * parked until there is room), the source is called; a number is stored, a transient failure is
 * retried with backoff, and the last failure is stored as the slot's "no reading". Once the
 * slot is settled the sense issue is re-synced; a due-date reading also lets the installation's
 * reminder go out with it.
 */
export async function readSlot(scope: ReadingScope, request: ReadSlotRequest): Promise<{ outcome: ReadOutcome; followUps: FollowUp[] }> {
  const { db, clock, log } = scope;
  const skipped = { outcome: "skipped" as const, followUps: [] };
  const slot = toSlot(request.slot);
  const key = slotKey(slot);
  const item = await getSenseItem(db, request.senseItemId);
  if (!item || !isOpen(item.state)) return skipped;
  const existing = await getSlot(db, item.id, key);
  if (existing && existing.status !== "pending") return skipped;
  const hypothesis = await getHypothesisById(db, item.hypothesisId);
  const owner = (await getInstallation(db, item.installationId))?.accountLogin ?? "";
  const checked = checkSignalQuery(hypothesis?.signalQuery ?? null, scope.signals.list(), owner);
  if (checked === null) return skipped;

  const settled: FollowUp[] = [{ kind: "sync-sense-issue", senseItemId: item.id }];
  if (slot.kind === "due") settled.push({ kind: "sweep-installation", installationId: item.installationId, budget: DEFAULT_WRITE_BUDGET });
  if ("problem" in checked) {
    await failSlot(db, { senseItemId: item.id, slot, slotKey: key, source: null, query: hypothesis?.signalQuery ?? null, failure: "query", reason: checked.problem, now: clock.now() });
    log.info({ senseItem: item.id, slot: key, problem: checked.problem }, "signal query cannot be read; nothing was called");
    return { outcome: "query_problem", followUps: settled };
  }
  const source = scope.signals.get(checked.source)!;
  const now = clock.now();
  const row = await claimSlot(db, { senseItemId: item.id, slot, slotKey: key, source: source.name, query: checked.query, now, leaseUntil: new Date(now.getTime() + SLOT_LEASE_MS) });
  if (!row) return skipped;

  const permit = await startSourceCall(db, { source: source.name, limits: source.limits, senseItemId: item.id, now, leaseMs: CALL_LEASE_MS });
  if (!permit.ok) {
    await settleSlot(db, row.id, { status: "released" }, false, now);
    log.info({ source: source.name, slot: key, limit: permit.why, until: permit.until.toISOString() }, "source is at its limit; reading parked");
    return { outcome: "parked", followUps: [{ kind: "read-slot", ...request, notBefore: permit.until }] };
  }
  let result: Reading | ReadFailure;
  try {
    result = await source.read(checked.query, slot.at);
  } finally {
    await finishSourceCall(db, permit.callId, clock.now());
  }
  if (!isReadFailure(result) && !Number.isFinite(result.value)) result = { failure: "not_a_number", reason: `${source.name} answered with a value that is not a finite number`, transient: false };

  const calls = row.attempts + 1;
  const at = clock.now();
  if (!isReadFailure(result)) {
    await settleSlot(db, row.id, { status: "read", value: result.value, unit: result.unit ?? null, at: result.at }, true, at);
    log.info({ source: source.name, slot: key, value: result.value }, "signal read");
    return { outcome: "read", followUps: settled };
  }
  if (result.transient && calls < READ_ATTEMPTS) {
    const outcome: SlotOutcome = { status: "pending", failure: result.failure, reason: result.reason };
    await settleSlot(db, row.id, outcome, true, at);
    const notBefore = new Date(at.getTime() + retryDelaySeconds(calls, result.retryAfterSeconds) * 1000);
    log.warn({ source: source.name, slot: key, failure: result.failure, reason: result.reason, retryAt: notBefore.toISOString() }, "signal read failed; it will be retried");
    return { outcome: "retrying", followUps: [{ kind: "read-slot", ...request, notBefore }] };
  }
  await settleSlot(db, row.id, { status: "failed", failure: result.failure, reason: result.reason }, true, at);
  log.warn({ source: source.name, slot: key, failure: result.failure, reason: result.reason, calls }, "no reading for this slot");
  return { outcome: "failed", followUps: settled };
}

/** A reading job given up on (its own errors, not the source's): the slot says so instead of waiting for ever. */
export async function giveUpSlot(scope: Pick<Scope, "db" | "clock">, request: ReadSlotRequest): Promise<void> {
  const slot = toSlot(request.slot);
  await failSlot(scope.db, { senseItemId: request.senseItemId, slot, slotKey: slotKey(slot), source: null, query: null, failure: "error", reason: "Senseloop could not finish this reading", now: scope.clock.now() });
}
