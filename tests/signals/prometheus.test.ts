import nock from "nock";
import { describe, expect, it } from "vitest";
import { PrometheusSource } from "../../src/signals/prometheus.js";
import type { ReadFailure, Reading } from "../../src/signals/source.js";
import { PROMETHEUS, nockPrometheusQuery, promVector } from "../helpers/signal-http.js";

const TOKEN = "prom-token-4f9a2c1e";
const AT = new Date("2026-03-10T09:00:00Z");
const TIME = String(AT.getTime() / 1000);
const QUERY = "sum(increase(orders_reordered_total[7d]))";

const prometheus = (o: { url?: string; timeoutMs?: number } = {}) =>
  new PrometheusSource({ name: "prod", url: o.url ?? PROMETHEUS, headers: { Authorization: `Bearer ${TOKEN}` }, owners: null, limits: { concurrency: 2, perHour: null }, timeoutMs: o.timeoutMs ?? 2_000 });

const read = (source = prometheus(), query = QUERY, signal?: AbortSignal): Promise<Reading | ReadFailure> => source.read(query, AT, signal);

describe("PrometheusSource: numbers", () => {
  it("reads the one sample of a vector, sending the query, the time and the configured header", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }, { headers: { authorization: `Bearer ${TOKEN}` } }).reply(200, promVector([{ value: "1204", time: 1773133200 }]));

    expect(await read()).toEqual({ value: 1204, at: new Date(1773133200 * 1000) });
  });

  it.each([
    ["a decimal", "123.4", 123.4],
    ["an exponent", "1e+06", 1_000_000],
    ["a negative number", "-3.5", -3.5],
  ])("reads %s sent as a string", async (_name, sent, value) => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(200, promVector([{ value: sent }]));

    expect(await read()).toMatchObject({ value });
  });

  it("reads a scalar", async () => {
    nockPrometheusQuery({ query: "scalar(up)", time: TIME }).reply(200, { status: "success", data: { resultType: "scalar", result: [1773133200, "0.18"] } });

    expect(await read(prometheus(), "scalar(up)")).toEqual({ value: 0.18, at: new Date(1773133200 * 1000) });
  });

  it("keeps a path prefix in the server's URL", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }, { path: "/prometheus/api/v1/query" }).reply(200, promVector([{ value: "7" }]));

    expect(await read(prometheus({ url: `${PROMETHEUS}/prometheus/` }))).toMatchObject({ value: 7 });
  });

  it("sends a query with quotes, braces and ampersands as one encoded parameter", async () => {
    const query = 'sum(rate(http_requests_total{job="api",path=~"/a&b"}[5m]))';
    nockPrometheusQuery({ query, time: TIME }).reply(200, promVector([{ value: "1" }]));

    expect(await read(prometheus(), query)).toMatchObject({ value: 1 });
  });
});

