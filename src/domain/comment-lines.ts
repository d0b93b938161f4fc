import { stripNul } from "./sanitize.js";

/**
 * How a reader sees one line of a markdown comment. `hidden`: a line that held only an HTML
 * comment. `code`: fenced or indented code, fences included.
 */
export type LineKind = "prose" | "blank" | "quote" | "code" | "hidden";

export interface CommentLine {
  kind: LineKind;
  /** The line as written, HTML comments removed. */
  text: string;
  /** `text` with inline code blanked out (same length), to look for what the author said outside code. */
  plain: string;
}

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})(.*)$/;
const FENCE_CLOSE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const INDENTED = /^(?: {4}|\t)/;

/**
 * Splits a markdown comment into lines and says which of them a reader takes as the author's own
 * prose. Linear in the size of the comment, whatever it holds.
 */
export function readCommentLines(markdown: string): CommentLine[] {
  const out: CommentLine[] = [];
  let fence: { char: string; length: number } | null = null;
  let inComment = false;

  for (const raw of stripNul(markdown).replace(/\r\n?/g, "\n").split("\n")) {
    if (fence !== null) {
      const close = FENCE_CLOSE.exec(raw);
      if (close?.[1]?.[0] === fence.char && close[1].length >= fence.length) fence = null;
      out.push({ kind: "code", text: raw, plain: "" });
      continue;
    }

    let text = raw;
    if (inComment) {
      const end = text.indexOf("-->");
      if (end < 0) {
        out.push({ kind: "hidden", text: "", plain: "" });
        continue;
      }
      text = text.slice(end + 3);
      inComment = false;
    }

    const open = FENCE_OPEN.exec(text);
    if (open?.[1] !== undefined && !(open[1][0] === "`" && (open[2] ?? "").includes("`"))) {
      fence = { char: open[1][0]!, length: open[1].length };
      out.push({ kind: "code", text, plain: "" });
      continue;
    }

    const visible = removeHtmlComments(text);
    inComment = visible.open;
    text = visible.text;
    const previous = out.at(-1)?.kind;
    let kind: LineKind;
    if (text.trim() === "") kind = raw.trim() === "" ? "blank" : "hidden";
    else if (QUOTE.test(text)) kind = "quote";
    else if (INDENTED.test(text) && (previous === undefined || previous === "blank" || (previous === "code" && INDENTED.test(out.at(-1)!.text)))) kind = "code";
    else kind = "prose";
    out.push({ kind, text, plain: text });
  }

  maskInlineCode(out);
  return out;
}

function removeHtmlComments(line: string): { text: string; open: boolean } {
  let text = "";
  let from = 0;
  for (;;) {
    const start = line.indexOf("<!--", from);
    if (start < 0) return { text: text + line.slice(from), open: false };
    text += line.slice(from, start);
    const end = line.indexOf("-->", start + 4);
    if (end < 0) return { text, open: true };
    from = end + 3;
  }
}

/** Blanks code spans in each paragraph (a run of prose lines); a span may cross lines. */
function maskInlineCode(lines: CommentLine[]): void {
  let start = 0;
  while (start < lines.length) {
    if (lines[start]!.kind !== "prose") {
      start++;
      continue;
    }
    let end = start;
    while (end < lines.length && lines[end]!.kind === "prose") end++;
    const paragraph = lines.slice(start, end);
    if (paragraph.some((line) => line.text.includes("`"))) {
      const masked = maskCodeSpans(paragraph.map((line) => line.text).join("\n")).split("\n");
      paragraph.forEach((line, index) => (line.plain = masked[index] ?? ""));
    }
    start = end;
  }
}

/** A backtick run opens a span only when a later run of the same length closes it. */
function maskCodeSpans(text: string): string {
  const runs = [...text.matchAll(/`+/g)].map((match) => ({ start: match.index, length: match[0].length }));
  const byLength = new Map<number, number[]>();
  runs.forEach((run, index) => {
    const same = byLength.get(run.length);
    if (same) same.push(index);
    else byLength.set(run.length, [index]);
  });
  const cursor = new Map<number, number>();
  const spans: { from: number; to: number }[] = [];

  for (let index = 0; index < runs.length; index++) {
    const run = runs[index]!;
    const candidates = byLength.get(run.length)!;
    let at = cursor.get(run.length) ?? 0;
    while (at < candidates.length && candidates[at]! <= index) at++;
    cursor.set(run.length, at);
    const closer = candidates[at];
    if (closer === undefined) continue;
    spans.push({ from: run.start, to: runs[closer]!.start + run.length });
    index = closer;
  }

  let out = "";
  let from = 0;
  for (const span of spans) {
    out += text.slice(from, span.from) + text.slice(span.from, span.to).replace(/[^\n]/g, " ");
    from = span.to;
  }
  return out + text.slice(from);
}
