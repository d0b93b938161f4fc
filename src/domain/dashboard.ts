import type { Decision } from "./commands.js";
import { cell, DAY_MS, days, isoDate, renderSections, section } from "./dashboard-format.js";
import { isOverdue } from "./due.js";
import { renderDashboardMarker } from "./markers.js";
import { echoLine, fitBody } from "./sanitize.js";
import { RESPONDED_WINDOW_DAYS, respondedRecently } from "./loop-counts.js";
import { computeMetrics, MERGED_WINDOW_DAYS, recentlyMerged, type DashboardMetrics, type MergeOutcome } from "./loop-metrics.js";
import { isOpen, type SenseState } from "./sense-state.js";
import { formatNumber, type ReadingsSoFar } from "./signal-evaluate.js";
import { signalCell } from "./signal-lines.js";

export { computeMetrics, type DashboardMetrics } from "./loop-metrics.js";

/** One sense item: a hypothesis shipped to one environment. */
export interface DashboardItem {
  hypothesis: { repo: string; number: number; title: string; htmlUrl: string };
  environment: string;
  state: SenseState;
  shippedAt: Date;
  dueAt: Date;
  owners: string[];
  issueUrl: string | null;
  issueNumber: number | null;
  /** `signal`: what the signal read when the team decided, as recorded with the response. */
  response: { decision: Decision; learning: string; respondedAt: Date; signal?: { value: number; unit: string | null } | null } | null;
  /** The loop's readings, when its hypothesis names a signal query. */
  signal?: DashboardSignal | null;
}

export interface DashboardSignal {
  /** Why the query line cannot be read, when it cannot. */
  problem: string | null;
  byHowMuch: string | null;
  readings: ReadingsSoFar;
}

export interface DashboardMerged {
  number: number;
  title: string;
  htmlUrl: string;
  mergedAt: Date;
  /** The hypothesis check's outcome; null when the PR was never checked. */
  outcome: MergeOutcome;
  /** Why it was exempt, when it was. */
  exemption: string | null;
}

export interface DashboardData {
  repo: string;
  now: Date;
  items: DashboardItem[];
  unshipped: { number: number; title: string; htmlUrl: string }[];
  /** PRs merged in the last 30 days; older ones are ignored. */
  merged: DashboardMerged[];
}

const DECISIONS: readonly Decision[] = ["persevere", "pivot", "kill"];

/**
 * The dashboard issue's body: overdue, sensing, recently responded, not yet shipped, merged
 * without a hypothesis, then the metrics and the marker. Deterministic, so an unchanged body
 * means no edit; every section is capped so the body stays under GitHub's limit.
 */
export function renderDashboard(data: DashboardData, options: { graceDays: number }): string {
  const now = data.now.getTime();
  const open = data.items.filter((item) => isOpen(item.state));
  const overdue = open.filter((item) => isOverdue(item, options, data.now)).sort(byDue);
  const sensing = open.filter((item) => !isOverdue(item, options, data.now)).sort(byDue);
  const responded = data.items
    .filter((item) => respondedRecently(item, data.now))
    .sort((a, b) => b.response!.respondedAt.getTime() - a.response!.respondedAt.getTime() || byHypothesis(a, b));
  const unshipped = [...data.unshipped].sort((a, b) => a.number - b.number || compare(a.htmlUrl, b.htmlUrl));
  const unlinked = recentMerged(data)
    .filter((pr) => pr.outcome !== "linked")
    .sort((a, b) => b.mergedAt.getTime() - a.mergedAt.getTime() || a.number - b.number);

  const sections = renderSections([
    section({
      title: "Overdue",
      rows: overdue,
      empty: "Nothing is overdue.",
      ...withSignal(overdue, ["Hypothesis", "Environment", "Past due", "Owners", "Sense issue"], (item) => [hypothesisCell(item), cell(item.environment, 40), pastDue(item, now), owners(item.owners), senseIssue(item)]),
    }),
    section({
      title: "Sensing",
      rows: sensing,
      empty: "Nothing is being sensed right now.",
      ...withSignal(sensing, ["Hypothesis", "Environment", "Due", "Owners", "Sense issue"], (item) => [hypothesisCell(item), cell(item.environment, 40), dueIn(item, now), owners(item.owners), senseIssue(item)]),
    }),
    section({
      title: `Responded in the last ${RESPONDED_WINDOW_DAYS} days`,
      rows: responded,
      empty: `No responses in the last ${RESPONDED_WINDOW_DAYS} days.`,
      header: ["Hypothesis", "Decision", "What we learned", "Responded", ...(responded.some((item) => item.response!.signal) ? ["Signal then"] : [])],
      row: (item) => [hypothesisCell(item), item.response!.decision, cell(firstLine(item.response!.learning), 120), isoDate(item.response!.respondedAt), ...(responded.some((i) => i.response!.signal) ? [decidedOn(item)] : [])],
    }),
    section({
      title: "Hypotheses not shipped yet",
      rows: unshipped,
      empty: "No hypothesis is waiting to ship.",
      item: (hypothesis) => `[#${hypothesis.number}](${hypothesis.htmlUrl}) ${echoLine(hypothesis.title, 100)}`,
    }),
    section({
      title: `Merged without a hypothesis in the last ${MERGED_WINDOW_DAYS} days`,
      rows: unlinked,
      empty: recentMerged(data).length === 0 ? `No PRs merged in the last ${MERGED_WINDOW_DAYS} days.` : `Every PR merged in the last ${MERGED_WINDOW_DAYS} days names a hypothesis.`,
      summary: outcomeCounts(unlinked),
      item: (pr) => `[#${pr.number}](${pr.htmlUrl}) ${echoLine(pr.title, 100)} — ${outcomeText(pr)}`,
    }),
  ]);

  const body = [
    `What shipped, what is due and what we learned in ${echoLine(data.repo, 140)}. Answer a sense issue with \`/respond persevere|pivot|kill <what we learned>\`.`,
    ...sections,
    metricsLine(computeMetrics(data)),
    renderDashboardMarker(),
  ].join("\n\n");
  return fitBody(body);
}

