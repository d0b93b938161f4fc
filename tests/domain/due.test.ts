import { describe, expect, it } from "vitest";
import { daysPastDue, dueness, escalatesAt, isOverdue, type DueFacts, type DueRules } from "../../src/domain/due.js";
import type { SenseState } from "../../src/domain/sense-state.js";

const DAY = 86_400_000;
const DUE = new Date("2026-03-16T09:00:00.000Z");
const at = (days: number) => new Date(DUE.getTime() + days * DAY);
const facts = (o: Partial<DueFacts> = {}): DueFacts => ({ state: "sensing", dueAt: DUE, remindedForDue: null, escalatedForDue: null, ...o });
const RULES: DueRules = { graceDays: 0, escalateAfterDays: 7 };

describe("isOverdue: the one definition the sweep, the dashboards and the SQL share", () => {
  it.each<[string, Partial<DueFacts>, Partial<DueRules>, Date, boolean]>([
    ["not a moment before the due date", {}, {}, new Date(DUE.getTime() - 1), false],
    ["at the due instant", {}, {}, DUE, true],
    ["not during the grace days", {}, { graceDays: 2 }, at(1.9), false],
    ["once the grace days pass", {}, { graceDays: 2 }, at(2), true],
    ["never once responded", { state: "responded" }, {}, at(30), false],
    ["never once rolled back", { state: "rolled_back" }, {}, at(30), false],
    ["for a loop whose issue is not open yet", { state: "shipped" }, {}, at(1), true],
    ["never for a due date that is not a date", { dueAt: new Date(Number.NaN) }, {}, at(1), false],
  ])("is %s", (_name, o, rules, now, expected) => {
    expect(isOverdue(facts(o), { ...RULES, ...rules }, now)).toBe(expected);
  });
});

describe("dueness", () => {
  it.each<[string, Partial<DueFacts>, Partial<DueRules>, Date, { remind: boolean; escalate: boolean }]>([
    ["owes nothing before the due date", {}, {}, at(-1), { remind: false, escalate: false }],
    ["owes a reminder once overdue", {}, {}, at(0), { remind: true, escalate: false }],
    ["owes both when the first sweep comes after the escalation date", {}, {}, at(7), { remind: true, escalate: true }],
    ["owes only the escalation once reminded for this due date", { state: "overdue", remindedForDue: DUE }, {}, at(7), { remind: false, escalate: true }],
    ["owes a new reminder for a new due date", { remindedForDue: at(-14) }, {}, at(0), { remind: true, escalate: false }],
    ["owes nothing more once escalated for this due date", { state: "escalated", escalatedForDue: DUE }, {}, at(30), { remind: false, escalate: false }],
    ["counts the escalation from the end of the grace days", { state: "overdue", remindedForDue: DUE }, { graceDays: 3 }, at(9), { remind: false, escalate: false }],
    ["escalates once the grace days and the wait have passed", { state: "overdue", remindedForDue: DUE }, { graceDays: 3 }, at(10), { remind: false, escalate: true }],
  ])("%s", (_name, o, rules, now, expected) => {
    expect(dueness(facts(o), { ...RULES, ...rules }, now)).toEqual(expected);
  });

  it.each<SenseState>(["responded", "rolled_back"])("owes nothing to a %s loop however late", (state) => {
    expect(dueness(facts({ state }), RULES, at(100))).toEqual({ remind: false, escalate: false });
  });
});

describe("escalatesAt and daysPastDue", () => {
  it("escalates grace + wait days after the due date", () => {
    expect(escalatesAt(facts(), { graceDays: 2, escalateAfterDays: 7 })).toEqual(at(9));
  });

  it.each<[number, number]>([
    [-3, 0],
    [0, 0],
    [0.99, 0],
    [1, 1],
    [8.5, 8],
  ])("counts %s days after the due date as %s whole days past", (days, expected) => {
    expect(daysPastDue(facts(), at(days))).toBe(expected);
  });
});
