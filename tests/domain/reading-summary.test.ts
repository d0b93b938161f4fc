import { describe, expect, it } from "vitest";
import { dueSlotSettled, newestReading, readingsSoFar, type StoredSlot } from "../../src/domain/reading-summary.js";

const DUE = new Date("2026-03-06T09:00:00.000Z");
const slot = (kind: StoredSlot["slotKind"], day: string, o: Partial<StoredSlot> = {}): StoredSlot => {
  const slotAt = new Date(`2026-03-${day}T09:00:00.000Z`);
  return { slotKind: kind, slotKey: kind === "baseline" ? "baseline" : `${kind}:${slotAt.toISOString()}`, slotAt, status: "read", value: 1, unit: null, at: slotAt, reason: null, source: "prod", ...o };
};
const value = (v: number, day: string) => ({ value: v, at: new Date(`2026-03-${day}T09:00:00.000Z`) });

describe("readingsSoFar", () => {
  it.each<[string, StoredSlot[], object]>([
    ["nothing stored", [], { baseline: null, latest: null, due: null, lastFailure: null }],
    ["only the baseline", [slot("baseline", "03", { value: 10 })], { baseline: value(10, "03"), latest: null, due: null, lastFailure: null }],
    ["the newest later reading as the latest", [slot("baseline", "03", { value: 10 }), slot("periodic", "05", { value: 12 }), slot("periodic", "04", { value: 11 })], { baseline: value(10, "03"), latest: value(12, "05"), due: null, lastFailure: null }],
    ["the due-date reading of the current due date", [slot("baseline", "03", { value: 10 }), slot("due", "06", { value: 13 })], { baseline: value(10, "03"), latest: value(13, "06"), due: value(13, "06"), lastFailure: null }],
    ["no due-date reading for an earlier due date (moved by /extend)", [slot("due", "05", { value: 13 })], { baseline: null, latest: value(13, "05"), due: null, lastFailure: null }],
    ["the failure of the newest settled slot", [slot("baseline", "03", { value: 10 }), slot("periodic", "04", { status: "failed", value: null, reason: "prod answered 503" })], { baseline: value(10, "03"), latest: null, due: null, lastFailure: "prod answered 503" }],
    ["no failure once a later slot read a number", [slot("periodic", "04", { status: "failed", value: null, reason: "down" }), slot("periodic", "05", { value: 2 })], { baseline: null, latest: value(2, "05"), due: null, lastFailure: null }],
    ["pending slots left out", [slot("baseline", "03", { value: 10 }), slot("periodic", "04", { status: "pending", value: null, reason: "timeout" })], { baseline: value(10, "03"), latest: null, due: null, lastFailure: null }],
    ["the unit of a reading", [slot("periodic", "04", { value: 280, unit: "ms" })], { baseline: null, latest: { ...value(280, "04"), unit: "ms" }, due: null, lastFailure: null }],
  ])("reads %s", (_name, rows, expected) => {
    expect(readingsSoFar(rows, DUE)).toEqual(expected);
  });
});

describe("dueSlotSettled", () => {
  it.each<[string, StoredSlot[], boolean]>([
    ["no due slot", [slot("baseline", "03")], false],
    ["a due slot still pending", [slot("due", "06", { status: "pending" })], false],
    ["a due slot read", [slot("due", "06")], true],
    ["a due slot failed for good", [slot("due", "06", { status: "failed", value: null })], true],
    ["only an earlier due date's slot", [slot("due", "05")], false],
  ])("is %s → %s", (_name, rows, settled) => {
    expect(dueSlotSettled(rows, DUE)).toBe(settled);
  });
});

describe("newestReading", () => {
  it("is the newest number with its source, the baseline when it is the only one", () => {
    expect(newestReading([slot("baseline", "03", { value: 10 })])).toEqual({ ...value(10, "03"), source: "prod" });
    expect(newestReading([slot("baseline", "03", { value: 10 }), slot("due", "06", { value: 13 }), slot("periodic", "07", { status: "failed", value: null })])).toEqual({ ...value(13, "06"), source: "prod" });
    expect(newestReading([])).toBeNull();
  });
});
