/** GitHub rejects issue and comment bodies longer than this. */
export const GITHUB_BODY_LIMIT = 65_536;

const ZERO_WIDTH_SPACE = "\u200b";

/** Removes characters PostgreSQL text and jsonb cannot hold. */
export function stripNul(text: string): string {
  return text.includes("\u0000") ? text.replace(/\u0000/g, "") : text;
}

/** Deep copy of a JSON value with NUL characters removed from every string and key. */
export function stripNulDeep<T>(value: T): T {
  if (typeof value === "string") return stripNul(value) as T;
  if (Array.isArray(value)) return value.map((item) => stripNulDeep(item)) as T;
  if (value !== null && typeof value === "object") {
    // fromEntries defines own properties, so a `__proto__` key in a payload stays a key.
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [stripNul(key), stripNulDeep(item)])) as T;
  }
  return value;
}

/**
 * Makes user-written text safe to echo in a bot-written body: HTML is escaped, `@mentions`
 * of people and teams are broken with a zero-width space so nobody is notified by accident,
 * and NUL characters are dropped.
 */
export function echo(text: string): string {
  return stripNul(text)
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/(^|[^\w`])@(?=[A-Za-z0-9])/g, `$1@${ZERO_WIDTH_SPACE}`);
}

/** `text.slice(0, end)`, one shorter when the cut would split a surrogate pair (most emoji). */
export function sliceWhole(text: string, end: number): string {
  const cut = text.slice(0, Math.max(0, end));
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** `echo` for one line: newlines collapse to spaces and the text is cut to `max` characters. */
export function echoLine(text: string, max = 200): string {
  const line = stripNul(text).replace(/\s+/g, " ").trim();
  return echo(line.length > max ? `${sliceWhole(line, max - 1)}…` : line);
}

/** Hidden markers that end a body; they must survive a cut, or the bot loses track of its text. */
const TRAILING_MARKERS = /(?:\n<!-- senseloop:[^\n]*-->[ \t]*)+\n*$/;

/** Keeps a body under GitHub's limit, cutting at a line and saying so. */
export function fitBody(body: string, notice = "_This text was cut to fit GitHub's size limit._", limit = GITHUB_BODY_LIMIT): string {
  if (body.length <= limit) return body;
  const tail = `\n\n${notice}${TRAILING_MARKERS.exec(body)?.[0] ?? ""}`;
  const room = limit - tail.length;
  if (room <= 0) return sliceWhole(body, limit);
  const cut = sliceWhole(body, room);
  const lastLine = cut.lastIndexOf("\n");
  return `${lastLine > room / 2 ? cut.slice(0, lastLine) : cut}${tail}`;
}
