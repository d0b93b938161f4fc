import { describe, expect, it } from "vitest";
import { parseTarget, type Target } from "../../src/domain/signal-target.js";

describe("parseTarget", () => {
  it.each<[string, Target]>([
    ["+5%", { kind: "relative", percent: 5 }],
    ["-10%", { kind: "relative", percent: -10 }],
    ["−10%", { kind: "relative", percent: -10 }],
    ["+5 %", { kind: "relative", percent: 5 }],
    ["+ 2.5%", { kind: "relative", percent: 2.5 }],
    ["Repeat purchases +5% within 30 days", { kind: "relative", percent: 5 }],
    ["-10% in 30 days", { kind: "relative", percent: -10 }],
    ["Support tickets down 20%", { kind: "relative", percent: -20 }],
    ["checkouts up by 3%", { kind: "relative", percent: 3 }],
    [">= 0.18", { kind: "absolute", op: ">=", value: 0.18 }],
    ["≥ 0.18", { kind: "absolute", op: ">=", value: 0.18 }],
    ["=> .18", { kind: "absolute", op: ">=", value: 0.18 }],
    ["at least 0.18", { kind: "absolute", op: ">=", value: 0.18 }],
    ["Conversion no less than 0.2", { kind: "absolute", op: ">=", value: 0.2 }],
    ["> 18%", { kind: "absolute", op: ">", value: 18, unit: "%" }],
    ["more than 1,200 orders", { kind: "absolute", op: ">", value: 1200 }],
    ["above 3", { kind: "absolute", op: ">", value: 3 }],
    ["p95 < 300ms", { kind: "absolute", op: "<", value: 300, unit: "ms" }],
    ["< 300 ms", { kind: "absolute", op: "<", value: 300, unit: "ms" }],
    ["<= 2s", { kind: "absolute", op: "<=", value: 2, unit: "s" }],
    ["≤ 1.5 seconds", { kind: "absolute", op: "<=", value: 1.5, unit: "s" }],
    ["less than 5 minutes", { kind: "absolute", op: "<", value: 5, unit: "min" }],
    ["at most 2 hours", { kind: "absolute", op: "<=", value: 2, unit: "h" }],
    ["fewer than 40 errors", { kind: "absolute", op: "<", value: 40 }],
    ["below 0.01", { kind: "absolute", op: "<", value: 0.01 }],
    ["+200/week", { kind: "rate", delta: 200, per: "week" }],
    ["+200 / week", { kind: "rate", delta: 200, per: "week" }],
    ["+200 per week", { kind: "rate", delta: 200, per: "week" }],
    ["+200 orders per week", { kind: "rate", delta: 200, per: "week" }],
    ["+200 signups a week", { kind: "rate", delta: 200, per: "week" }],
    ["-3 per day", { kind: "rate", delta: -3, per: "day" }],
    ["+1,000/month", { kind: "rate", delta: 1000, per: "month" }],
    ["+12 every hour", { kind: "rate", delta: 12, per: "hour" }],
  ])("reads %j", (text, target) => {
    expect(parseTarget(text)).toEqual(target);
  });

  it.each<[string, string, Target]>([
    ["the first of two targets", "+5% and p95 < 300ms", { kind: "relative", percent: 5 }],
    ["a threshold after a window", "within 30 days, at least 0.18", { kind: "absolute", op: ">=", value: 0.18 }],
    ["a threshold, not the window after it", "at least 0.18 over 30 days", { kind: "absolute", op: ">=", value: 0.18 }],
    ["the rate, not a relative change, at the same place", "+200/week, about +5%", { kind: "rate", delta: 200, per: "week" }],
    ["line breaks as spaces", "Repeat purchases\n+5%", { kind: "relative", percent: 5 }],
  ])("reads %s", (_name, text, target) => {
    expect(parseTarget(text)).toEqual(target);
  });

  it.each([
    ["nothing", null],
    ["an empty answer", ""],
    ["prose without numbers", "Customers reorder more often"],
    ["a bare percentage without a direction", "Repeat purchases 5%"],
    ["a range between two numbers", "from 12% to 18%"],
    ["a duration after an operator (a window)", "at least 30 days"],
    ["a window in weeks", "at most 2 weeks"],
    ["a decimal comma", ">= 0,18"],
    ["a multiplier", "2x more reorders"],
    ["a number inside a word", "v2+5%"],
    ["a percentage per period", "+5%/week"],
  ])("reads %s as text", (_name, text) => {
    expect(parseTarget(text)).toEqual({ kind: "text" });
  });

  it("looks only at the first 2,000 characters, and quickly", () => {
    const started = performance.now();

    const target = parseTarget(`${"x ".repeat(5_000)}+5%`);

    expect(target).toEqual({ kind: "text" });
    expect(performance.now() - started).toBeLessThan(200);
  });
});
