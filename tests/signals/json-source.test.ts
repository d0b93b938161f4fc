import { describe, expect, it } from "vitest";
import { parseJsonPath, type PathStep } from "../../src/signals/json-path.js";
import { JsonSource } from "../../src/signals/json-source.js";
import { METRICS, nockJsonUrl } from "../helpers/signal-http.js";

const AT = new Date("2026-03-10T09:00:00Z");

function steps(path: string): PathStep[] {
  const parsed = parseJsonPath(path);
  if ("problem" in parsed) throw new Error(parsed.problem);
  return parsed;
}

const json = (o: { url?: string; pick?: string; headers?: Record<string, string>; timeoutMs?: number } = {}) =>
  new JsonSource({ name: "growth", url: o.url ?? `${METRICS}/api/series?name={query}`, pick: steps(o.pick ?? "$.data.latest"), headers: o.headers ?? {}, owners: null, limits: { concurrency: 2, perHour: null }, timeoutMs: o.timeoutMs ?? 2_000 });

describe("JsonSource", () => {
  it("reads the number the path picks, sending the query URL-encoded and the configured headers", async () => {
    nockJsonUrl("/api/series", { name: "signups weekly" }, { "x-api-key": "growth-key-77" }).reply(200, { data: { latest: 412, series: [1, 2] } });

    expect(await json({ headers: { "X-Api-Key": "growth-key-77" } }).read("signups weekly", AT)).toEqual({ value: 412, at: AT });
  });

  it.each([
    ["an index from the end", "$.data.points[-1].value", { data: { points: [{ value: 3 }, { value: 9 }] } }, 9],
    ["the first item", "$.data.points[0].value", { data: { points: [{ value: 3 }, { value: 9 }] } }, 3],
    ["a key with a dash", "$['series-7d'].total", { "series-7d": { total: "18.5" } }, 18.5],
    ["a top-level number", "$", 42, 42],
  ])("picks %s", async (_name, pick, body, value) => {
    nockJsonUrl("/api/series", { name: "q" }).reply(200, body);

    expect(await json({ pick }).read("q", AT)).toMatchObject({ value });
  });

  it.each([
    ["a missing key", "$.data.latest", { data: { previous: 1 } }, "nothing at $.data.latest: $.data has no key \"latest\""],
    ["an index past the end", "$.data[2]", { data: [1, 2] }, "nothing at $.data[2]: $.data has 2 items, so there is no [2]"],
    ["an object where a list was expected", "$.data[0]", { data: { a: 1 } }, "nothing at $.data[0]: $.data is not a list"],
    ["a prototype key", "$.constructor", {}, 'nothing at $.constructor: $ has no key "constructor"'],
    ["a null value", "$.data.latest", { data: { latest: null } }, "$.data.latest: the value is null"],
  ])("says %s is empty", async (_name, pick, body, reason) => {
    nockJsonUrl("/api/series", { name: "q" }).reply(200, body);

    expect(await json({ pick }).read("q", AT)).toEqual({ failure: "empty", reason, transient: false });
  });

  it.each([
    ["an object", { latest: { value: 1 } }, "$.latest: the value is an object, not a number"],
    ["a boolean", { latest: true }, "$.latest: the value is true, not a number"],
    ["a word", { latest: "n/a" }, '$.latest: the value is the text "n/a", not a number'],
    ["a list", { latest: [1, 2] }, "$.latest: the value is a list of 2 items, not a number"],
  ])("says %s is not a number", async (_name, body, reason) => {
    nockJsonUrl("/api/series", { name: "q" }).reply(200, body);

    expect(await json({ pick: "$.latest" }).read("q", AT)).toEqual({ failure: "not_a_number", reason, transient: false });
  });

  it("keeps a query with slashes, ? and # inside one path segment on the configured server", async () => {
    nockJsonUrl("/v1/metrics/a%2Fb%3Fc%23d%40evil.example.net/latest").reply(200, { data: { latest: 1 } });

    expect(await json({ url: `${METRICS}/v1/metrics/{query}/latest` }).read("a/b?c#d@evil.example.net", AT)).toMatchObject({ value: 1 });
  });

  it("fills in {at} with the reading's Unix time", async () => {
    nockJsonUrl("/api/series", { name: "q", at: String(AT.getTime() / 1000) }).reply(200, { data: { latest: 5 } });

    expect(await json({ url: `${METRICS}/api/series?name={query}&at={at}` }).read("q", AT)).toMatchObject({ value: 5 });
  });

  it("refuses a query of only dots, which would climb the path, without calling anything", async () => {
    expect(await json({ url: `${METRICS}/v1/metrics/{query}/latest` }).read("..", AT)).toEqual({ failure: "bad_answer", reason: "a query of only dots is not read: it would change the path called", transient: false });
  });

  it("says a page that is not JSON is a bad answer", async () => {
    nockJsonUrl("/api/series", { name: "q" }).reply(200, "<html></html>");

    expect(await json().read("q", AT)).toEqual({ failure: "bad_answer", reason: "growth did not answer with JSON", transient: false });
  });

  it("passes on a JSON error message with the status", async () => {
    nockJsonUrl("/api/series", { name: "q" }).reply(500, { error: "series store unavailable" });

    expect(await json().read("q", AT)).toEqual({ failure: "http_status", reason: "growth answered 500 Internal Server Error: series store unavailable", transient: true });
  });

  it("refuses an answer too big to be a reading", async () => {
    nockJsonUrl("/api/series", { name: "q" }).reply(200, { data: { latest: 1, padding: "x".repeat(1_100_000) } });

    expect(await json().read("q", AT)).toEqual({ failure: "bad_answer", reason: "growth answered with more than 1024 KB; a reading is one number", transient: false });
  });

  it("gives up after the timeout", async () => {
    nockJsonUrl("/api/series", { name: "q" }).delay(1_000).reply(200, { data: { latest: 1 } });

    expect(await json({ timeoutMs: 100 }).read("q", AT)).toEqual({ failure: "timeout", reason: "growth did not answer within 0.1 s", transient: true });
  });
});
