import type { HypothesisFields } from "./hypothesis-body.js";
import { renderSenseMarker } from "./markers.js";
import { echo, echoLine, fitBody, sliceWhole } from "./sanitize.js";

/**
 * The hypothesis as the sense issue shows it: where it is, and the fields its form gave. The
 * signal query is left out: its readings are rendered by `domain/signal-table.ts`.
 */
export interface SenseHypothesis extends Omit<HypothesisFields, "problems" | "signalQuery"> {
  /** owner/name of its repository. */
  repo: string;
  number: number;
  title: string;
  htmlUrl: string;
}

export interface SensePullRequest {
  repo: string;
  number: number;
  title: string;
  htmlUrl: string;
  /** Its work left the environment (rollback or revert). */
  left: boolean;
}

export interface SenseShip {
  environment: string;
  source: string;
  sha: string;
  at: Date;
  url: string | null;
  /** e.g. "deployment 1234" or "release v2.3.0". */
  label: string;
}

export interface SenseBodyInput {
  hypothesis: SenseHypothesis;
  environment: string;
  prs: readonly SensePullRequest[];
  firstShip: SenseShip;
  dueAt: Date;
  /** When the hypothesis first shipped to this environment: the due date counts from here. */
  shippedAt: Date;
  /** How many times `/extend` moved the due date. */
  extensions: number;
  rolledBack: boolean;
  /** The readings section (`renderReadingsSection`), when the hypothesis names a signal query. */
  readings?: string | null;
}

export const day = (date: Date) => date.toISOString().slice(0, 10);
const when = (date: Date) => `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const shortSha = (sha: string) => sha.slice(0, 7);

export function shipLink(ship: SenseShip): string {
  const label = echoLine(ship.label, 80);
  return ship.url ? `[${label}](${ship.url})` : label;
}

/** A URL as a Markdown link target: encodeURIComponent leaves parentheses alone, and an unbalanced `)` would end the link. */
const linkTarget = (url: string) => url.replace(/[()<>"`\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);

function signalLine(signal: string | null): string {
  if (!signal) return "Where to look: _no signal was named on the hypothesis; name one there so the next person knows._";
  const trimmed = signal.trim();
  if (/^https?:\/\/\S+$/.test(trimmed)) return `Where to look: [${echoLine(trimmed, 120)}](${linkTarget(trimmed)})`;
  return `Where to look: ${echo(trimmed)}`;
}

function expectation(h: SenseHypothesis): string {
  const rows = [
    ["We believe", h.belief],
    ["Who", h.who],
    ["Does what", h.doesWhat],
    ["By how much", h.byHowMuch],
  ].filter((row): row is [string, string] => row[1] !== null);
  if (rows.length === 0) return "_The hypothesis does not use the Senseloop form; read it for what we expected._";
  return rows.map(([name, value]) => `**${name}:** ${echoLine(value, 600)}`).join("  \n");
}

function prLine(pr: SensePullRequest, hypothesisRepo: string, environment: string): string {
  const ref = pr.repo.toLowerCase() === hypothesisRepo.toLowerCase() ? `#${pr.number}` : `${pr.repo}#${pr.number}`;
  const line = `[${ref}](${pr.htmlUrl}) ${echoLine(pr.title, 150)}`;
  return pr.left ? `- ~~${line}~~ (left ${echoLine(environment, 60)})` : `- ${line}`;
}

function dueNote(input: SenseBodyInput): string {
  const days = Math.round((input.dueAt.getTime() - input.shippedAt.getTime()) / 86_400_000);
  const after = `${days} day${days === 1 ? "" : "s"} after it shipped`;
  return input.extensions > 0 ? `${after}, moved by \`/extend\` ${input.extensions === 1 ? "once" : `${input.extensions} times`}` : after;
}

export function senseIssueTitle(hypothesisTitle: string): string {
  const title = `Sense: ${hypothesisTitle.replace(/\u0000/g, "").replace(/\s+/g, " ").trim()}`;
  return title.length > 256 ? `${sliceWhole(title, 255)}…` : title;
}

/** The sense issue: what shipped, what we expected, where to look, by when, and how to answer. */
export function senseIssueBody(input: SenseBodyInput): string {
  const h = input.hypothesis;
  const env = echoLine(input.environment, 60);
  const lines = [
    `[${h.repo}#${h.number}](${h.htmlUrl}) shipped to **${env}**. Time to look at what customers actually did.`,
    "",
    `### What we expected`,
    expectation(h),
    "",
    // With readings, Senseloop itself looks at the signal: a missing link is no longer worth a nag.
    ...(h.signal || !input.readings ? [signalLine(h.signal)] : []),
    ...(input.readings ? ["", "### Readings", input.readings] : []),
    "",
    `**Respond by ${day(input.dueAt)}** (${dueNote(input)}).`,
    ...(input.rolledBack ? ["", `> This work was rolled back from ${env}. No reminder will come; what the team learned from it is still worth recording with \`/respond\`.`] : []),
    "",
    `### What shipped`,
    ...input.prs.map((pr) => prLine(pr, h.repo, input.environment)),
    "",
    `First shipped in ${shipLink(input.firstShip)}: \`${shortSha(input.firstShip.sha)}\` on ${when(input.firstShip.at)}.`,
    "",
    `### Respond`,
    "Comment with one line, followed by what you learned:",
    "",
    "```",
    "/respond persevere <what we learned>",
    "/respond pivot <what we learned>",
    "/respond kill <what we learned>",
    "```",
    "",
    "Need more time to read the signal? `/extend <days> <reason>`.",
  ];
  const marker = renderSenseMarker({ hypothesis: `${h.repo}#${h.number}`, environment: input.environment });
  return fitBody(`${lines.join("\n")}\n\n${marker}`);
}

export function shippedComment(environment: string, ship: SenseShip, dueAt: Date, senseIssue: string): string {
  return `Shipped to ${echoLine(environment, 60)} in ${shipLink(ship)}; sensing until ${day(dueAt)}; follow-up in ${senseIssue}.`;
}

export function moreShippedComment(environment: string, ship: SenseShip, prs: readonly SensePullRequest[], hypothesisRepo: string, dueAt: Date): string {
  return [`More work for this hypothesis shipped to ${echoLine(environment, 60)} in ${shipLink(ship)}:`, ...prs.map((pr) => prLine(pr, hypothesisRepo, environment)), "", `The due date stays ${day(dueAt)}.`].join("\n");
}

export function rolledBackComment(environment: string, ship: SenseShip): string {
  return `This work left ${echoLine(environment, 60)} in ${shipLink(ship)} (rolled back or reverted). No reminder will come for it. Rolling back is a result too: if it taught the team something, record it with \`/respond persevere|pivot|kill <what we learned>\`. Senseloop will say so here if it ships again.`;
}
