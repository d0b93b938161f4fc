import { describe, expect, it } from "vitest";
import type { ReadingsSoFar } from "../../src/domain/signal-evaluate.js";
import { decisionReadingLine, reminderSignalLine, signalCell } from "../../src/domain/signal-lines.js";

const read = (value: number, day: string, unit?: string) => ({ value, at: new Date(`2026-03-${day}T09:00:00Z`), ...(unit ? { unit } : {}) });
const NONE: ReadingsSoFar = { baseline: null, latest: null, due: null, lastFailure: null };
const QUERY = { source: "prod", query: "sum(up)" };

describe("reminderSignalLine", () => {
  it.each<[string, ReadingsSoFar, string | { problem: string } | null, boolean, string]>([
    ["the due-date reading judged", { baseline: read(0.17, "03"), latest: read(0.21, "06"), due: read(0.21, "06") }, null, true, "Signal: **Target met:** at the due date, 0.21; the target is ≥ 0.18."],
    ["the failure when the due-date read failed", { ...NONE, baseline: read(0.17, "03"), lastFailure: "prod did not answer within 10 s" }, null, true, "Signal: **No reading:** the last reading failed: prod did not answer within 10 s."],
    ["an earlier reading with the failure under it", { baseline: read(0.17, "03"), latest: read(0.16, "05"), due: null, lastFailure: "prod answered 503" }, null, true, "Signal: **Not yet:** 0.16; the target is ≥ 0.18. _The last reading failed: prod answered 503._"],
    ["that the reading is not in yet, when the reminder stopped waiting", NONE, null, false, "Signal: the due-date reading is not in yet; the sense issue will show it once it is."],
    ["the problem of a query that cannot be read", NONE, { problem: "unknown source `prd` (known: `prod`)" }, false, "Signal: **No reading:** unknown source `prd` (known: `prod`)."],
  ])("says %s", (_name, readings, problem, settled, line) => {
    expect(reminderSignalLine({ query: problem && typeof problem === "object" ? problem : QUERY, byHowMuch: ">= 0.18", readings }, settled)).toBe(line);
  });
});

describe("decisionReadingLine", () => {
  it.each([
    ["a threshold", { value: 0.21 }, "Reorder rate >= 0.18", "The signal read 0.21 (target ≥ 0.18) when the team decided."],
    ["a relative target", { value: 1240 }, "Repeat purchases +5% in 30 days", "The signal read 1,240 (target +5%) when the team decided."],
    ["a unit, and an escaped operator", { value: 280, unit: "ms" }, "p95 < 300ms", "The signal read 280 ms (target &lt; 300 ms) when the team decided."],
    ["no target it can read", { value: 12 }, "Customers reorder more", "The signal read 12 when the team decided."],
    ["no By how much at all", { value: 12 }, null, "The signal read 12 when the team decided."],
  ])("says the number with %s", (_name, reading, byHowMuch, line) => {
    expect(decisionReadingLine(reading, byHowMuch)).toBe(line);
  });
});

describe("signalCell", () => {
  it.each<[string, ReadingsSoFar, string | null, string]>([
    ["the latest number and its status", { baseline: read(1000, "03"), latest: read(1080, "05"), due: null }, null, "1,080 (target met)"],
    ["the due-date reading once taken", { baseline: read(1000, "03"), latest: read(1090, "08"), due: read(1030, "06") }, null, "1,030 (not yet)"],
    ["the baseline while it is the only reading", { ...NONE, baseline: read(1000, "03") }, null, "1,000 (baseline)"],
    ["only the status before any reading", NONE, null, "no reading"],
    ["that the query needs fixing", NONE, "unknown source `prd`", "query to fix"],
  ])("shows %s", (_name, readings, problem, cell) => {
    expect(signalCell({ problem, byHowMuch: "+5%", readings })).toBe(cell);
  });
});
