import { parseJson, send, statusFailure } from "./http.js";
import { HttpSource, type SourceSettings } from "./http-source.js";
import { formatJsonPath, pick, type PathStep } from "./json-path.js";
import { failure, type ReadFailure, type Reading } from "./source.js";
import { toNumber } from "./to-number.js";

export interface JsonSourceSettings extends SourceSettings {
  /** A URL template: `{query}` becomes the URL-encoded query, `{at}` the reading's time in Unix seconds. */
  url: string;
  pick: readonly PathStep[];
  headers: Record<string, string>;
}

/** The scheme and authority of a template, where `{query}` may never appear (checked by the schema too). */
export function templateOrigin(template: string): string {
  return new URL(template.replaceAll("{query}", "q").replaceAll("{at}", "0")).origin;
}

/** Any JSON API: `GET` the URL template with the query encoded in, then `pick` one number from the answer. */
export class JsonSource extends HttpSource {
  readonly kind = "json" as const;
  readonly #template: string;
  readonly #origin: string;
  readonly #pick: readonly PathStep[];
  readonly #headers: Record<string, string>;

  constructor(settings: JsonSourceSettings) {
    super(settings, Object.values(settings.headers));
    this.#template = settings.url;
    this.#origin = templateOrigin(settings.url);
    this.#pick = settings.pick;
    this.#headers = { ...settings.headers };
  }

  protected address(): string {
    return this.#template;
  }

  protected async readOnce(query: string, at: Date, signal?: AbortSignal): Promise<Reading | ReadFailure> {
    // encodeURIComponent leaves no "/", "?", "#", "@" or ":" unencoded, so the query cannot
    // change which server is called (the origin check makes sure of it); only a query of dots
    // could still climb the path as a "." or ".." segment.
    if (/^\.+$/.test(query.trim())) return failure("bad_answer", "a query of only dots is not read: it would change the path called");
    const url = new URL(this.#template.replaceAll("{query}", encodeURIComponent(query)).replaceAll("{at}", String(Math.floor(at.getTime() / 1000))));
    if (url.origin !== this.#origin) return failure("bad_answer", `the query would change the address ${this.name} calls`);
    const answer = await send({ url, method: "GET", headers: { accept: "application/json", ...this.#headers } }, { label: this.name, timeoutMs: this.timeoutMs, signal });
    if ("failure" in answer) return answer;
    const body = parseJson(answer.text);
    if (answer.status < 200 || answer.status >= 300) return statusFailure(this.name, answer, errorText(body));
    if (body === undefined) return failure("bad_answer", `${this.name} did not answer with JSON`);
    const picked = pick(body, this.#pick);
    if (!picked.found) return failure("empty", `nothing at ${formatJsonPath(this.#pick)}: ${picked.reason}`);
    const value = toNumber(picked.value);
    if (typeof value !== "number") return { ...value, reason: `${formatJsonPath(this.#pick)}: ${value.reason}` };
    return { value, at };
  }
}

/** A JSON error body's own message, when it has an obvious one. */
function errorText(body: unknown): string | undefined {
  if (body === null || typeof body !== "object") return undefined;
  for (const key of ["error", "message", "detail"]) {
    const value = (body as Record<string, unknown>)[key];
    if (typeof value === "string") return value.slice(0, 200);
  }
  return undefined;
}
