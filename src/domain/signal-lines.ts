import { echoLine } from "./sanitize.js";
import { evaluateTarget, formatNumber, formatTarget, type SignalReading } from "./signal-evaluate.js";
import { STATUS_LABELS, statusLines, type ReadingsSectionInput } from "./signal-table.js";
import { parseTarget } from "./signal-target.js";

/** The signal in one place of a bot comment: what a reminder, a response and the dashboard say. */

const number = (reading: Pick<SignalReading, "value" | "unit">) => `${formatNumber(reading.value)}${reading.unit ? ` ${echoLine(reading.unit, 20)}` : ""}`;

/**
 * What a reminder says about the signal: the status the sense issue shows, judged on the
 * due-date reading when it is in. `settled` false means the due-date reading is still being
 * taken (the reminder waited for it as long as it would).
 */
export function reminderSignalLine(input: ReadingsSectionInput, settled: boolean): string {
  if (!settled && !("problem" in input.query)) return "Signal: the due-date reading is not in yet; the sense issue will show it once it is.";
  return `Signal: ${statusLines(input).join(" ")}`;
}

/** "The signal read 0.21 (target ≥ 0.18) when the team decided.": the numbers behind a response. */
export function decisionReadingLine(reading: Pick<SignalReading, "value" | "unit">, byHowMuch: string | null): string {
  const target = parseTarget(byHowMuch);
  const wanted = target.kind === "text" ? "" : ` (target ${echoLine(formatTarget(target))})`;
  return `The signal read ${number(reading)}${wanted} when the team decided.`;
}

/** A dashboard cell: the latest number and its status, e.g. "0.21 (target met)". */
export function signalCell(input: Omit<ReadingsSectionInput, "query"> & { problem: string | null }): string {
  if (input.problem) return "query to fix";
  const { baseline, latest, due } = input.readings;
  const shown = due ?? latest;
  if (!shown && baseline) return `${number(baseline)} (baseline)`;
  const status = STATUS_LABELS[evaluateTarget(parseTarget(input.byHowMuch), input.readings).status].toLowerCase();
  return shown ? `${number(shown)} (${status})` : status;
}
