import { describe, expect, it } from "vitest";
import { evaluateTarget, formatNumber, type Evaluation, type ReadingsSoFar, type SignalReading } from "../../src/domain/signal-evaluate.js";
import { parseTarget } from "../../src/domain/signal-target.js";

const SHIP = new Date("2026-03-03T09:00:00Z");
const at = (days: number) => new Date(SHIP.getTime() + days * 86_400_000);
const read = (value: number, days: number, unit?: string): SignalReading => ({ value, at: at(days), ...(unit ? { unit } : {}) });
const readings = (o: Partial<ReadingsSoFar>): ReadingsSoFar => ({ baseline: null, latest: null, due: null, ...o });
const evaluate = (byHowMuch: string, o: Partial<ReadingsSoFar>) => evaluateTarget(parseTarget(byHowMuch), readings(o));

describe("evaluateTarget: relative targets", () => {
  it.each<[string, string, Partial<ReadingsSoFar>, Pick<Evaluation, "status" | "reason">]>([
    ["met before the due date", "+5%", { baseline: read(1000, 0), latest: read(1060, 7) }, { status: "target_met", reason: "+6% since the baseline; the target is +5%" }],
    ["met exactly", "+5%", { baseline: read(1000, 0), latest: read(1050, 7) }, { status: "target_met", reason: "+5% since the baseline; the target is +5%" }],
    ["moving up towards it", "+5%", { baseline: read(1000, 0), latest: read(1020, 7) }, { status: "on_track", reason: "+2% since the baseline, towards +5%" }],
    ["moving the wrong way", "+5%", { baseline: read(1000, 0), latest: read(990, 7) }, { status: "not_yet", reason: "-1% since the baseline; the target is +5%" }],
    ["not moving at all", "+5%", { baseline: read(1000, 0), latest: read(1000, 7) }, { status: "not_yet", reason: "0% since the baseline; the target is +5%" }],
    ["a fall that was wanted", "-10%", { baseline: read(200, 0), latest: read(170, 7) }, { status: "target_met", reason: "-15% since the baseline; the target is -10%" }],
    ["a fall on its way", "-10%", { baseline: read(200, 0), latest: read(196, 7) }, { status: "on_track", reason: "-2% since the baseline, towards -10%" }],
    ["missed at the due date", "+5%", { baseline: read(1000, 0), latest: read(1030, 14), due: read(1030, 14) }, { status: "not_yet", reason: "at the due date, +3% since the baseline, short of +5%" }],
    ["met at the due date", "+5%", { baseline: read(1000, 0), latest: read(1080, 14), due: read(1080, 14) }, { status: "target_met", reason: "at the due date, +8% since the baseline; the target is +5%" }],
    ["judged at the due date even with a later reading", "+5%", { baseline: read(1000, 0), latest: read(1100, 16), due: read(1010, 14) }, { status: "not_yet", reason: "at the due date, +1% since the baseline, short of +5%" }],
    ["a negative baseline that rises", "+10%", { baseline: read(-200, 0), latest: read(-170, 7) }, { status: "target_met", reason: "+15% since the baseline; the target is +10%" }],
  ])("%s", (_name, byHowMuch, given, expected) => {
    expect(evaluate(byHowMuch, given)).toMatchObject(expected);
  });

  it("gives the change since the baseline as a delta and a percentage", () => {
    expect(evaluate("+5%", { baseline: read(1204, 0), latest: read(1262, 7) }).change).toEqual({ delta: 58, percent: (58 / 1204) * 100 });
  });

  it.each<[string, Partial<ReadingsSoFar>, string]>([
    ["no baseline", { latest: read(1060, 7) }, "no baseline was read when it shipped, so the change cannot be measured"],
    ["only the baseline", { baseline: read(1000, 0) }, "only the baseline so far"],
    ["no reading at all", {}, "no baseline was read when it shipped, so the change cannot be measured"],
    ["a failed attempt", { baseline: read(1000, 0), lastFailure: "prod did not answer within 10 s" }, "the last reading failed: prod did not answer within 10 s"],
  ])("has no reading with %s", (_name, given, reason) => {
    expect(evaluate("+5%", given)).toEqual({ status: "no_reading", reason, change: null });
  });

  it("cannot measure a percentage from a baseline of 0", () => {
    expect(evaluate("+5%", { baseline: read(0, 0), latest: read(10, 7) })).toEqual({ status: "no_target", reason: "the baseline was 0, so a percentage change cannot be measured", change: { delta: 10, percent: null } });
  });
});

