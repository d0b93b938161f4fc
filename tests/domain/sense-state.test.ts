import { describe, expect, it } from "vitest";
import { isOpen, nextState, SENSE_EVENTS, SENSE_STATES, type SenseEventType, type SenseState } from "../../src/domain/sense-state.js";

const STATES = SENSE_STATES;
const EVENTS = SENSE_EVENTS;

/** Every state × event; `undefined` means the event does not apply and the caller ignores it. */
const TABLE: [SenseState, SenseEventType, SenseState | undefined][] = [
  ["shipped", "issue_opened", "sensing"],
  ["shipped", "due", "overdue"],
  ["shipped", "escalated", undefined],
  ["shipped", "extended", undefined],
  ["shipped", "responded", "responded"],
  ["shipped", "rolled_back", "rolled_back"],
  ["shipped", "shipped_again", undefined],

  ["sensing", "issue_opened", undefined],
  ["sensing", "due", "overdue"],
  ["sensing", "escalated", undefined],
  ["sensing", "extended", "sensing"],
  ["sensing", "responded", "responded"],
  ["sensing", "rolled_back", "rolled_back"],
  ["sensing", "shipped_again", undefined],

  ["overdue", "issue_opened", undefined],
  ["overdue", "due", undefined],
  ["overdue", "escalated", "escalated"],
  ["overdue", "extended", "sensing"],
  ["overdue", "responded", "responded"],
  ["overdue", "rolled_back", "rolled_back"],
  ["overdue", "shipped_again", undefined],

  ["escalated", "issue_opened", undefined],
  ["escalated", "due", undefined],
  ["escalated", "escalated", undefined],
  ["escalated", "extended", "sensing"],
  ["escalated", "responded", "responded"],
  ["escalated", "rolled_back", "rolled_back"],
  ["escalated", "shipped_again", undefined],

  ["responded", "issue_opened", undefined],
  ["responded", "due", undefined],
  ["responded", "escalated", undefined],
  ["responded", "extended", undefined],
  ["responded", "responded", undefined],
  ["responded", "rolled_back", undefined],
  ["responded", "shipped_again", undefined],

  ["rolled_back", "issue_opened", undefined],
  ["rolled_back", "due", undefined],
  ["rolled_back", "escalated", undefined],
  ["rolled_back", "extended", undefined],
  // Teams learn most from what they rolled back: a response is recorded like any other.
  ["rolled_back", "responded", "responded"],
  ["rolled_back", "rolled_back", undefined],
  ["rolled_back", "shipped_again", "sensing"],
];

describe("nextState", () => {
  it("has a row for every state and event", () => {
    const covered = new Set(TABLE.map(([state, event]) => `${state} ${event}`));

    const missing = STATES.flatMap((state) => EVENTS.map((event) => `${state} ${event}`)).filter((pair) => !covered.has(pair));

    expect(missing).toEqual([]);
    expect(TABLE).toHaveLength(STATES.length * EVENTS.length);
  });

  it.each(TABLE)("in %s, %s leads to %s", (state, event, expected) => {
    expect(nextState(state, event)).toBe(expected);
  });
});

describe("isOpen", () => {
  it.each<[SenseState, boolean]>([
    ["shipped", true],
    ["sensing", true],
    ["overdue", true],
    ["escalated", true],
    ["responded", false],
    ["rolled_back", false],
  ])("says %s is open: %s", (state, expected) => {
    expect(isOpen(state)).toBe(expected);
  });
});
