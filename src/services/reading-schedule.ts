import { itemsDueForReading, setNextReadingAt } from "../db/queries/reading-schedule.js";
import { takenSlots } from "../db/queries/readings.js";
import type { FollowUp } from "../domain/effects.js";
import { HOUR_MS, candidateSlots, planSlots, slotKey, type SlotFacts } from "../domain/reading-slots.js";
import { isOpen } from "../domain/sense-state.js";
import type { Scope } from "./scope.js";

/** Loops whose reading slots one sweep looks at; the rest keep their place for the next run. */
export const READINGS_PER_SWEEP = 200;
/** A slot pending this long lost its job (its process died between retries): it is offered again. */
const STALE_PENDING_MS = 6 * HOUR_MS;

/**
 * The reading half of the scheduled sweep, with no call to GitHub or to a source: the loops whose
 * next slot is due, each slot not read yet as one reading job, and when to look at each loop
 * again. A slot is read once however many sweeps ask (its key is unique); a reading job of its
 * own means a source that is down holds up nothing else.
 */
export async function scheduleReadings(scope: Pick<Scope, "db" | "clock" | "log">, budget = READINGS_PER_SWEEP): Promise<FollowUp[]> {
  const now = scope.clock.now();
  const items = await itemsDueForReading(scope.db, now, budget);
  const facts = new Map<number, SlotFacts>(items.map((item) => [item.id, { shippedAt: item.shippedAt, dueAt: item.dueAt, everyMs: item.readingEveryHours * HOUR_MS }]));
  const keys = items.flatMap((item) => candidateSlots(facts.get(item.id)!, now).map(slotKey));
  const taken = await takenSlots(
    scope.db,
    items.map((item) => item.id),
    keys,
    new Date(now.getTime() - STALE_PENDING_MS),
  );

  const followUps: FollowUp[] = [];
  for (const item of items) {
    if (item.signalQuery === null || !isOpen(item.state)) {
      await setNextReadingAt(scope.db, item.id, null);
      continue;
    }
    const plan = planSlots(facts.get(item.id)!, now, taken.get(item.id) ?? new Set());
    for (const slot of plan.read) followUps.push({ kind: "read-slot", senseItemId: item.id, installationId: item.installationId, slot: { kind: slot.kind, at: slot.at.toISOString() } });
    await setNextReadingAt(scope.db, item.id, plan.nextAt);
  }
  if (items.length > 0) scope.log.info({ loops: items.length, readings: followUps.length }, "readings scheduled");
  return followUps;
}