/** A "Signal" column (latest reading and status) only where some loop is read: repositories without signals see the table as before. */
function withSignal(rows: readonly DashboardItem[], header: string[], row: (item: DashboardItem) => string[]): { header: string[]; row: (item: DashboardItem) => string[] } {
  if (!rows.some((item) => item.signal)) return { header, row };
  return { header: [...header, "Signal"], row: (item) => [...row(item), item.signal ? signalCell(item.signal) : "—"] };
}

function decidedOn(item: DashboardItem): string {
  const signal = item.response?.signal;
  return signal ? `${formatNumber(signal.value)}${signal.unit ? ` ${cell(signal.unit, 20)}` : ""}` : "—";
}

function recentMerged(data: DashboardData): DashboardMerged[] {
  return recentlyMerged(data.merged, data.now);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byHypothesis(a: DashboardItem, b: DashboardItem): number {
  return compare(a.hypothesis.repo, b.hypothesis.repo) || a.hypothesis.number - b.hypothesis.number || compare(a.environment, b.environment);
}

function byDue(a: DashboardItem, b: DashboardItem): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || byHypothesis(a, b);
}

function hypothesisCell(item: DashboardItem): string {
  const { repo, number, title, htmlUrl } = item.hypothesis;
  return `[${cell(repo, 100)}#${number}](${htmlUrl}) ${cell(title, 80)}`;
}

function owners(logins: string[]): string {
  if (logins.length === 0) return "—";
  const shown = logins.slice(0, 3).map((login) => cell(`@${login}`, 40));
  return logins.length > 3 ? `${shown.join(", ")} +${logins.length - 3}` : shown.join(", ");
}

function senseIssue(item: DashboardItem): string {
  return item.issueUrl !== null && item.issueNumber !== null ? `[#${item.issueNumber}](${item.issueUrl})` : "not opened yet";
}

function pastDue(item: DashboardItem, now: number): string {
  const late = Math.floor((now - item.dueAt.getTime()) / DAY_MS);
  return `${late <= 0 ? "due today" : days(late)} (${isoDate(item.dueAt)})`;
}

function dueIn(item: DashboardItem, now: number): string {
  const left = Math.ceil((item.dueAt.getTime() - now) / DAY_MS);
  if (left <= 0) return `in the grace period (due ${isoDate(item.dueAt)})`;
  return `due in ${days(left)} (${isoDate(item.dueAt)})`;
}

function firstLine(text: string): string {
  return text.split("\n").find((line) => line.trim() !== "") ?? "";
}

function outcomeText(pr: DashboardMerged): string {
  switch (pr.outcome) {
    case "exempt":
      return pr.exemption ? `exempt: ${echoLine(pr.exemption, 120)}` : "exempt";
    case "missing":
      return "names no hypothesis";
    case "invalid":
      return "names a hypothesis that is not valid";
    case "config_invalid":
      return "checked while the config was invalid";
    default:
      return "not checked";
  }
}

function outcomeCounts(prs: DashboardMerged[]): string {
  const exempt = prs.filter((pr) => pr.outcome === "exempt").length;
  const unchecked = prs.filter((pr) => pr.outcome === null).length;
  const failing = prs.length - exempt - unchecked;
  const parts = [`${exempt} exempt`, `${failing} without a valid hypothesis`];
  if (unchecked > 0) parts.push(`${unchecked} not checked`);
  return parts.join(", ");
}

function metricsLine(metrics: DashboardMetrics): string {
  const percent = (share: number | null) => (share === null ? "—" : `${Math.round(share * 100)}%`);
  const median = metrics.medianDaysToResponse === null ? "— days" : days(Math.round(metrics.medianDaysToResponse));
  const mix = DECISIONS.map((decision) => `${metrics.mix[decision]} ${decision}`).join(", ");
  return `Loop closure ${percent(metrics.closureRate)} · median ${median} from ship to response · ${mix} · ${percent(metrics.linkedShare)} of merged PRs linked to a hypothesis`;
}
