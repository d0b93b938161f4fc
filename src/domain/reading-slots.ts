/**
 * When a sense item's signal is read: a baseline at the first ship, a periodic reading every
 * `signals.every` while the loop is open, and one at the due date. Each slot has a key, and a
 * slot is read once: the key is unique per item in storage, however many sweeps or replicas ask.
 */
export const READING_SLOT_KINDS = ["baseline", "periodic", "due"] as const;
export type ReadingSlotKind = (typeof READING_SLOT_KINDS)[number];

export interface ReadingSlot {
  kind: ReadingSlotKind;
  /** The moment the reading describes: the ship time, the periodic slot's time, or the due date. */
  at: Date;
}

/** What decides an item's slots. */
export interface SlotFacts {
  shippedAt: Date;
  dueAt: Date;
  /** `signals.every` in milliseconds. */
  everyMs: number;
}

export const HOUR_MS = 3_600_000;

/** One key per slot: there is one baseline, one periodic slot per period, one due slot per due date (an `/extend` earns a new one). */
export function slotKey(slot: ReadingSlot): string {
  return slot.kind === "baseline" ? "baseline" : `${slot.kind}:${slot.at.toISOString()}`;
}

/** The latest periodic slot at or before `now` (none before the first period has passed). */
function latestPeriodic(facts: SlotFacts, now: Date): { slot: ReadingSlot | undefined; next: Date } {
  const elapsed = now.getTime() - facts.shippedAt.getTime();
  const periods = Math.max(0, Math.floor(elapsed / facts.everyMs));
  const next = new Date(facts.shippedAt.getTime() + (periods + 1) * facts.everyMs);
  if (periods < 1) return { slot: undefined, next };
  const at = new Date(facts.shippedAt.getTime() + periods * facts.everyMs);
  // The due-date reading covers a periodic slot that falls on the due date.
  return { slot: at.getTime() === facts.dueAt.getTime() ? undefined : { kind: "periodic", at }, next };
}

/**
 * The slots that may be owed now: the baseline, the latest periodic slot (missed older ones are
 * not caught up: a reading is about now, and a source that was down should not be flooded), and
 * the due slot once the due date has passed. Which of them are still unread is the caller's
 * question to storage.
 */
export function candidateSlots(facts: SlotFacts, now: Date): ReadingSlot[] {
  const slots: ReadingSlot[] = [{ kind: "baseline", at: facts.shippedAt }];
  const periodic = latestPeriodic(facts, now).slot;
  if (periodic) slots.push(periodic);
  if (facts.dueAt.getTime() <= now.getTime()) slots.push({ kind: "due", at: facts.dueAt });
  return slots;
}

export interface SlotPlan {
  /** Slots to read now, oldest first. */
  read: ReadingSlot[];
  /** When the next slot falls due: the next periodic slot or the due date, whichever is sooner. */
  nextAt: Date;
}

/** Of the candidate slots, those not taken yet, and when to look again. */
export function planSlots(facts: SlotFacts, now: Date, taken: ReadonlySet<string>): SlotPlan {
  const read = candidateSlots(facts, now).filter((slot) => !taken.has(slotKey(slot)));
  const nextPeriodic = latestPeriodic(facts, now).next;
  const nextAt = facts.dueAt.getTime() > now.getTime() && facts.dueAt.getTime() < nextPeriodic.getTime() ? facts.dueAt : nextPeriodic;
  return { read, nextAt };
}
