import { describe, expect, it } from "vitest";
import { PostHogSource } from "../../src/signals/posthog.js";
import { POSTHOG, nockPostHogQuery } from "../helpers/signal-http.js";

const API_KEY = "phx_test_8c1d7e2f9a";
const AT = new Date("2026-03-10T09:00:00Z");
const HOGQL = "select count() from events where event = 'reorder' and timestamp > now() - interval 7 day";

const posthog = (o: { timeoutMs?: number } = {}) =>
  new PostHogSource({ name: "product", host: POSTHOG, project: "12345", apiKey: API_KEY, owners: null, limits: { concurrency: 2, perHour: 120 }, timeoutMs: o.timeoutMs ?? 2_000 });

const answer = (results: unknown[][], columns = ["count()"]) => ({ columns, types: [["count()", "UInt64"]], results, hasMore: false });

describe("PostHogSource", () => {
  it("posts the HogQL query with the key and reads the first column of the first row", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(200, answer([[1843, "ignored"], [12, "second row"]], ["count()", "label"]));

    expect(await posthog().read(HOGQL, AT)).toEqual({ value: 1843, at: AT });
  });

  it("reads a number PostHog sends as a string (large integers, decimals)", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(200, answer([["0.1834"]]));

    expect(await posthog().read(HOGQL, AT)).toEqual({ value: 0.1834, at: AT });
  });

  it("says a query without rows is empty", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(200, answer([]));

    expect(await posthog().read(HOGQL, AT)).toEqual({ failure: "empty", reason: "the query returned no rows", transient: false });
  });

  it("says a null first column is empty", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(200, answer([[null]], ["sum(amount)"]));

    expect(await posthog().read(HOGQL, AT)).toEqual({ failure: "empty", reason: "the value is null (column sum(amount))", transient: false });
  });

  it("says which column was not a number", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(200, answer([["reorder"]], ["event"]));

    expect(await posthog().read(HOGQL, AT)).toEqual({ failure: "not_a_number", reason: 'the value is the text "reorder", not a number (column event)', transient: false });
  });

  it("says a refused key is an authentication failure, with PostHog's explanation", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(401, { type: "authentication_error", code: "authentication_failed", detail: "Invalid personal API key.", attr: null });

    expect(await posthog().read(HOGQL, AT)).toEqual({ failure: "auth", reason: "product refused the credentials (401 Unauthorized): Invalid personal API key.", transient: false });
  });

  it("says a key without the query scope is an authentication failure", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(403, { type: "authentication_error", code: "permission_denied", detail: "API key missing required scope 'query:read'", attr: null });

    expect(await posthog().read(HOGQL, AT)).toMatchObject({ failure: "auth", reason: "product refused the credentials (403 Forbidden): API key missing required scope 'query:read'" });
  });

  it("passes on the wait a rate limit asks for in Retry-After", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(429, { type: "throttled_error", code: "throttled", detail: "Request was throttled. Expected available in 2202 seconds.", attr: null }, { "retry-after": "2202" });

    expect(await posthog().read(HOGQL, AT)).toEqual({ failure: "rate_limited", reason: "product is limiting requests (429 Too Many Requests); it asked to wait 2202 s", transient: true, retryAfterSeconds: 2202 });
  });

  it("reads the wait from PostHog's text when there is no Retry-After", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(429, { type: "throttled_error", code: "throttled", detail: "Request was throttled. Expected available in 60 seconds.", attr: null });

    expect(await posthog().read(HOGQL, AT)).toMatchObject({ failure: "rate_limited", retryAfterSeconds: 60 });
  });

  it("reads a Retry-After date against the answer's own Date", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(429, {}, { "retry-after": "Tue, 10 Mar 2026 09:05:00 GMT", date: "Tue, 10 Mar 2026 09:00:00 GMT" });

    expect(await posthog().read(HOGQL, AT)).toMatchObject({ failure: "rate_limited", retryAfterSeconds: 300 });
  });

  it("passes on a HogQL error and does not retry it", async () => {
    nockPostHogQuery("12345", "select nope(", API_KEY).reply(400, { type: "validation_error", code: "query_error", detail: "Syntax error at line 1, column 12", attr: null });

    expect(await posthog().read("select nope(", AT)).toEqual({ failure: "http_status", reason: "product answered 400 Bad Request: Syntax error at line 1, column 12", transient: false });
  });

  it("never shows the key, even when PostHog echoes it", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(401, { detail: `Invalid personal API key ${API_KEY}` });

    const result = await posthog().read(HOGQL, AT);

    expect(result).toMatchObject({ failure: "auth", reason: "product refused the credentials (401 Unauthorized): Invalid personal API key [redacted]" });
    expect(JSON.stringify(result)).not.toContain(API_KEY);
  });

  it("says an answer without results is a bad answer", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).reply(200, { query_status: { complete: false }, error: "query is still running" });

    expect(await posthog().read(HOGQL, AT)).toEqual({ failure: "bad_answer", reason: "product answered without query results: query is still running", transient: false });
  });

  it("gives up after the timeout", async () => {
    nockPostHogQuery("12345", HOGQL, API_KEY).delay(1_000).reply(200, answer([[1]]));

    expect(await posthog({ timeoutMs: 100 }).read(HOGQL, AT)).toEqual({ failure: "timeout", reason: "product did not answer within 0.1 s", transient: true });
  });
});
