import { echoLine } from "./sanitize.js";

export const DAY_MS = 86_400_000;

/** At most this many rows per section. */
const MAX_ROWS = 100;
/** Characters of rows all sections share: with headings and metrics the body stays well under GitHub's limit. */
const ROWS_BUDGET = 60_000;

export type SectionSpec<T> = {
  title: string;
  rows: readonly T[];
  /** One short line when there is nothing to show. */
  empty: string;
  /** A line under the heading, before the rows. */
  summary?: string;
} & ({ header: string[]; row: (value: T) => string[] } | { item: (value: T) => string });

/** A section with its first rows rendered, waiting for its share of the budget. */
export interface PreparedSection {
  heading: string;
  empty: string;
  summary: string | undefined;
  head: string;
  lines: string[];
  total: number;
}

/** Renders a section's first rows as table rows or list items. */
export function section<T>(spec: SectionSpec<T>): PreparedSection {
  return {
    heading: `## ${spec.title} (${spec.rows.length})`,
    empty: spec.empty,
    summary: spec.summary,
    head: "header" in spec ? `| ${spec.header.join(" | ")} |\n|${spec.header.map(() => " --- |").join("")}\n` : "",
    lines: spec.rows.slice(0, MAX_ROWS).map((value) => ("header" in spec ? `| ${spec.row(value).join(" | ")} |` : `- ${spec.item(value)}`)),
    total: spec.rows.length,
  };
}

/**
 * Each section a heading with a count, then its rows, cut with "…and N more". Sections share
 * the budget: one that needs less than an even share leaves the rest to the others.
 */
export function renderSections(sections: PreparedSection[]): string[] {
  const wanted = sections.map((prepared) => prepared.lines.reduce((sum, line) => sum + line.length + 1, 0));
  const allowance = new Array<number>(sections.length).fill(0);
  let remaining = ROWS_BUDGET;
  const bySize = sections.map((_, index) => index).sort((a, b) => wanted[a]! - wanted[b]! || a - b);
  bySize.forEach((index, position) => {
    const share = Math.min(wanted[index]!, Math.floor(remaining / (bySize.length - position)));
    allowance[index] = share;
    remaining -= share;
  });

  return sections.map((prepared, index) => {
    if (prepared.total === 0) return `${prepared.heading}\n\n${prepared.empty}`;
    const shown: string[] = [];
    let used = 0;
    for (const line of prepared.lines) {
      if (used + line.length + 1 > allowance[index]!) break;
      shown.push(line);
      used += line.length + 1;
    }
    const parts = [prepared.heading];
    if (prepared.summary !== undefined) parts.push(prepared.summary);
    if (shown.length > 0) parts.push(prepared.head + shown.join("\n"));
    if (shown.length < prepared.total) parts.push(`…and ${prepared.total - shown.length} more`);
    return parts.join("\n\n");
  });
}

/** User text for one table cell: echoed, on one line, and unable to end the cell early. */
export function cell(text: string, max: number): string {
  // Backslashes before a pipe are doubled so none of them can escape the pipe's own escape.
  return echoLine(text, max).replace(/\\*\|/g, (run) => `${"\\".repeat(2 * (run.length - 1))}\\|`);
}

export function days(count: number): string {
  return count === 1 ? "1 day" : `${count} days`;
}

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
