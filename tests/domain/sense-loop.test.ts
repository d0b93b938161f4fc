import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/domain/effects.js";
import { announce, transition, type LoopItem, type LoopRules, type SenseEvent } from "../../src/domain/sense-loop.js";
import type { SenseState } from "../../src/domain/sense-state.js";

const NOW = new Date("2026-03-20T09:00:00.000Z");
const DUE = new Date("2026-03-16T09:00:00.000Z");
const ISSUE = { owner: "acme", repo: "product", number: 45 };
const HYPOTHESIS = { owner: "acme", repo: "product", number: 12 };
const RULES: LoopRules = { graceDays: 0, escalateAfterDays: 7, escalateTo: [], overdueLabel: "needs-response", reopenWithoutResponse: true };
const COMMAND = { id: 7001, htmlUrl: "https://github.com/acme/product/issues/45#issuecomment-7001", authorLogin: "maria" };
const DASHBOARD: Effect = { kind: "follow-up", followUp: { kind: "refresh-dashboard", installationId: 42, repositoryId: 1001 } };
const SYNC: Effect = { kind: "follow-up", followUp: { kind: "sync-sense-issue", senseItemId: 3 } };

function item(state: SenseState, overrides: Partial<LoopItem> = {}): LoopItem {
  return {
    id: 3,
    installationId: 42,
    repositoryId: 1001,
    state,
    environment: "production",
    dueAt: DUE,
    remindedForDue: null,
    escalatedForDue: null,
    issue: ISSUE,
    hypothesis: { on: HYPOTHESIS, title: "Returning customers reorder a past basket", htmlUrl: "https://github.com/acme/product/issues/12", owners: ["pam"] },
    ...overrides,
  };
}

/** Effects with their bodies cut to their first line, so a table shows what is asked, not every word. */
const shape = (effects: Effect[]) => effects.map((effect) => (effect.kind === "comment" ? { ...effect, body: effect.body.split("\n")[0] } : effect));

const responded: SenseEvent = { type: "responded", command: COMMAND, decision: "pivot", learning: "Customers reordered once, then went back to search" };
const extended: SenseEvent = { type: "extended", command: COMMAND, newDueAt: new Date("2026-03-27T09:00:00.000Z"), reason: "waiting for the weekly data", used: 1, max: 2 };

describe("the plan of a response", () => {
  it.each<SenseState>(["shipped", "sensing", "overdue", "escalated", "rolled_back"])("from %s: a 👍, the summary, no overdue label, closed, then the hypothesis told and labelled", (state) => {
    const move = transition(item(state), responded, RULES, NOW);

    expect(move?.next).toBe("responded");
    expect(shape(move!.effects)).toEqual([
      { kind: "react", key: "react:7001", on: ISSUE, commentId: 7001, content: "+1" },
      { kind: "comment", key: "response:3", on: ISSUE, body: `Recorded: **pivot** ([response](${COMMAND.htmlUrl})).` },
      { kind: "remove-label", key: "response-unlabel:3", on: ISSUE, label: "needs-response" },
      { kind: "set-issue-state", key: "response-close:3", on: ISSUE, state: "closed", reason: "completed" },
      { kind: "comment", key: "response-hypothesis:3", on: HYPOTHESIS, body: "After shipping to production, the team decided to **pivot** (#45):" },
      { kind: "add-labels", key: "response-label:3", on: HYPOTHESIS, labels: ["pivot"] },
      DASHBOARD,
    ]);
  });

  it("does not apply to a loop that already has its response", () => {
    expect(transition(item("responded"), responded, RULES, NOW)).toBeNull();
  });

  it("is announced the same way when a retry finds the response recorded", () => {
    expect(announce(item("responded"), responded, RULES, NOW)).toEqual(transition(item("overdue"), responded, RULES, NOW)!.effects);
  });
});

