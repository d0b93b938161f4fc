import { describe, expect, it } from "vitest";
import { nextHold, type RateLimitAnswer, type RateLimitHold } from "../../src/domain/rate-limit-hold.js";

const NOW = new Date("2026-03-02T09:00:00.000Z");
const plus = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const secondary: RateLimitAnswer = { kind: "secondary", retryAfterSeconds: undefined };

describe("nextHold", () => {
  it.each<[string, RateLimitHold | null, RateLimitAnswer, Date, number]>([
    ["the primary limit holds until its reset, and a second more", null, { kind: "primary", resetAt: plus(600) }, plus(601), 0],
    ["a reset already past still holds a second", null, { kind: "primary", resetAt: plus(-5) }, plus(1), 0],
    ["a secondary limit holds for its retry-after", null, { kind: "secondary", retryAfterSeconds: 120 }, plus(120), 0],
    ["one without a retry-after holds a minute", null, secondary, plus(60), 1],
    ["the next in a row holds two", { until: plus(-10), kind: "secondary", strikes: 1 }, secondary, plus(120), 2],
    ["the third four", { until: plus(-10), kind: "secondary", strikes: 2 }, secondary, plus(240), 3],
    ["never more than an hour", { until: plus(-10), kind: "secondary", strikes: 9 }, secondary, plus(3600), 10],
    ["a quarter of an hour later the doubling starts again", { until: plus(-901), kind: "secondary", strikes: 4 }, secondary, plus(60), 1],
    ["a new hold never ends before one in force", { until: plus(900), kind: "primary", strikes: 0 }, { kind: "secondary", retryAfterSeconds: 30 }, plus(900), 0],
  ])("%s", (_name, previous, answer, until, strikes) => {
    const hold = nextHold(previous, answer, NOW);

    expect([hold.until.toISOString(), hold.strikes]).toEqual([until.toISOString(), strikes]);
  });
});
