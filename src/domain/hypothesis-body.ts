import { sliceWhole } from "./sanitize.js";

export const DEFAULT_SENSE_AFTER_DAYS = 14;
export const MAX_SENSE_AFTER_DAYS = 365;

export interface HypothesisFields {
  belief: string | null;
  who: string | null;
  doesWhat: string | null;
  byHowMuch: string | null;
  signal: string | null;
  /** `<source>: <query>`: what Senseloop reads itself; checked against the sources by `domain/signal-query.ts`. */
  signalQuery: string | null;
  senseAfterDays: number;
  /** What could not be read, for logs; the hypothesis is still valid with defaults. */
  problems: string[];
}

/** The issue form's labels (see .github/ISSUE_TEMPLATE/hypothesis.yml), lower-cased. */
export const SECTION_LABELS = {
  belief: "we believe",
  who: "who",
  doesWhat: "does what",
  byHowMuch: "by how much",
  signal: "signal",
  signalQuery: "signal query",
  senseAfter: "sense after (days)",
} as const;

const NO_RESPONSE = /^_no response_$/i;
const MAX_FIELD = 2_000;

/** Splits the `### Label` sections an issue form renders into a map of label → text. */
function sections(body: string): Map<string, string> {
  const out = new Map<string, string>();
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined && !out.has(current)) out.set(current, lines.join("\n").trim());
  };
  for (const line of body.replace(/\u0000/g, "").replace(/\r\n?/g, "\n").split("\n")) {
    const heading = /^###\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      current = heading[1]!.trim().toLowerCase();
      lines = [];
    } else if (current !== undefined) {
      lines.push(line);
    }
  }
  flush();
  return out;
}

function field(map: Map<string, string>, label: string): string | null {
  const value = map.get(label);
  if (value === undefined || value === "" || NO_RESPONSE.test(value)) return null;
  return value.length > MAX_FIELD ? `${sliceWhole(value, MAX_FIELD - 1)}…` : value;
}

/**
 * Reads a hypothesis issue's body. A hand-written issue without the form's sections is still
 * a hypothesis: every field is null and it is sensed after the default number of days.
 */
export function parseHypothesisBody(body: string | null | undefined): HypothesisFields {
  const map = sections(body ?? "");
  const problems: string[] = [];
  let senseAfterDays = DEFAULT_SENSE_AFTER_DAYS;
  const rawDays = field(map, SECTION_LABELS.senseAfter);
  if (rawDays !== null) {
    const days = /^\d{1,3}$/.test(rawDays.trim()) ? Number(rawDays.trim()) : Number.NaN;
    if (Number.isInteger(days) && days >= 0 && days <= MAX_SENSE_AFTER_DAYS) senseAfterDays = days;
    else problems.push(`"Sense after (days)" is "${rawDays.slice(0, 40)}", not a whole number from 0 to ${MAX_SENSE_AFTER_DAYS}; using ${DEFAULT_SENSE_AFTER_DAYS}`);
  }
  return {
    belief: field(map, SECTION_LABELS.belief),
    who: field(map, SECTION_LABELS.who),
    doesWhat: field(map, SECTION_LABELS.doesWhat),
    byHowMuch: field(map, SECTION_LABELS.byHowMuch),
    signal: field(map, SECTION_LABELS.signal),
    signalQuery: field(map, SECTION_LABELS.signalQuery),
    senseAfterDays,
    problems,
  };
}
