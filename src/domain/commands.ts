import { readCommentLines, type CommentLine } from "./comment-lines.js";
import { echoLine } from "./sanitize.js";

export type Decision = "persevere" | "pivot" | "kill";

export type Command = { kind: "respond"; decision: Decision; learning: string } | { kind: "extend"; days: number; reason: string };

/** Why a command line could not be read: one sentence for a reply, saying what is missing and giving an example. */
export interface CommandProblem {
  kind: "respond" | "extend";
  message: string;
}

export const MAX_EXTEND_DAYS = 90;

const MAX_LEARNING = 5_000;
const MAX_REASON = 1_000;
const DECISIONS: readonly Decision[] = ["persevere", "pivot", "kill"];
const COMMAND_LINE = /^ {0,3}\/(respond|extend)(?=\s|$)/i;
const RESPOND_EXAMPLE = (decision: Decision = "pivot") => `\`/respond ${decision} Customers used it once, then went back to search\``;
const EXTEND_EXAMPLE = "`/extend 14 The signal needs two more billing cycles`";

const words = new Intl.Segmenter("en", { granularity: "word" });

/**
 * Reads the first `/respond` or `/extend` command of a comment. A command counts only at the
 * start of the author's own line: not in code, quotes or HTML comments, and not mid-sentence.
 * Null when the comment holds no command line.
 */
export function parseCommand(body: string): { command: Command } | { problem: CommandProblem } | null {
  const lines = readCommentLines(body);
  const start = lines.findIndex(isCommandLine);
  if (start < 0) return null;
  const line = lines[start]!;
  const head = COMMAND_LINE.exec(line.plain)!;
  const text = `${line.text.slice(head[0].length)}\n${following(lines, start + 1)}`;
  return head[1]!.toLowerCase() === "respond" ? parseRespond(text) : parseExtend(text);
}

function isCommandLine(line: CommentLine): boolean {
  return line.kind === "prose" && COMMAND_LINE.test(line.plain);
}

/**
 * The lines that continue a command: prose up to the next command line, skipping a quote or code
 * block that interrupts it, stopping at one that stands apart after a blank line (usually the
 * text being replied to).
 */
function following(lines: CommentLine[], from: number): string {
  const kept: string[] = [];
  let afterBlank = false;
  for (let index = from; index < lines.length; index++) {
    const line = lines[index]!;
    if (line.kind === "hidden") continue;
    if (line.kind === "blank") {
      kept.push("");
      afterBlank = true;
      continue;
    }
    if (line.kind === "quote" || line.kind === "code") {
      if (afterBlank) break;
      continue;
    }
    if (isCommandLine(line)) break;
    kept.push(line.text);
    afterBlank = false;
  }
  return kept.join("\n");
}

function parseRespond(text: string): { command: Command } | { problem: CommandProblem } {
  const { token, rest } = firstToken(text);
  if (token === undefined) {
    return problem("respond", `Say what you decided and what you learned, for example ${RESPOND_EXAMPLE()}.`);
  }
  const word = token.toLowerCase().replace(/[:,.;—–-]+$/, "");
  const decision = DECISIONS.find((candidate) => candidate === word);
  if (decision === undefined) {
    return problem("respond", `“${echoLine(token, 30)}” is not a decision; start with persevere, pivot or kill, for example ${RESPOND_EXAMPLE()}.`);
  }
  const learning = tidy(rest, MAX_LEARNING);
  if (wordCount(learning) < 3 || [...learning].length < 12) {
    return problem("respond", `What you learned is missing: write at least a sentence after the decision, for example ${RESPOND_EXAMPLE(decision)}.`);
  }
  return { command: { kind: "respond", decision, learning } };
}

function parseExtend(text: string): { command: Command } | { problem: CommandProblem } {
  const first = firstToken(text);
  if (first.token === undefined) {
    return problem("extend", `Say how many more days the team needs and why, for example ${EXTEND_EXAMPLE}.`);
  }
  const amount = /^(\d+)(d|days?)?$/i.exec(first.token);
  const days = amount ? Number(amount[1]) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_EXTEND_DAYS) {
    return problem("extend", `“${echoLine(first.token, 30)}” is not a whole number of days from 1 to ${MAX_EXTEND_DAYS}; write, for example, ${EXTEND_EXAMPLE}.`);
  }
  let rest = first.rest;
  if (amount?.[2] === undefined) {
    const unit = firstToken(rest);
    if (unit.token !== undefined && /^days?$/i.test(unit.token)) rest = unit.rest;
  }
  const reason = tidy(rest, MAX_REASON);
  if (wordCount(reason) < 2) {
    return problem("extend", `Say why the team needs more time, for example ${EXTEND_EXAMPLE}.`);
  }
  return { command: { kind: "extend", days, reason } };
}

function problem(kind: CommandProblem["kind"], message: string): { problem: CommandProblem } {
  return { problem: { kind, message } };
}

function firstToken(text: string): { token: string | undefined; rest: string } {
  const match = /^\s*(\S+)/.exec(text);
  return match ? { token: match[1], rest: text.slice(match[0].length) } : { token: undefined, rest: "" };
}

/** Trims every line, keeps at most one blank line between paragraphs, and cuts to `max` characters. */
function tidy(text: string, max: number): string {
  const clean = text
    .split("\n")
    .map((line) => line.trimEnd())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
  if (clean.length <= max) return clean;
  const cut = clean.slice(0, max);
  return (/[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut).trimEnd();
}

/** Counts words in any script: spaces do not separate words in Chinese or Japanese. */
function wordCount(text: string): number {
  let count = 0;
  for (const segment of words.segment(text)) {
    if (segment.isWordLike && ++count >= 3) break;
  }
  return count;
}
