import { sliceWhole } from "./sanitize.js";

/** Where a reference was written. */
export type ReferenceSource = "title" | "body" | "commit";

export interface Reference {
  /** The reference as written, for messages. */
  raw: string;
  /** owner/name as written; undefined for `#12`, which means the default hypotheses repository. */
  repo: string | undefined;
  number: number;
  /** Written as a pull-request URL: never a valid hypothesis. */
  pullRequest: boolean;
  source: ReferenceSource;
}

export interface Malformed {
  raw: string;
  message: string;
  source: ReferenceSource;
}

export interface ParsedReferences {
  references: Reference[];
  malformed: Malformed[];
  /** The reason given in `Hypothesis: none — <reason>`, when the body has one. */
  noneReason: string | undefined;
}

export const MAX_REFERENCES = 10;

const KEY_LINE = /^\s{0,3}(?:[-*+]\s+)?[*_]{0,2}hypothes[ie]s[*_]{0,2}\s*:[*_]{0,2}[ \t]*(.*)$/i;
const TITLE_KEY = /\bhypothes[ie]s\s*:\s*(.+)$/i;
const COMMIT_TRAILER = /^hypothes[ie]s:[ \t]*(.*)$/i;
const NONE = /^none\b[\s*_]*(?:[—–:-]+|\bbecause\b)?\s*(.*)$/i;

function refPattern(webHost: string): RegExp {
  const host = webHost.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    [
      `https?://${host}/([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)/(issues|pull)/(\\d+)\\b`,
      // Starting only where a run of name characters starts keeps a long run linear, not quadratic.
      `(?<![\\w/.-])([A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+)#(\\d+)\\b`,
      `(?<![\\w/#])#(\\d+)\\b`,
    ].join("|"),
    "g",
  );
}

/** Removes what a reader does not take as the author's words: code, HTML comments, quotes. */
export function stripNonProse(markdown: string): string {
  return markdown
    .replace(/\u0000/g, "")
    .replace(/\r\n?/g, "\n")
    .replace(/<!--[\s\S]*?(?:-->|$)/g, "")
    // A backtick fence's info string holds no backtick: "```x```" on one line is a code span.
    .replace(/^\s{0,3}(`{3,}(?=[^`\n]*\n)|~{3,})[^\n]*\n[\s\S]*?(?:^\s{0,3}\1[^\n]*$|(?![\s\S]))/gm, "")
    // A code span opens and closes with backtick runs of the same length (``a ` b``).
    .replace(/(?<!`)(`+)(?!`)[^\n]*?(?<!`)\1(?!`)/g, "")
    .split("\n")
    .filter((line) => !/^\s{0,3}>/.test(line))
    .join("\n");
}

function parseValue(value: string, source: ReferenceSource, pattern: RegExp, out: ParsedReferences): void {
  const trimmed = value.trim().replace(/^[*_]+|[*_]+$/g, "").trim();
  if (trimmed === "") return;
  const none = NONE.exec(trimmed);
  if (none) {
    if (source !== "body") return;
    const reason = (none[1] ?? "").replace(/[*_]+$/, "").trim();
    if (reason.length < 3) {
      out.malformed.push({ raw: `Hypothesis: ${sliceWhole(trimmed, 80)}`, message: "needs a reason after `none`, for example `Hypothesis: none — fixes a typo`", source });
    } else if (out.noneReason === undefined) {
      out.noneReason = sliceWhole(reason, 300);
    }
    return;
  }
  let found = 0;
  for (const match of trimmed.matchAll(pattern)) {
    found++;
    const [raw, urlRepo, urlKind, urlNumber, crossRepo, crossNumber, localNumber] = match;
    if (urlRepo) out.references.push({ raw, repo: urlRepo, number: Number(urlNumber), pullRequest: urlKind === "pull", source });
    else if (crossRepo) out.references.push({ raw, repo: crossRepo, number: Number(crossNumber), pullRequest: false, source });
    else out.references.push({ raw, repo: undefined, number: Number(localNumber), pullRequest: false, source });
  }
  if (found === 0) {
    out.malformed.push({
      raw: `Hypothesis: ${sliceWhole(trimmed, 80)}`,
      message: "names no issue; write `#12`, `owner/repo#12` or the issue's URL",
      source,
    });
  }
}

/**
 * Reads the hypothesis references of a pull request: `Hypothesis:` lines in its body, the
 * same key anywhere in its title, and `Hypothesis:` trailers in its commits.
 */
export function parseReferences(input: { title: string; body: string | null; commitMessages: readonly string[]; webHost: string }): ParsedReferences {
  const out: ParsedReferences = { references: [], malformed: [], noneReason: undefined };
  const pattern = refPattern(input.webHost);

  const title = TITLE_KEY.exec(input.title.replace(/\u0000/g, ""));
  if (title?.[1]) parseValue(title[1], "title", pattern, out);

  for (const line of stripNonProse(input.body ?? "").split("\n")) {
    const match = KEY_LINE.exec(line);
    if (match) parseValue(match[1] ?? "", "body", pattern, out);
  }

  for (const message of input.commitMessages) {
    for (const line of message.replace(/\u0000/g, "").split("\n")) {
      const match = COMMIT_TRAILER.exec(line.trim());
      if (match) parseValue(match[1] ?? "", "commit", pattern, out);
    }
  }

  const seen = new Set<string>();
  out.references = out.references.filter((ref) => {
    const key = `${ref.repo?.toLowerCase() ?? ""}#${ref.number}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (out.references.length > MAX_REFERENCES) {
    const extra = out.references.splice(MAX_REFERENCES);
    out.malformed.push({
      raw: extra.map((ref) => ref.raw).join(", "),
      message: `too many references: a PR may name at most ${MAX_REFERENCES} hypotheses`,
      source: extra[0]!.source,
    });
  }
  return out;
}
