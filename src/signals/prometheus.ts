import { parseJson, send, statusFailure } from "./http.js";
import { HttpSource, type SourceSettings } from "./http-source.js";
import { failure, type ReadFailure, type Reading } from "./source.js";
import { toNumber } from "./to-number.js";

export interface PrometheusSettings extends SourceSettings {
  /** The server's root, e.g. https://prometheus.example.com (a path prefix is kept). */
  url: string;
  headers: Record<string, string>;
}

interface PrometheusAnswer {
  status?: unknown;
  error?: unknown;
  errorType?: unknown;
  data?: { resultType?: unknown; result?: unknown };
}

const sampleTime = (value: unknown, fallback: Date) => {
  const seconds = typeof value === "number" ? value : Number.NaN;
  return Number.isFinite(seconds) ? new Date(seconds * 1000) : fallback;
};

/**
 * Prometheus' instant query: `GET {url}/api/v1/query?query=…&time=<unix seconds>`. A scalar
 * or a vector of exactly one series is a number. Several series are a failure rather than a
 * silent sum: they usually mean a missing `sum(…)` or label, and adding per-instance gauges
 * would give a number nobody asked for.
 */
export class PrometheusSource extends HttpSource {
  readonly kind = "prometheus" as const;
  readonly #endpoint: URL;
  readonly #headers: Record<string, string>;

  constructor(settings: PrometheusSettings) {
    super(settings, Object.values(settings.headers));
    this.#endpoint = new URL(`${settings.url.replace(/\/+$/, "")}/api/v1/query`);
    this.#headers = { ...settings.headers };
  }

  protected address(): string {
    return this.#endpoint.href;
  }

  protected async readOnce(query: string, at: Date, signal?: AbortSignal): Promise<Reading | ReadFailure> {
    const url = new URL(this.#endpoint);
    url.searchParams.set("query", query);
    url.searchParams.set("time", String(at.getTime() / 1000));
    const answer = await send({ url, method: "GET", headers: { accept: "application/json", ...this.#headers } }, { label: this.name, timeoutMs: this.timeoutMs, signal });
    if ("failure" in answer) return answer;
    const body = parseJson(answer.text) as PrometheusAnswer | undefined;
    const said = body && typeof body.error === "string" ? `${typeof body.errorType === "string" ? `${body.errorType}: ` : ""}${body.error}` : undefined;
    if (answer.status < 200 || answer.status >= 300) return statusFailure(this.name, answer, said);
    if (!body || typeof body !== "object") return failure("bad_answer", `${this.name} did not answer with JSON; is ${this.#endpoint.origin} a Prometheus server?`);
    if (body.status === "error") return failure("bad_answer", `${this.name} could not run the query: ${said ?? "no reason given"}`);
    return this.#value(body.data, at);
  }

  #value(data: PrometheusAnswer["data"], at: Date): Reading | ReadFailure {
    const result = data?.result;
    switch (data?.resultType) {
      case "scalar":
        return this.#sample(result, at);
      case "vector": {
        if (!Array.isArray(result)) break;
        if (result.length === 0) return failure("empty", `the query returned no series at ${at.toISOString()}`);
        if (result.length > 1) return failure("bad_answer", `the query returned ${result.length} series; wrap it in sum(…) or narrow it to one series`);
        return this.#sample((result[0] as { value?: unknown } | null)?.value, at);
      }
      case "matrix":
        return failure("bad_answer", "the query returned a range vector; write an instant query such as sum(increase(orders_total[7d]))");
      case "string":
        return failure("not_a_number", "the query returned a string, not a number");
    }
    return failure("bad_answer", `${this.name} answered without a query result`);
  }

  #sample(sample: unknown, at: Date): Reading | ReadFailure {
    if (!Array.isArray(sample) || sample.length !== 2) return failure("bad_answer", `${this.name} answered with a malformed sample`);
    const value = toNumber(sample[1]);
    if (typeof value !== "number") return value;
    return { value, at: sampleTime(sample[0], at) };
  }
}
