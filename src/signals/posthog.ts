import { parseJson, send, statusFailure } from "./http.js";
import { HttpSource, type SourceSettings } from "./http-source.js";
import { failure, type ReadFailure, type Reading } from "./source.js";
import { toNumber } from "./to-number.js";

export interface PostHogSettings extends SourceSettings {
  /** e.g. https://eu.posthog.com, or a self-hosted instance. */
  host: string;
  project: string;
  apiKey: string;
}

interface PostHogAnswer {
  results?: unknown;
  columns?: unknown;
  detail?: unknown;
  error?: unknown;
}

/** PostHog's throttling answer says the wait in its text: "Expected available in 2202 seconds." */
function waitFromDetail(detail: string | undefined): number | undefined {
  const match = detail ? /available in (\d{1,7})(?:\.\d+)? seconds?/i.exec(detail) : null;
  return match ? Number(match[1]) : undefined;
}

/**
 * PostHog's query API: `POST {host}/api/projects/{project}/query/` with a HogQL query and a
 * personal API key. The number is the first column of the first row. HogQL reads "now", so
 * the reading is dated at the time the job asked for, not at a time PostHog reports.
 */
export class PostHogSource extends HttpSource {
  readonly kind = "posthog" as const;
  readonly #endpoint: URL;
  readonly #apiKey: string;

  constructor(settings: PostHogSettings) {
    super(settings, [settings.apiKey]);
    this.#endpoint = new URL(`${settings.host.replace(/\/+$/, "")}/api/projects/${encodeURIComponent(settings.project)}/query/`);
    this.#apiKey = settings.apiKey;
  }

  protected address(): string {
    return this.#endpoint.href;
  }

  protected async readOnce(query: string, at: Date, signal?: AbortSignal): Promise<Reading | ReadFailure> {
    const answer = await send(
      {
        url: this.#endpoint,
        method: "POST",
        headers: { accept: "application/json", "content-type": "application/json", authorization: `Bearer ${this.#apiKey}` },
        body: JSON.stringify({ query: { kind: "HogQLQuery", query } }),
      },
      { label: this.name, timeoutMs: this.timeoutMs, signal },
    );
    if ("failure" in answer) return answer;
    const body = parseJson(answer.text) as PostHogAnswer | undefined;
    const detail = body && typeof body.detail === "string" ? body.detail : undefined;
    if (answer.status < 200 || answer.status >= 300) {
      const failed = statusFailure(this.name, answer, detail);
      return failed.failure === "rate_limited" && failed.retryAfterSeconds === undefined ? statusFailure(this.name, answer, detail, waitFromDetail(detail)) : failed;
    }
    if (!body || typeof body !== "object" || !Array.isArray(body.results)) {
      const why = body && typeof body.error === "string" ? `: ${body.error}` : "";
      return failure("bad_answer", `${this.name} answered without query results${why}`);
    }
    const row: unknown = body.results[0];
    if (row === undefined) return failure("empty", "the query returned no rows");
    if (!Array.isArray(row) || row.length === 0) return failure("bad_answer", "the first row has no columns");
    const value = toNumber(row[0]);
    if (typeof value !== "number") {
      const column = Array.isArray(body.columns) && typeof body.columns[0] === "string" ? ` (column ${body.columns[0]})` : "";
      return { ...value, reason: `${value.reason}${column}` };
    }
    return { value, at };
  }
}
