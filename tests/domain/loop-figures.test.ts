import { describe, expect, it } from "vitest";
import { isoWeekLabel, lastWeeks, weekStart } from "../../src/domain/calendar.js";
import type { Decision } from "../../src/domain/commands.js";
import { featureFactoryIndex, type FeatureFactoryWeek } from "../../src/domain/feature-factory.js";
import { combineFigures, countLoops, loopFigures, type LoopCounts, type LoopFigures } from "../../src/domain/loop-counts.js";
import type { MergeOutcome, MetricItem, MetricMerged } from "../../src/domain/loop-metrics.js";
import { closureByMonth, mergedByWeek, responseWaits } from "../../src/domain/loop-trends.js";
import type { SenseState } from "../../src/domain/sense-state.js";

/** Wednesday 2026-03-04, noon UTC: its week started on Monday 2026-03-02. */
const NOW = new Date("2026-03-04T12:00:00.000Z");
const at = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

function loop(state: SenseState, shipped: string, due: string, response?: [Decision, string]): MetricItem {
  return { state, shippedAt: at(shipped), dueAt: at(due), response: response ? { decision: response[0], respondedAt: at(response[1]) } : null };
}
const pr = (merged: string, outcome: MergeOutcome): MetricMerged => ({ mergedAt: at(merged), outcome });

describe("weeks and months", () => {
  it.each([
    ["2026-03-02T00:00:00.000Z", "2026-03-02"],
    ["2026-03-08T23:59:59.999Z", "2026-03-02"],
    ["2026-03-09T00:00:00.000Z", "2026-03-09"],
    ["2026-01-01T10:00:00.000Z", "2025-12-29"],
  ])("puts %s in the week starting %s (Monday, UTC)", (when, monday) => {
    expect(weekStart(new Date(when)).toISOString().slice(0, 10)).toBe(monday);
  });

  it("names ISO weeks by the year of their Thursday", () => {
    expect([isoWeekLabel(at("2025-12-29")), isoWeekLabel(at("2026-03-02")), isoWeekLabel(at("2027-01-04"))]).toEqual(["2026-W01", "2026-W10", "2027-W01"]);
  });

  it("lists the last weeks oldest first, ending with the current one", () => {
    expect(lastWeeks(NOW, 3).map((d) => d.toISOString().slice(0, 10))).toEqual(["2026-02-16", "2026-02-23", "2026-03-02"]);
  });
});

describe("loop counts", () => {
  it.each<[string, MetricItem[], number, LoopCounts]>([
    ["counts nothing for no loops", [], 0, { overdue: 0, sensing: 0, respondedRecently: 0, rolledBack: 0 }],
    [
      "splits open loops at due date plus grace days, like the dashboard issue (a loop one day past due is still in its grace)",
      [loop("sensing", "2026-02-01", "2026-03-03"), loop("overdue", "2026-02-01", "2026-03-01"), loop("escalated", "2026-01-01", "2026-02-01"), loop("shipped", "2026-03-01", "2026-03-15")],
      2,
      { overdue: 2, sensing: 2, respondedRecently: 0, rolledBack: 0 },
    ],
    [
      "counts responses of the last 90 days only, and rolled-back work apart",
      [loop("responded", "2025-11-01", "2025-11-15", ["kill", "2025-12-05"]), loop("responded", "2025-10-01", "2025-10-15", ["pivot", "2025-12-04"]), loop("rolled_back", "2026-02-01", "2026-02-15")],
      0,
      { overdue: 0, sensing: 0, respondedRecently: 1, rolledBack: 1 },
    ],
  ])("%s", (_name, items, graceDays, counts) => {
    expect(countLoops(items, { graceDays }, NOW)).toEqual(counts);
  });
});

describe("loop figures", () => {
  const items = [
    loop("responded", "2026-01-01", "2026-01-15", ["persevere", "2026-01-11"]),
    loop("responded", "2026-01-05", "2026-01-19", ["pivot", "2026-01-25"]),
    loop("responded", "2026-01-10", "2026-02-24", ["kill", "2026-02-10"]),
    loop("overdue", "2026-02-01", "2026-02-15"),
    loop("sensing", "2026-02-20", "2026-03-06"),
    loop("rolled_back", "2026-02-01", "2026-02-15"),
  ];

  it.each<[string, MetricItem[], MetricMerged[], Partial<LoopFigures>]>([
    [
      "closure rate is responded past-due loops over past-due loops, rolled-back work left out",
      items,
      [],
      { pastDue: 4, responded: 3, closureRate: 0.75, overdue: 1, sensing: 1, rolledBack: 1 },
    ],
    ["median ship → response days of an odd count is the middle one", items, [], { medianDaysToResponse: 20 }],
    ["the decision mix counts every response: kills and pivots are results like any other", items, [], { mix: { persevere: 1, pivot: 1, kill: 1 } }],
    [
      "linked share is over PRs merged in the last 30 days, exempt ones included",
      [],
      [pr("2026-03-01", "linked"), pr("2026-02-20", "exempt"), pr("2026-02-10", "missing"), pr("2026-01-10", "missing")],
      { linkedShare: 1 / 3, closureRate: null, medianDaysToResponse: null },
    ],
  ])("%s", (_name, loops, merged, expected) => {
    expect(loopFigures({ now: NOW, items: loops, merged }, { graceDays: 0 })).toMatchObject(expected);
  });

  it("combines repositories by adding counts and pooling items for rates, never averaging rates", () => {
    const busy = { now: NOW, items: [loop("responded", "2026-01-01", "2026-01-15", ["pivot", "2026-01-03"]), loop("responded", "2026-01-01", "2026-01-15", ["pivot", "2026-01-05"]), loop("responded", "2026-01-01", "2026-01-15", ["kill", "2026-01-07"])], merged: [pr("2026-03-01", "linked")] };
    const quiet = { now: NOW, items: [loop("overdue", "2026-01-01", "2026-01-15")], merged: [pr("2026-03-02", "missing")] };

    const total = combineFigures(
      [
        { figures: countLoops(busy.items, { graceDays: 0 }, NOW), input: busy },
        { figures: countLoops(quiet.items, { graceDays: 30 }, NOW), input: quiet },
      ],
      NOW,
    );

    expect(total).toEqual({ overdue: 1, sensing: 0, respondedRecently: 3, rolledBack: 0, closureRate: 0.75, medianDaysToResponse: 4, mix: { persevere: 0, pivot: 2, kill: 1 }, linkedShare: 0.5, pastDue: 4, responded: 3 });
  });
});

