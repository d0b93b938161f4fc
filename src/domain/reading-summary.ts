import type { ReadingSlotKind } from "./reading-slots.js";
import type { ReadingsSoFar, SignalReading } from "./signal-evaluate.js";

/** A reading slot as stored (`sense_readings`), as far as the loop's decisions need it. */
export interface StoredSlot {
  slotKind: ReadingSlotKind;
  slotKey: string;
  slotAt: Date;
  status: "pending" | "read" | "failed";
  value: number | null;
  unit: string | null;
  /** The moment the number describes, when there is one. */
  at: Date | null;
  reason: string | null;
  /** The source the slot was read from. */
  source: string | null;
}

const dueKey = (dueAt: Date) => `due:${dueAt.toISOString()}`;

function reading(row: StoredSlot): SignalReading | null {
  if (row.status !== "read" || row.value === null) return null;
  return { value: row.value, at: row.at ?? row.slotAt, ...(row.unit ? { unit: row.unit } : {}) };
}

/**
 * What an item's stored slots amount to: the baseline, the newest reading after it, the reading
 * of the current due date (an `/extend` starts a new one), and why the newest settled slot gave
 * no number, when it did not.
 */
export function readingsSoFar(rows: readonly StoredSlot[], dueAt: Date): ReadingsSoFar {
  const settled = rows.filter((row) => row.status !== "pending").sort((a, b) => a.slotAt.getTime() - b.slotAt.getTime());
  const baselineRow = settled.find((row) => row.slotKind === "baseline");
  const dueRow = settled.find((row) => row.slotKey === dueKey(dueAt));
  const after = settled.filter((row) => row.slotKind !== "baseline" && reading(row) !== null);
  const newest = settled.at(-1);
  return {
    baseline: baselineRow ? reading(baselineRow) : null,
    latest: after.length > 0 ? reading(after.at(-1)!) : null,
    due: dueRow ? reading(dueRow) : null,
    lastFailure: newest?.status === "failed" ? newest.reason : null,
  };
}

/** Whether the current due date's slot is settled (read, or failed for good). */
export function dueSlotSettled(rows: readonly StoredSlot[], dueAt: Date): boolean {
  return rows.some((row) => row.slotKey === dueKey(dueAt) && row.status !== "pending");
}

/** The newest number read, baseline included, and its source: what a response records. */
export function newestReading(rows: readonly StoredSlot[]): (SignalReading & { source: string | null }) | null {
  const read = rows.filter((row) => reading(row) !== null).sort((a, b) => a.slotAt.getTime() - b.slotAt.getTime());
  const newest = read.at(-1);
  return newest ? { ...reading(newest)!, source: newest.source } : null;
}
