import { failure, type ReadFailure } from "./source.js";

export const DEFAULT_TIMEOUT_MS = 10_000;
/** A number fits in far less; anything bigger is a misconfigured endpoint, not a reading. */
export const MAX_ANSWER_BYTES = 1_048_576;

export interface HttpRequest {
  url: URL;
  method: "GET" | "POST";
  headers: Record<string, string>;
  body?: string;
}

export interface HttpOptions {
  /** Source name, for reasons: "prod did not answer within 10 s". */
  label: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  maxBytes?: number;
}

export interface HttpAnswer {
  status: number;
  statusText: string;
  headers: Headers;
  text: string;
}

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(3))} s`;

type Halt = "timeout" | "cancelled";

/**
 * One HTTP exchange with a deadline that covers the whole answer, body included. Redirects
 * are not followed: only the configured address is ever called. Never throws.
 *
 * Until the headers arrive the deadline aborts the request; after that it cancels the body
 * stream instead. Both end the exchange, and aborting a fetch in the middle of its body trips
 * an assertion in Node's HTTP client under the test suite's HTTP stand-ins.
 */
export async function send(request: HttpRequest, options: HttpOptions): Promise<HttpAnswer | ReadFailure> {
  const { label, timeoutMs } = options;
  const controller = new AbortController();
  let halted: Halt | undefined;
  let headersIn = false;
  let wake: () => void = () => {};
  const haltedPromise = new Promise<void>((resolve) => (wake = resolve));
  const halt = (why: Halt) => {
    if (halted) return;
    halted = why;
    if (!headersIn) controller.abort(new DOMException(why, why === "timeout" ? "TimeoutError" : "AbortError"));
    wake();
  };
  const onCancel = () => halt("cancelled");
  const haltedFailure = () =>
    halted === "timeout" ? failure("timeout", `${label} did not answer within ${seconds(timeoutMs)}`, true) : failure("timeout", `the read from ${label} was cancelled before it answered`, true);

  if (options.signal?.aborted) return failure("timeout", `the read from ${label} was cancelled before it started`, true);
  const timer = setTimeout(() => halt("timeout"), timeoutMs);
  options.signal?.addEventListener("abort", onCancel, { once: true });
  try {
    let response: Response;
    try {
      response = await fetch(request.url, { method: request.method, headers: request.headers, body: request.body, redirect: "manual", signal: controller.signal });
    } catch (err) {
      if (halted) return haltedFailure();
      return failure("unreachable", `could not reach ${label} (${networkCode(err)})`, true);
    }
    headersIn = true;
    const body = await readBody(response, haltedPromise, () => halted !== undefined, options.maxBytes ?? MAX_ANSWER_BYTES);
    if (body === "halted") return haltedFailure();
    if (body === "too_large") return failure("bad_answer", `${label} answered with more than ${Math.round((options.maxBytes ?? MAX_ANSWER_BYTES) / 1024)} KB; a reading is one number`);
    if (body === "broken") return failure("unreachable", `the connection to ${label} broke while it answered`, true);
    return { status: response.status, statusText: response.statusText, headers: response.headers, text: body };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCancel);
  }
}

async function readBody(response: Response, halted: Promise<void>, isHalted: () => boolean, maxBytes: number): Promise<string | "halted" | "too_large" | "broken"> {
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), halted.then(() => "halted" as const)]);
      if (next === "halted" || isHalted()) {
        await reader.cancel().catch(() => {});
        return "halted";
      }
      if (next.done) break;
      size += next.value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => {});
        return "too_large";
      }
      chunks.push(next.value);
    }
  } catch {
    return isHalted() ? "halted" : "broken";
  }
  return new TextDecoder().decode(Buffer.concat(chunks));
}

/** The system error code of a failed connection (ECONNREFUSED, ENOTFOUND…), never its full message. */
function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; name?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === "string" && /^[A-Z0-9_]{2,40}$/.test(cause.code)) return cause.code;
  if (typeof cause?.name === "string" && /^[A-Za-z]{2,60}$/.test(cause.name)) return cause.name;
  return "network error";
}

/** `Retry-After` in seconds: a number of seconds, or an HTTP date measured against the answer's own `Date`. */
export function retryAfterSeconds(headers: Headers): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) return undefined;
  if (/^\d{1,7}$/.test(value)) return Number(value);
  const until = Date.parse(value);
  const sent = Date.parse(headers.get("date") ?? "");
  if (Number.isNaN(until) || Number.isNaN(sent)) return undefined;
  return Math.max(0, Math.round((until - sent) / 1000));
}

/**
 * The failure a non-2xx answer means. `detail` is the source's own explanation when it gave
 * one (Prometheus' `error`, PostHog's `detail`).
 */
export function statusFailure(label: string, answer: HttpAnswer, detail?: string, retryAfter = retryAfterSeconds(answer.headers)): ReadFailure {
  const { status } = answer;
  const said = detail ? `: ${detail}` : "";
  const code = `${status}${answer.statusText ? ` ${answer.statusText}` : ""}`;
  if (status >= 300 && status < 400) return failure("http_status", `${label} redirected (${code}); Senseloop only calls the configured address, so configure the final one`);
  if (status === 401 || status === 403) return failure("auth", `${label} refused the credentials (${code})${said}`);
  if (status === 429) {
    const wait = retryAfter !== undefined ? `; it asked to wait ${retryAfter} s` : "";
    return failure("rate_limited", `${label} is limiting requests (${code})${wait}`, true, retryAfter);
  }
  return failure("http_status", `${label} answered ${code}${said}`, status >= 500 || status === 408);
}

/** The answer's JSON, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