describe("the plan of an extension", () => {
  it.each<[SenseState, SenseState | undefined]>([
    ["sensing", "sensing"],
    ["overdue", "sensing"],
    ["escalated", "sensing"],
    ["shipped", undefined],
    ["responded", undefined],
    ["rolled_back", undefined],
  ])("from %s leads to %s", (state, next) => {
    expect(transition(item(state), extended, RULES, NOW)?.next).toBe(next);
  });

  it("asks for a 👍, one reply with the new date, no overdue label, and the sense issue and dashboard redrawn", () => {
    expect(shape(transition(item("overdue"), extended, RULES, NOW)!.effects)).toEqual([
      { kind: "react", key: "react:7001", on: ISSUE, commentId: 7001, content: "+1" },
      { kind: "comment", key: "extended:7001", on: ISSUE, body: "Due date moved to **2026-03-27** (extension 1 of 2): waiting for the weekly data" },
      { kind: "remove-label", key: "extended-unlabel:7001", on: ISSUE, label: "needs-response" },
      SYNC,
      DASHBOARD,
    ]);
  });
});

describe("the plan of a sense issue closed without a response", () => {
  const closed: SenseEvent = { type: "closed_without_response", closedBy: "omar", closing: "delivery-9" };

  it.each<SenseState>(["shipped", "sensing", "overdue", "escalated"])("from %s: reopened, with one comment for every closing, and no move", (state) => {
    const plan = transition(item(state), closed, RULES, NOW);

    expect(plan?.next).toBeUndefined();
    expect(shape(plan!.effects)).toEqual([
      { kind: "set-issue-state", key: "reopen:3:delivery-9", on: ISSUE, state: "open", reason: "reopened" },
      { kind: "comment", key: "reopened:3", on: ISSUE, body: "@omar, this loop is still open: nobody has recorded what the team learned. Reopening so it is not lost." },
    ]);
  });

  it.each<[string, LoopItem, LoopRules]>([
    ["a responded loop", item("responded"), RULES],
    ["a rolled-back loop", item("rolled_back"), RULES],
    ["a repository that turned reopening off", item("sensing"), { ...RULES, reopenWithoutResponse: false }],
  ])("leaves %s closed", (_name, target, rules) => {
    expect(transition(target, closed, rules, NOW)).toBeNull();
  });

  it("does not mention a closer whose login is not a plain login", () => {
    const plan = transition(item("sensing"), { ...closed, closedBy: "some app[bot]" }, RULES, NOW);

    expect(shape(plan!.effects)[1]).toMatchObject({ body: "This loop is still open: nobody has recorded what the team learned. Reopening so it is not lost." });
  });
});

describe("the moves a ship makes", () => {
  it.each<[SenseEvent["type"], SenseState, SenseState | undefined]>([
    ["issue_opened", "shipped", "sensing"],
    ["issue_opened", "sensing", undefined],
    ["rolled_back", "overdue", "rolled_back"],
    ["rolled_back", "responded", undefined],
    ["shipped_again", "rolled_back", "sensing"],
    ["shipped_again", "sensing", undefined],
  ])("%s from %s leads to %s", (type, state, next) => {
    expect(transition(item(state), { type } as SenseEvent, RULES, NOW)?.next).toBe(next);
  });

  it("asks for the sense issue to be synced after a rollback or a return, and nothing when the issue opens", () => {
    expect(transition(item("sensing"), { type: "rolled_back" }, RULES, NOW)!.effects).toEqual([SYNC]);
    expect(transition(item("rolled_back"), { type: "shipped_again" }, RULES, NOW)!.effects).toEqual([SYNC]);
    expect(transition(item("shipped"), { type: "issue_opened" }, RULES, NOW)!.effects).toEqual([]);
  });
});

describe("the sweep's moves", () => {
  it("does not remind or escalate a loop whose sense issue is not open yet", () => {
    expect(transition(item("shipped", { issue: null }), { type: "due" }, RULES, NOW)).toBeNull();
    expect(transition(item("overdue", { issue: null }), { type: "escalated" }, RULES, NOW)).toBeNull();
  });
});
