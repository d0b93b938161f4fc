import { echoLine, sliceWhole, stripNul } from "./sanitize.js";
import { evaluateTarget, formatDelta, formatNumber, formatPercent, formatTarget, type Evaluation, type ReadingsSoFar, type SignalReading, type SignalStatus } from "./signal-evaluate.js";
import type { SignalQuery, SignalQueryProblem } from "./signal-query.js";
import { parseTarget, type Target } from "./signal-target.js";

export interface ReadingsSectionInput {
  /** The hypothesis's checked signal query (`checkSignalQuery`). */
  query: SignalQuery | SignalQueryProblem;
  /** *By how much* as written; read as a target by `parseTarget`. */
  byHowMuch: string | null;
  readings: ReadingsSoFar;
}

export const STATUS_LABELS: Record<SignalStatus, string> = {
  on_track: "On track",
  not_yet: "Not yet",
  target_met: "Target met",
  no_reading: "No reading",
  no_target: "No target to check",
};

const MAX_QUERY_SHOWN = 300;

/**
 * Query text as a code span: it keeps PromQL's `*` and `_` from turning into emphasis, and
 * nothing inside a code span is a mention or HTML. The fence is longer than any run of
 * backticks in the text, so the text cannot close it.
 */
export function codeSpan(text: string, max = MAX_QUERY_SHOWN): string {
  const line = stripNul(text).replace(/\s+/g, " ").trim();
  const cut = line.length > max ? `${sliceWhole(line, max - 1)}…` : line;
  const longestRun = Math.max(0, ...[...cut.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longestRun + 1);
  const pad = cut.startsWith("`") || cut.endsWith("`") ? " " : "";
  return `${fence}${pad}${cut}${pad}${fence}`;
}

/** Echoed text inside a table cell: a `|` would start a new column. */
const cell = (text: string, max = 120) => echoLine(text, max).replace(/\|/g, "\\|");

const day = (date: Date) => date.toISOString().slice(0, 10);

function readingCell(reading: SignalReading | null): string {
  if (!reading) return "—";
  const unit = reading.unit ? ` ${cell(reading.unit, 20)}` : "";
  return `${formatNumber(reading.value)}${unit} (${day(reading.at)})`;
}

/** The target, with the number it means for this baseline when it is relative. */
function targetCell(target: Target, byHowMuch: string | null, baseline: SignalReading | null): string {
  if (target.kind === "text") return byHowMuch ? `${cell(byHowMuch, 80)} (not checked)` : "—";
  if (target.kind === "relative" && baseline && baseline.value !== 0) {
    const threshold = baseline.value + (Math.abs(baseline.value) * target.percent) / 100;
    return `${formatTarget(target)} (${target.percent >= 0 ? "≥" : "≤"} ${formatNumber(threshold)})`;
  }
  return echoLine(formatTarget(target));
}

function changeCell(evaluation: Evaluation): string {
  const change = evaluation.change;
  if (!change) return "—";
  return change.percent === null ? formatDelta(change.delta) : `${formatPercent(change.percent)} (${formatDelta(change.delta)})`;
}

const sentence = (text: string) => {
  const line = echoLine(text, 400);
  return /[.!?…]$/.test(line) ? line : `${line}.`;
};

/**
 * The one-line status (`**On track:** …`), and under it the last failure when the status was
 * judged on an earlier reading. What the sense issue ends its readings with and a reminder carries.
 */
export function statusLines(input: ReadingsSectionInput, evaluation = evaluateTarget(parseTarget(input.byHowMuch), input.readings)): string[] {
  if ("problem" in input.query) return [`**${STATUS_LABELS.no_reading}:** ${sentence(input.query.problem)}`];
  const lines = [`**${STATUS_LABELS[evaluation.status]}:** ${sentence(evaluation.reason)}`];
  const { lastFailure } = input.readings;
  if (lastFailure && evaluation.status !== "no_reading") lines.push(`_The last reading failed: ${sentence(lastFailure)}_`);
  return lines;
}

/**
 * The sense issue's readings: which query is read, a one-row table (baseline, latest or the
 * due-date reading, target, change since the baseline) and a one-line status. A query that cannot be read gets only the
 * status line, naming the problem.
 */
export function renderReadingsSection(input: ReadingsSectionInput): string {
  if ("problem" in input.query) return statusLines(input).join("\n\n");
  const target = parseTarget(input.byHowMuch);
  const evaluation = evaluateTarget(target, input.readings);
  const { baseline, latest, due } = input.readings;
  // Once the due date is read, it is the one judged, so it is the one shown beside the change.
  const lines = [
    `Read from \`${echoLine(input.query.source, 64)}\`: ${codeSpan(input.query.query)}`,
    "",
    `| Baseline | ${due ? "At the due date" : "Latest"} | Target | Change since baseline |`,
    "| --- | --- | --- | --- |",
    `| ${readingCell(baseline)} | ${readingCell(due ?? latest)} | ${targetCell(target, input.byHowMuch, baseline)} | ${changeCell(evaluation)} |`,
    "",
    statusLines(input, evaluation).join("\n\n"),
  ];
  return lines.join("\n");
}
