import { describe, expect, it } from "vitest";
import { candidateSlots, planSlots, slotKey, type SlotFacts } from "../../src/domain/reading-slots.js";

const HOUR = 3_600_000;
const SHIPPED = "2026-03-03T09:00:00.000Z";
const at = (hours: number) => new Date(Date.parse(SHIPPED) + hours * HOUR);
const FACTS: SlotFacts = { shippedAt: new Date(SHIPPED), dueAt: at(72), everyMs: 24 * HOUR };
const keys = (slots: { kind: string; at: Date }[]) => slots.map((slot) => slotKey(slot as never));

describe("slotKey", () => {
  it.each([
    ["the baseline, one per item", { kind: "baseline" as const, at: at(0) }, "baseline"],
    ["a periodic slot, by its time", { kind: "periodic" as const, at: at(24) }, "periodic:2026-03-04T09:00:00.000Z"],
    ["the due slot, by its due date", { kind: "due" as const, at: at(72) }, "due:2026-03-06T09:00:00.000Z"],
  ])("names %s", (_name, slot, key) => {
    expect(slotKey(slot)).toBe(key);
  });
});

describe("candidateSlots", () => {
  it.each<[string, number, string[]]>([
    ["only the baseline at the ship", 0, ["baseline"]],
    ["the baseline before the first period has passed", 23.9, ["baseline"]],
    ["the first periodic slot a day later", 24, ["baseline", "periodic:2026-03-04T09:00:00.000Z"]],
    ["the latest periodic slot only, never the missed ones", 49, ["baseline", "periodic:2026-03-05T09:00:00.000Z"]],
    ["the due slot instead of a periodic slot on the due date", 72, ["baseline", "due:2026-03-06T09:00:00.000Z"]],
    ["periodic slots after the due date, while the loop stays open", 97, ["baseline", "periodic:2026-03-07T09:00:00.000Z", "due:2026-03-06T09:00:00.000Z"]],
  ])("offers %s", (_name, hours, expected) => {
    expect(keys(candidateSlots(FACTS, at(hours)))).toEqual(expected);
  });

  it("reads every 12 hours when signals.every is 12h", () => {
    expect(keys(candidateSlots({ ...FACTS, everyMs: 12 * HOUR }, at(13)))).toEqual(["baseline", "periodic:2026-03-03T21:00:00.000Z"]);
  });
});

describe("planSlots", () => {
  it("leaves out the slots already taken", () => {
    const plan = planSlots(FACTS, at(25), new Set(["baseline"]));

    expect(keys(plan.read)).toEqual(["periodic:2026-03-04T09:00:00.000Z"]);
  });

  it.each<[string, SlotFacts, number, string]>([
    ["the next periodic slot", FACTS, 25, "2026-03-05T09:00:00.000Z"],
    ["the due date when it comes before the next periodic slot", { ...FACTS, dueAt: at(30) }, 25, "2026-03-04T15:00:00.000Z"],
    ["the next periodic slot once the due date has passed", FACTS, 73, "2026-03-07T09:00:00.000Z"],
    ["the first periodic slot right after the ship", FACTS, 0, "2026-03-04T09:00:00.000Z"],
  ])("looks again at %s", (_name, facts, hours, next) => {
    expect(planSlots(facts, at(hours), new Set()).nextAt.toISOString()).toBe(next);
  });
});