describe("PrometheusSource: answers without a number", () => {
  it("says an empty vector is empty", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(200, { status: "success", data: { resultType: "vector", result: [] } });

    expect(await read()).toEqual({ failure: "empty", reason: "the query returned no series at 2026-03-10T09:00:00.000Z", transient: false });
  });

  it("refuses several series, saying how many, rather than adding them up", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(200, promVector([{ value: "1", labels: { instance: "a" } }, { value: "2", labels: { instance: "b" } }, { value: "3", labels: { instance: "c" } }]));

    expect(await read()).toEqual({ failure: "bad_answer", reason: "the query returned 3 series; wrap it in sum(…) or narrow it to one series", transient: false });
  });

  it("refuses a range vector", async () => {
    nockPrometheusQuery({ query: "up[5m]", time: TIME }).reply(200, { status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: [[1, "1"]] }] } });

    expect(await read(prometheus(), "up[5m]")).toMatchObject({ failure: "bad_answer", reason: "the query returned a range vector; write an instant query such as sum(increase(orders_total[7d]))" });
  });

  it.each([
    ["NaN", "NaN", 'the value is the text "NaN", not a number'],
    ["+Inf", "+Inf", 'the value is the text "+Inf", not a number'],
  ])("says %s is not a number", async (_name, sent, reason) => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(200, promVector([{ value: sent }]));

    expect(await read()).toEqual({ failure: "not_a_number", reason, transient: false });
  });

  it("passes on Prometheus' error text with its status", async () => {
    nockPrometheusQuery({ query: "sum(", time: TIME }).reply(400, { status: "error", errorType: "bad_data", error: 'invalid parameter "query": 1:5: parse error: unclosed left parenthesis' });

    expect(await read(prometheus(), "sum(")).toEqual({ failure: "http_status", reason: 'prod answered 400 Bad Request: bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis', transient: false });
  });

  it("reads status: error in a 200 answer as a failure with the error text", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(200, { status: "error", errorType: "execution", error: "many-to-many matching not allowed" });

    expect(await read()).toEqual({ failure: "bad_answer", reason: "prod could not run the query: execution: many-to-many matching not allowed", transient: false });
  });

  it("counts a 503 as transient", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(503, { status: "error", errorType: "timeout", error: "query timed out in expression evaluation" });

    expect(await read()).toEqual({ failure: "http_status", reason: "prod answered 503 Service Unavailable: timeout: query timed out in expression evaluation", transient: true });
  });

  it.each([401, 403])("says %i is an authentication failure", async (status) => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(status, "denied");

    expect(await read()).toMatchObject({ failure: "auth", transient: false, reason: expect.stringMatching(new RegExp(`^prod refused the credentials \\(${status} `)) });
  });

  it("says a page that is not JSON is a bad answer", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(200, "<html>login</html>", { "content-type": "text/html" });

    expect(await read()).toEqual({ failure: "bad_answer", reason: "prod did not answer with JSON; is https://prometheus.example.com a Prometheus server?", transient: false });
  });

  it("does not follow a redirect to another address", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(302, "", { location: "https://elsewhere.example.net/api/v1/query" });

    expect(await read()).toMatchObject({ failure: "http_status", reason: "prod redirected (302 Found); Senseloop only calls the configured address, so configure the final one" });
  });

  it("never shows the token, even when the server echoes it", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(401, { status: "error", errorType: "auth", error: `bad token Bearer ${TOKEN}` });

    const result = await read();

    expect(result).toMatchObject({ failure: "auth", reason: "prod refused the credentials (401 Unauthorized): auth: bad token [redacted]" });
    expect(JSON.stringify(result)).not.toContain(TOKEN);
  });

  it("never shows the token when the server echoes it without its scheme", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(403, { status: "error", errorType: "auth", error: `token ${TOKEN} expired` });

    expect(await read()).toMatchObject({ failure: "auth", reason: "prod refused the credentials (403 Forbidden): auth: token [redacted] expired" });
  });
});

describe("PrometheusSource: a server that is slow or down", () => {
  it("gives up after the timeout when the answer is slow", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).delay(1_000).reply(200, promVector([{ value: "1" }]));
    const started = performance.now();

    const result = await read(prometheus({ timeoutMs: 100 }));

    expect(result).toEqual({ failure: "timeout", reason: "prod did not answer within 0.1 s", transient: true });
    expect(performance.now() - started).toBeLessThan(900);
  });

  it("gives up after the timeout when the headers never come", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).reply(async () => {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      return [200, promVector([{ value: "1" }])];
    });

    expect(await read(prometheus({ timeoutMs: 100 }))).toEqual({ failure: "timeout", reason: "prod did not answer within 0.1 s", transient: true });
  });

  it("says a refused connection is unreachable and transient", async () => {
    // An Error instance: nock leaves fetch hanging on a plain object.
    nockPrometheusQuery({ query: QUERY, time: TIME }).replyWithError(Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:9090"), { code: "ECONNREFUSED" }));

    expect(await read()).toEqual({ failure: "unreachable", reason: "could not reach prod (ECONNREFUSED)", transient: true });
  });

  it("stops when the caller cancels", async () => {
    nockPrometheusQuery({ query: QUERY, time: TIME }).delay(1_000).reply(200, promVector([{ value: "1" }]));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);

    expect(await read(prometheus(), QUERY, controller.signal)).toEqual({ failure: "timeout", reason: "the read from prod was cancelled before it answered", transient: true });
  });

  it("calls nothing when cancelled before it starts", async () => {
    const controller = new AbortController();
    controller.abort();

    expect(await read(prometheus(), QUERY, controller.signal)).toMatchObject({ failure: "timeout", reason: "the read from prod was cancelled before it started" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("calls nothing for an empty query", async () => {
    expect(await read(prometheus(), "   ")).toEqual({ failure: "empty", reason: "the query is empty", transient: false });
  });
});
