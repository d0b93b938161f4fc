import { describe, expect, it } from "vitest";
import { readingTrend, type TrendPoint } from "../../src/domain/reading-trend.js";

const at = (day: number) => new Date(Date.UTC(2026, 2, day, 9));
const point = (day: number, value: number, kind: TrendPoint["kind"] = "periodic", unit: string | null = null): TrendPoint => ({ at: at(day), value, unit, kind });

describe("readingTrend: a loop's readings in a sentence and a range", () => {
  it("is nothing without a reading", () => {
    expect(readingTrend([], "Reorder rate >= 0.18")).toBeNull();
  });

  it.each([
    ["one reading", [point(2, 0.17, "baseline")], null, { short: "0.17", sentence: "1 reading on 2026-03-02: 0.17.", low: 0.17, high: 0.17, target: null }],
    ["two readings, baseline first", [point(3, 0.19), point(2, 0.17, "baseline")], null, { short: "0.17 → 0.19", sentence: "2 readings from 2026-03-02 to 2026-03-03: baseline 0.17, latest 0.19.", low: 0.17, high: 0.19, target: null }],
    [
      "a dip between, with an absolute target",
      [point(2, 0.17, "baseline"), point(3, 0.15), point(4, 0.21, "due")],
      "Reorder rate >= 0.18",
      { short: "0.17 → 0.21", sentence: "3 readings from 2026-03-02 to 2026-03-04: baseline 0.17, latest 0.21 (low 0.15, high 0.21); target 0.18.", low: 0.15, high: 0.21, target: 0.18 },
    ],
    ["no baseline, a unit", [point(5, 1_250, "periodic", "orders"), point(6, 1_410, "periodic", "orders")], "+5%", { short: "1,250 → 1,410", sentence: "2 readings from 2026-03-05 to 2026-03-06: first 1,250, latest 1,410 orders.", low: 1_250, high: 1_410, target: null }],
    ["a target with a time unit is said, not drawn", [point(2, 420, "baseline", "ms"), point(3, 380)], "p95 < 400ms", { short: "420 → 380", sentence: "2 readings from 2026-03-02 to 2026-03-03: baseline 420, latest 380.", low: 380, high: 420, target: null }],
  ])("%s", (_name, points, byHowMuch, expected) => {
    const trend = readingTrend(points, byHowMuch)!;

    expect({ short: trend.short, sentence: trend.sentence, low: trend.low, high: trend.high, target: trend.target }).toEqual(expected);
    expect(trend.points.map((p) => p.at)).toEqual([...points].map((p) => p.at).sort((a, b) => a.getTime() - b.getTime()));
  });
});
