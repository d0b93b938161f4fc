/** A time unit a target can carry; `%` is a unit too, for percentages a query computes itself. */
export type TargetUnit = "ms" | "s" | "min" | "h" | "%";
export type TargetOp = ">=" | ">" | "<=" | "<";
export type RatePeriod = "hour" | "day" | "week" | "month";

/**
 * What *By how much* asks of the signal:
 * - relative: the reading moves by `percent` from the baseline read when it shipped;
 * - absolute: the reading compares with `value` (`op`);
 * - rate: the reading grows (or falls) by `delta` every `per`, counted from the baseline;
 * - text: no target Senseloop can check; it is shown as written.
 */
export type Target =
  | { kind: "relative"; percent: number }
  | { kind: "absolute"; op: TargetOp; value: number; unit?: TargetUnit }
  | { kind: "rate"; delta: number; per: RatePeriod }
  | { kind: "text" };

export const PERIOD_MS: Record<RatePeriod, number> = { hour: 3_600_000, day: 86_400_000, week: 604_800_000, month: 30 * 86_400_000 };

/** Milliseconds per time unit, so `< 2s` and a reading in `ms` can be compared. */
export const TIME_UNIT_MS: Record<Exclude<TargetUnit, "%">, number> = { ms: 1, s: 1_000, min: 60_000, h: 3_600_000 };

// A whole number token: thousands groups or plain digits, with decimals. The lookarounds refuse
// a number glued to other characters, so "0,18" (a decimal comma) is not read as 0.
const NUMBER = String.raw`(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?![.,]?\d)`;
const SIGN = String.raw`(?<![\w.])([+\-\u2212])\s?`;
const UNIT = String.raw`(ms|milliseconds?|secs?|seconds?|s|mins?|minutes?|hrs?|hours?|h|%)`;
const PERIOD = String.raw`(hour|day|week|month)`;
const OPS = String.raw`(>=|=>|≥|<=|=<|≤|>|<|at least|no less than|at most|no more than|more than|greater than|above|less than|fewer than|below)`;

// "+5%/week" compounds; it is not "+5% from the baseline", so it is left as text.
const NOT_PER = String.raw`(?!\s?\/|\s(?:per|a|an|every)\s)`;
const RELATIVE = new RegExp(`${SIGN}${NUMBER}\\s?%${NOT_PER}`, "giu");
const UP_DOWN = new RegExp(String.raw`(?<![\w])(up|down)\s+(?:by\s+)?${NUMBER}\s?%${NOT_PER}`, "giu");
// "+200/week", "+200 per week", "+200 orders a week": one optional word names what is counted.
const RATE = new RegExp(String.raw`${SIGN}${NUMBER}(?:\s?[A-Za-z][\w-]*)?\s?(?:\/\s?|\s(?:per|a|an|every)\s)${PERIOD}(?![A-Za-z])`, "giu");
const ABSOLUTE = new RegExp(String.raw`(?<![\w<>=])${OPS}\s*${NUMBER}(?:\s?${UNIT}(?![A-Za-z]))?(\s?(?:d|w|days?|weeks?|months?|years?)(?![A-Za-z]))?`, "giu");

const OP_WORDS: Record<string, TargetOp> = {
  ">=": ">=", "=>": ">=", "≥": ">=", "at least": ">=", "no less than": ">=",
  "<=": "<=", "=<": "<=", "≤": "<=", "at most": "<=", "no more than": "<=",
  ">": ">", "more than": ">", "greater than": ">", above: ">",
  "<": "<", "less than": "<", "fewer than": "<", below: "<",
};

const UNIT_WORDS: Record<string, TargetUnit> = {
  ms: "ms", millisecond: "ms", milliseconds: "ms",
  s: "s", sec: "s", secs: "s", second: "s", seconds: "s",
  min: "min", mins: "min", minute: "min", minutes: "min",
  h: "h", hr: "h", hrs: "h", hour: "h", hours: "h",
  "%": "%",
};

const number = (text: string) => Number(text.replace(/,/g, ""));
const signOf = (sign: string) => (sign === "+" ? 1 : -1);

interface Candidate {
  index: number;
  length: number;
  target: Target;
}

function candidates(text: string): Candidate[] {
  const found: Candidate[] = [];
  const add = (match: RegExpExecArray, target: Target | undefined) => {
    if (target) found.push({ index: match.index, length: match[0].length, target });
  };
  for (const m of text.matchAll(RELATIVE)) add(m, { kind: "relative", percent: signOf(m[1]!) * number(m[2]!) });
  for (const m of text.matchAll(UP_DOWN)) add(m, { kind: "relative", percent: (m[1]!.toLowerCase() === "up" ? 1 : -1) * number(m[2]!) });
  for (const m of text.matchAll(RATE)) add(m, { kind: "rate", delta: signOf(m[1]!) * number(m[2]!), per: m[3]!.toLowerCase() as RatePeriod });
  for (const m of text.matchAll(ABSOLUTE)) {
    // "at least 30 days" is a window, not a threshold.
    if (m[4] !== undefined) continue;
    const unit = m[3] === undefined ? undefined : UNIT_WORDS[m[3].toLowerCase()];
    add(m, { kind: "absolute", op: OP_WORDS[m[1]!.toLowerCase()]!, value: number(m[2]!), ...(unit ? { unit } : {}) });
  }
  return found;
}

/**
 * Reads a target out of *By how much*, which is usually a sentence ("Repeat purchases +5%
 * within 30 days"). The leftmost expression wins; at the same place the longer one (so
 * "+200/week" is a rate, not a relative change). A window such as "within 30 days" is prose:
 * the due date decides when the target is judged. Anything else is `text`.
 */
export function parseTarget(text: string | null | undefined): Target {
  if (!text) return { kind: "text" };
  const line = text.replace(/\u0000/g, "").replace(/\s+/g, " ").slice(0, 2_000);
  const best = candidates(line).sort((a, b) => a.index - b.index || b.length - a.length)[0];
  return best && Number.isFinite(targetNumber(best.target)) ? best.target : { kind: "text" };
}

function targetNumber(target: Target): number {
  switch (target.kind) {
    case "relative":
      return target.percent;
    case "absolute":
      return target.value;
    case "rate":
      return target.delta;
    case "text":
      return Number.NaN;
  }
}
