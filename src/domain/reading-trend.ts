import type { ReadingSlotKind } from "./reading-slots.js";
import { formatNumber } from "./signal-evaluate.js";
import { parseTarget } from "./signal-target.js";

/** One number read for a loop, as the web dashboard draws it. */
export interface TrendPoint {
  at: Date;
  value: number;
  unit: string | null;
  kind: ReadingSlotKind;
}

export interface ReadingTrend {
  points: TrendPoint[];
  low: number;
  high: number;
  /** An absolute target the line can be drawn against, when *By how much* names one in the readings' own terms. */
  target: number | null;
  /** The short form beside a sparkline: "0.17 → 0.19". */
  short: string;
  /** The text alternative: every fact the drawing shows, in a sentence. */
  sentence: string;
}

const day = (at: Date) => at.toISOString().slice(0, 10);

/**
 * What a loop's readings amount to, for a sparkline and the words that stand in for it. Null
 * without a reading. A target is drawn only when it is a plain number the readings can be set
 * against: one with a time unit, a percentage change or a rate is said in words elsewhere.
 */
export function readingTrend(readings: readonly TrendPoint[], byHowMuch: string | null): ReadingTrend | null {
  if (readings.length === 0) return null;
  const points = [...readings].sort((a, b) => a.at.getTime() - b.at.getTime());
  const values = points.map((p) => p.value);
  const first = points[0]!;
  const last = points.at(-1)!;
  const unit = last.unit ? ` ${last.unit}` : "";
  const parsed = parseTarget(byHowMuch);
  const target = parsed.kind === "absolute" && parsed.unit === undefined ? parsed.value : null;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const count = points.length === 1 ? "1 reading" : `${points.length} readings`;
  const span = points.length === 1 ? `on ${day(first.at)}` : `from ${day(first.at)} to ${day(last.at)}`;
  const ends = points.length === 1 ? `${formatNumber(last.value)}${unit}` : `${first.kind === "baseline" ? "baseline" : "first"} ${formatNumber(first.value)}, latest ${formatNumber(last.value)}${unit}`;
  const range = points.length > 2 ? ` (low ${formatNumber(low)}, high ${formatNumber(high)})` : "";
  const against = target === null ? "" : `; target ${formatNumber(target)}`;
  return {
    points,
    low,
    high,
    target,
    short: points.length === 1 ? formatNumber(last.value) : `${formatNumber(first.value)} → ${formatNumber(last.value)}`,
    sentence: `${count} ${span}: ${ends}${range}${against}.`,
  };
}