describe("evaluateTarget: absolute targets", () => {
  it.each<[string, string, Partial<ReadingsSoFar>, Pick<Evaluation, "status" | "reason">]>([
    ["met", ">= 0.18", { baseline: read(0.15, 0), latest: read(0.19, 7) }, { status: "target_met", reason: "0.19; the target is ≥ 0.18" }],
    ["met without a baseline", ">= 0.18", { latest: read(0.2, 7) }, { status: "target_met", reason: "0.2; the target is ≥ 0.18" }],
    ["the boundary of a strict comparison", "> 0.18", { baseline: read(0.15, 0), latest: read(0.18, 7) }, { status: "on_track", reason: "0.18, towards > 0.18" }],
    ["rising towards a floor", "at least 0.18", { baseline: read(0.15, 0), latest: read(0.16, 7) }, { status: "on_track", reason: "0.16, towards ≥ 0.18" }],
    ["falling away from a floor", ">= 0.18", { baseline: read(0.15, 0), latest: read(0.14, 7) }, { status: "not_yet", reason: "0.14; the target is ≥ 0.18" }],
    ["short without a baseline to compare", ">= 0.18", { latest: read(0.16, 7) }, { status: "not_yet", reason: "0.16; the target is ≥ 0.18" }],
    ["falling towards a ceiling", "< 300ms", { baseline: read(420, 0), latest: read(350, 7) }, { status: "on_track", reason: "350, towards < 300 ms" }],
    ["under a ceiling", "< 300ms", { baseline: read(420, 0), latest: read(280, 7) }, { status: "target_met", reason: "280; the target is < 300 ms" }],
    ["missed at the due date", "<= 2s", { baseline: read(3, 0), due: read(2.5, 14), latest: read(2.5, 14) }, { status: "not_yet", reason: "at the due date, 2.5, short of ≤ 2 s" }],
    ["a percentage compared as written", "> 18%", { latest: read(19, 7) }, { status: "target_met", reason: "19; the target is > 18%" }],
  ])("%s", (_name, byHowMuch, given, expected) => {
    expect(evaluate(byHowMuch, given)).toMatchObject(expected);
  });

  it.each<[string, string, SignalReading, string]>([
    ["seconds against milliseconds", "<= 2s", read(1800, 7, "ms"), "target_met"],
    ["seconds against milliseconds, over", "<= 2s", read(2100, 7, "ms"), "not_yet"],
    ["milliseconds against seconds", "< 300ms", read(0.25, 7, "s"), "target_met"],
    ["minutes against seconds", "< 5 minutes", read(290, 7, "s"), "target_met"],
    ["hours against minutes", "at most 2 hours", read(150, 7, "min"), "not_yet"],
    ["the same unit in another case", "< 300ms", read(250, 7, "MS"), "target_met"],
  ])("converts %s", (_name, byHowMuch, latest, status) => {
    expect(evaluate(byHowMuch, { latest }).status).toBe(status);
  });

  it("cannot compare a time target with a reading in another unit", () => {
    expect(evaluate("< 300ms", { latest: read(250, 7, "orders") })).toMatchObject({ status: "no_target", reason: "the target is in ms and the reading in orders" });
  });

  it("has no reading with only the baseline", () => {
    expect(evaluate(">= 0.18", { baseline: read(0.2, 0) })).toEqual({ status: "no_reading", reason: "only the baseline so far", change: null });
  });
});

describe("evaluateTarget: rate targets", () => {
  it.each<[string, string, Partial<ReadingsSoFar>, Pick<Evaluation, "status" | "reason">]>([
    ["met over two weeks", "+200/week", { baseline: read(1000, 0), latest: read(1450, 14) }, { status: "target_met", reason: "+225 per week since the baseline; the target is +200 per week" }],
    ["growing too slowly", "+200/week", { baseline: read(1000, 0), latest: read(1100, 7) }, { status: "on_track", reason: "+100 per week since the baseline, towards +200 per week" }],
    ["shrinking", "+200/week", { baseline: read(1000, 0), latest: read(900, 7) }, { status: "not_yet", reason: "-100 per week since the baseline; the target is +200 per week" }],
    ["a wanted fall per day", "-3 per day", { baseline: read(100, 0), latest: read(70, 7) }, { status: "target_met", reason: "-4.29 per day since the baseline; the target is -3 per day" }],
    ["missed at the due date", "+200/week", { baseline: read(1000, 0), due: read(1200, 14), latest: read(1200, 14) }, { status: "not_yet", reason: "at the due date, +100 per week since the baseline, short of +200 per week" }],
  ])("%s", (_name, byHowMuch, given, expected) => {
    expect(evaluate(byHowMuch, given)).toMatchObject(expected);
  });

  it("has no reading when the latest reading is the baseline's moment", () => {
    expect(evaluate("+200/week", { baseline: read(1000, 0), latest: read(1000, 0) })).toMatchObject({ status: "no_reading", reason: "only the baseline so far" });
  });

  it("needs a baseline", () => {
    expect(evaluate("+200/week", { latest: read(1000, 7) })).toMatchObject({ status: "no_reading", reason: "no baseline was read when it shipped, so the change cannot be measured" });
  });
});

describe("evaluateTarget: a target written as text", () => {
  it("gives the readings and the change, with nothing to check", () => {
    expect(evaluate("Customers reorder more", { baseline: read(10, 0), latest: read(12, 7) })).toEqual({
      status: "no_target",
      reason: "*By how much* has no target Senseloop can check (such as +5%, ≥ 0.18 or +200/week); compare the readings by eye",
      change: { delta: 2, percent: 20 },
    });
  });

  it("has no reading before there is one", () => {
    expect(evaluate("Customers reorder more", { baseline: read(10, 0) })).toMatchObject({ status: "no_reading", reason: "only the baseline so far" });
  });
});

describe("formatNumber", () => {
  it.each([
    [0, "0"],
    [-0, "0"],
    [0.18, "0.18"],
    [0.123456, "0.123"],
    [0.000123456, "0.000123"],
    [4.8213, "4.82"],
    [-10, "-10"],
    [999.999, "1,000"],
    [1204, "1,204"],
    [1234567.89, "1,234,568"],
  ])("writes %d as %s", (value, text) => {
    expect(formatNumber(value)).toBe(text);
  });
});
