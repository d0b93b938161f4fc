import { PERIOD_MS, TIME_UNIT_MS, type Target, type TargetUnit } from "./signal-target.js";

/** One number read from a source (the shape `signals/` returns; stored by the integration). */
export interface SignalReading {
  value: number;
  unit?: string;
  at: Date;
}

/** The readings a sense item has so far. */
export interface ReadingsSoFar {
  /** Read when the hypothesis first shipped to the environment. */
  baseline: SignalReading | null;
  /** The newest successful reading after the baseline (it may be the due one). */
  latest: SignalReading | null;
  /** The reading taken at the due date, once it is. */
  due: SignalReading | null;
  /** Why the most recent attempt gave no number, when it failed. */
  lastFailure?: string | null;
}

/**
 * - target_met: the judged reading meets the target.
 * - on_track: not met, but it moved the target's way since the baseline, and the due date has not been read.
 * - not_yet: not met and not moving the target's way, or the due-date reading missed it.
 * - no_reading: nothing to judge yet (no baseline where one is needed, no reading since it).
 * - no_target: *By how much* is not a target Senseloop can check against this reading.
 */
export type SignalStatus = "on_track" | "not_yet" | "target_met" | "no_reading" | "no_target";

export interface Change {
  /** Judged reading minus baseline. */
  delta: number;
  /** The change as a percentage of the baseline; null when the baseline is 0. */
  percent: number | null;
}

export interface Evaluation {
  status: SignalStatus;
  /** One human sentence without a trailing full stop, e.g. "+4.8% since the baseline, towards +5%". */
  reason: string;
  /** Since the baseline, for the judged reading; null without both. */
  change: Change | null;
}

/** Numbers as people read them: grouped thousands, a few significant decimals. */
// Made once: building an Intl.NumberFormat costs far more than formatting with one, and a page formats thousands of readings.
const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const HUNDREDTHS = new Intl.NumberFormat("en-US", { maximumFractionDigits: 2 });
const SIGNIFICANT = new Intl.NumberFormat("en-US", { maximumSignificantDigits: 3 });

export function formatNumber(value: number): string {
  if (Object.is(value, -0)) value = 0;
  const abs = Math.abs(value);
  return (abs >= 1_000 ? WHOLE : abs >= 1 ? HUNDREDTHS : SIGNIFICANT).format(value);
}

const signed = (value: number, text: string) => (value > 0 ? `+${text}` : text);
export const formatPercent = (percent: number) => signed(percent, `${formatNumber(percent)}%`);
export const formatDelta = (delta: number) => signed(delta, formatNumber(delta));

export function formatTarget(target: Target): string {
  switch (target.kind) {
    case "relative":
      return formatPercent(target.percent);
    case "absolute":
      return `${{ ">=": "≥", ">": ">", "<=": "≤", "<": "<" }[target.op]} ${formatNumber(target.value)}${target.unit ? (target.unit === "%" ? "%" : ` ${target.unit}`) : ""}`;
    case "rate":
      return `${formatDelta(target.delta)} per ${target.per}`;
    case "text":
      return "as written";
  }
}

function changeBetween(baseline: SignalReading | null, judged: SignalReading | null): Change | null {
  if (!baseline || !judged) return null;
  const delta = judged.value - baseline.value;
  return { delta, percent: baseline.value === 0 ? null : (delta / Math.abs(baseline.value)) * 100 };
}

const isTimeUnit = (unit: string): unit is Exclude<TargetUnit, "%"> => Object.hasOwn(TIME_UNIT_MS, unit);

/**
 * The target's threshold in the reading's unit. A reading without a unit is compared with the
 * number as written (`< 300ms` means below 300); time units convert (`< 2s` against a reading
 * in ms means below 2,000); any other pair of different units cannot be compared.
 */
function thresholdIn(target: Extract<Target, { kind: "absolute" }>, reading: SignalReading): number | string {
  const readingUnit = reading.unit?.trim().toLowerCase();
  if (!target.unit || !readingUnit) return target.value;
  if (target.unit === readingUnit) return target.value;
  if (target.unit !== "%" && isTimeUnit(readingUnit)) return (target.value * TIME_UNIT_MS[target.unit]) / TIME_UNIT_MS[readingUnit];
  return `the target is in ${target.unit} and the reading in ${readingUnit}`;
}

function noReading(readings: ReadingsSoFar, needsBaseline: boolean): Evaluation {
  const failed = readings.lastFailure ? `the last reading failed: ${readings.lastFailure}` : null;
  if (needsBaseline && !readings.baseline) return { status: "no_reading", reason: failed ?? "no baseline was read when it shipped, so the change cannot be measured", change: null };
  return { status: "no_reading", reason: failed ?? (readings.baseline ? "only the baseline so far" : "no reading yet"), change: null };
}

const meets = (op: string, value: number, threshold: number) => (op === ">=" ? value >= threshold : op === ">" ? value > threshold : op === "<=" ? value <= threshold : value < threshold);

/** Judges the due-date reading when there is one, else the latest. Pure: no clock. */
export function evaluateTarget(target: Target, readings: ReadingsSoFar): Evaluation {
  const judged = readings.due ?? readings.latest;
  const change = changeBetween(readings.baseline, judged);
  const atDue = readings.due ? "at the due date, " : "";
  if (target.kind === "text") {
    return judged ? { status: "no_target", reason: "*By how much* has no target Senseloop can check (such as +5%, ≥ 0.18 or +200/week); compare the readings by eye", change } : noReading(readings, false);
  }
  if (target.kind === "relative" || target.kind === "rate") {
    if (!readings.baseline || !judged || !change) return noReading(readings, true);
  }
  if (!judged) return noReading(readings, false);

  const wanted = formatTarget(target);
  let met: boolean;
  let towards: boolean;
  let observed: string;
  if (target.kind === "relative") {
    if (change!.percent === null) return { status: "no_target", reason: "the baseline was 0, so a percentage change cannot be measured", change };
    const percent = change!.percent;
    met = target.percent >= 0 ? percent >= target.percent : percent <= target.percent;
    towards = Math.sign(percent) === Math.sign(target.percent) && percent !== 0;
    observed = `${formatPercent(percent)} since the baseline`;
  } else if (target.kind === "rate") {
    const elapsed = judged.at.getTime() - readings.baseline!.at.getTime();
    if (elapsed <= 0) return noReading({ ...readings, lastFailure: null }, true);
    const perPeriod = (change!.delta / elapsed) * PERIOD_MS[target.per];
    met = target.delta >= 0 ? perPeriod >= target.delta : perPeriod <= target.delta;
    towards = Math.sign(perPeriod) === Math.sign(target.delta) && perPeriod !== 0;
    observed = `${formatDelta(perPeriod)} per ${target.per} since the baseline`;
  } else {
    const threshold = thresholdIn(target, judged);
    if (typeof threshold === "string") return { status: "no_target", reason: threshold, change };
    met = meets(target.op, judged.value, threshold);
    const base = readings.baseline?.value;
    towards = base !== undefined && (target.op.startsWith(">") ? judged.value > base : judged.value < base);
    observed = `${formatNumber(judged.value)}${judged.unit ? ` ${judged.unit}` : ""}`;
  }

  if (met) return { status: "target_met", reason: `${atDue}${observed}; the target is ${wanted}`, change };
  if (readings.due) return { status: "not_yet", reason: `${atDue}${observed}, short of ${wanted}`, change };
  if (towards) return { status: "on_track", reason: `${observed}, towards ${wanted}`, change };
  return { status: "not_yet", reason: `${observed}; the target is ${wanted}`, change };
}