describe("the feature-factory index", () => {
  const week = (monday: string, o: Partial<FeatureFactoryWeek>): FeatureFactoryWeek => ({ weekStart: at(monday), merged: 0, unhypothesised: 0, unhypothesisedShare: null, shippedDue: 0, unanswered: 0, unansweredShare: null, ...o });

  it.each<[string, MetricItem[], MetricMerged[], FeatureFactoryWeek[]]>([
    ["is empty for a quiet organisation", [], [], [week("2026-02-16", {}), week("2026-02-23", {}), week("2026-03-02", {})]],
    [
      "shares merged PRs tied to no hypothesis, leaving exempt ones out and counting unchecked ones in",
      [],
      [pr("2026-02-16", "linked"), pr("2026-02-17", "missing"), pr("2026-02-18", "exempt"), pr("2026-02-19", null), pr("2026-02-24", "invalid"), pr("2026-02-25", "config_invalid"), pr("2026-03-02", "exempt")],
      [week("2026-02-16", { merged: 3, unhypothesised: 2, unhypothesisedShare: 2 / 3 }), week("2026-02-23", { merged: 2, unhypothesised: 2, unhypothesisedShare: 1 }), week("2026-03-02", {})],
    ],
    [
      "shares loops never answered by the week they shipped, once due, leaving out rolled-back and not-yet-due ones",
      [
        loop("responded", "2026-02-16", "2026-02-20", ["kill", "2026-02-21"]),
        loop("overdue", "2026-02-17", "2026-02-25"),
        loop("rolled_back", "2026-02-18", "2026-02-25"),
        loop("escalated", "2026-02-23", "2026-03-01"),
        loop("sensing", "2026-02-24", "2026-03-10"),
        loop("sensing", "2026-03-02", "2026-03-16"),
        loop("overdue", "2026-01-05", "2026-01-19"),
      ],
      [],
      [week("2026-02-16", { shippedDue: 2, unanswered: 1, unansweredShare: 0.5 }), week("2026-02-23", { shippedDue: 1, unanswered: 1, unansweredShare: 1 }), week("2026-03-02", {})],
    ],
  ])("%s", (_name, items, merged, weeks) => {
    expect(featureFactoryIndex({ now: NOW, weeks: 3, items, merged })).toEqual(weeks);
  });
});

describe("trends for the repository charts", () => {
  it("gives each month the closure rate of the loops that fell due in it", () => {
    const items = [
      loop("responded", "2026-01-01", "2026-01-15", ["pivot", "2026-01-20"]),
      loop("overdue", "2026-01-01", "2026-01-20"),
      loop("responded", "2026-02-01", "2026-02-10", ["persevere", "2026-02-12"]),
      loop("rolled_back", "2026-02-01", "2026-02-10"),
      loop("sensing", "2026-02-25", "2026-03-10"),
    ];

    const months = closureByMonth({ now: NOW, months: 3, items }).map((m) => [m.monthStart.toISOString().slice(0, 7), m.due, m.responded, m.closureRate]);

    expect(months).toEqual([
      ["2026-01", 2, 1, 0.5],
      ["2026-02", 1, 1, 1],
      ["2026-03", 0, 0, null],
    ]);
  });

  it("counts merged PRs of each week as linked, exempt or missing", () => {
    const merged = [pr("2026-02-23", "linked"), pr("2026-02-24", "exempt"), pr("2026-02-25", "invalid"), pr("2026-03-03", null), pr("2026-03-03", "linked")];

    const weeks = mergedByWeek({ now: NOW, weeks: 2, merged }).map((w) => [w.weekStart.toISOString().slice(0, 10), w.linked, w.exempt, w.missing]);

    expect(weeks).toEqual([
      ["2026-02-23", 1, 1, 1],
      ["2026-03-02", 1, 0, 1],
    ]);
  });

  it("lists the latest responses' waits, oldest of them first", () => {
    const items = [loop("responded", "2026-01-01", "2026-01-15", ["pivot", "2026-01-11"]), loop("responded", "2026-02-01", "2026-02-15", ["kill", "2026-02-03"]), loop("responded", "2026-01-20", "2026-02-01", ["persevere", "2026-02-01"]), loop("sensing", "2026-02-01", "2026-03-15")];

    expect(responseWaits(items, 2).map((w) => [w.of.response!.decision, w.days])).toEqual([
      ["persevere", 12],
      ["kill", 2],
    ]);
  });
});
