/** A hypothesis's signal query once it names a source this installation may read. */
export interface SignalQuery {
  /** The source's name as the sources file spells it (lower case). */
  source: string;
  /** Passed to the source as its query parameter or body field, never as part of an address. */
  query: string;
}

/** Why a signal query cannot be read; shown in the check summary and the sense issue. */
export interface SignalQueryProblem {
  problem: string;
}

/** What the domain needs to know of a configured source: its name and who may use it. */
export interface SourceAccess {
  readonly name: string;
  allows(owner: string): boolean;
}

export const MAX_QUERY_LENGTH = 1_000;

const SOURCE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;
const EXAMPLE = "`prod: sum(increase(orders_total[7d]))`";

/** People paste the line as code; the backticks or fence are not part of the query. */
function unwrap(text: string): string {
  const trimmed = text.trim();
  const fence = /^(`{3,}|~{3,})[^\n]*\n([\s\S]*?)\n?\1\s*$/.exec(trimmed);
  if (fence) return fence[2]!.trim();
  const inline = /^(`+)([\s\S]*)\1$/.exec(trimmed);
  return inline ? inline[2]!.trim() : trimmed;
}

/**
 * Reads `<source>: <query>`. The source is the text before the first colon; the query is
 * everything after it, newlines included (HogQL is often written over several lines).
 */
export function parseSignalQueryLine(text: string): SignalQuery | SignalQueryProblem {
  const line = unwrap(text.replace(/\u0000/g, "").replace(/\r\n?/g, "\n"));
  if (/^https?:\/\//i.test(line)) return { problem: `the signal query is a link; links belong in *Signal*. Write \`source: query\`, for example ${EXAMPLE}` };
  const colon = line.indexOf(":");
  const name = colon < 0 ? "" : line.slice(0, colon).trim();
  if (colon < 0 || !SOURCE_NAME.test(name)) return { problem: `write the signal query as \`source: query\`, for example ${EXAMPLE}` };
  const query = line.slice(colon + 1).trim();
  if (query === "") return { problem: `the signal query for \`${name.toLowerCase()}\` is empty; write the query after the colon` };
  if (query.length > MAX_QUERY_LENGTH) return { problem: `the signal query is ${query.length.toLocaleString("en-US")} characters long; keep it under ${MAX_QUERY_LENGTH.toLocaleString("en-US")}` };
  return { source: name.toLowerCase(), query };
}

/**
 * Checks a hypothesis's signal query against the sources this process knows and the
 * installation that owns the hypothesis. Null when the hypothesis has none.
 *
 * The "known" list names only the sources this installation may use, so one installation
 * never learns another's source names; a source it may not use is named as such, because the
 * person who wrote it already knows the name.
 */
export function checkSignalQuery(text: string | null, sources: readonly SourceAccess[], owner: string): SignalQuery | SignalQueryProblem | null {
  if (text === null || text.trim() === "") return null;
  const parsed = parseSignalQueryLine(text);
  if ("problem" in parsed) return parsed;
  const source = sources.find((candidate) => candidate.name.toLowerCase() === parsed.source);
  if (source && !source.allows(owner)) return { problem: `the source \`${parsed.source}\` is not available to ${owner}; ask whoever runs Senseloop to add ${owner} to its owners` };
  if (!source) {
    const usable = sources.filter((candidate) => candidate.allows(owner)).map((candidate) => `\`${candidate.name}\``);
    const known = usable.length > 0 ? `known: ${usable.join(", ")}` : "no sources are set up for this installation";
    return { problem: `unknown source \`${parsed.source}\` (${known})` };
  }
  return { source: source.name, query: parsed.query };
}

export function isSignalQueryProblem(value: SignalQuery | SignalQueryProblem): value is SignalQueryProblem {
  return "problem" in value;
}
