import { describe, expect, it } from "vitest";
import type { Effect } from "../../src/domain/effects.js";
import type { LoopItem, LoopRules } from "../../src/domain/sense-loop.js";
import type { SenseState } from "../../src/domain/sense-state.js";
import { planSweep, type SweepPlan } from "../../src/domain/sweep-plan.js";

const DAY = 86_400_000;
const SHIPPED = Date.parse("2025-03-01T09:00:00.000Z");
/** Day `n` after the ship, at the ship's time of day. */
const day = (n: number) => new Date(SHIPPED + n * DAY);

const URL_12 = "https://github.com/acme/product/issues/12";
const TITLE_12 = "Returning customers reorder a past basket";
const ANSWER = "`/respond persevere|pivot|kill <what we learned>`";
const MORE_TIME = "`/extend <days> <reason>`";

/** A loop as the sweep reads it; `owners`, `repo` and `hypothesisTitle` are shortcuts for the nested fields. */
function item(overrides: Partial<Omit<LoopItem, "hypothesis">> & { owners?: string[]; repo?: string; hypothesisTitle?: string } = {}): LoopItem {
  const { owners = ["alice", "bob"], repo = "acme/shop", hypothesisTitle = TITLE_12, ...rest } = overrides;
  const [owner, name] = repo.split("/") as [string, string];
  return {
    id: 1,
    installationId: 42,
    repositoryId: 1001,
    state: "sensing",
    environment: "production",
    dueAt: day(14),
    remindedForDue: null,
    escalatedForDue: null,
    issue: { owner, repo: name, number: 41 },
    hypothesis: { on: { owner: "acme", repo: "product", number: 12 }, title: hypothesisTitle, htmlUrl: URL_12, owners },
    ...rest,
  };
}

const RULES: LoopRules = { graceDays: 0, escalateAfterDays: 7, escalateTo: [], overdueLabel: "needs-response", reopenWithoutResponse: true };
const rules = (overrides: Partial<LoopRules> = {}) => () => ({ ...RULES, ...overrides });

/** A plan's comments, the way a person reads it: reminders and escalations, in order. */
function comments(plan: SweepPlan) {
  return plan.steps.flatMap((step) =>
    step.effects.flatMap((effect) => (effect.kind === "comment" ? [{ kind: effect.key.startsWith("reminder:") ? "remind" : "escalate", itemId: step.itemId, key: effect.key, body: effect.body }] : [])),
  );
}

/** What the caller stores after applying a plan: each step's sense-item change. */
function apply(target: LoopItem, plan: SweepPlan): LoopItem {
  let current = target;
  for (const effect of plan.steps.flatMap((step) => step.effects)) {
    if (effect.kind === "sense-item") current = { ...current, state: effect.to ?? current.state, ...effect.set };
  }
  return current;
}

const reminder = (owners: string, due = "2025-03-15") =>
  `${owners} — [${TITLE_12}](${URL_12}) was due for a response on ${due}. What did the signal show?\n\nAnswer here with ${ANSWER}, or ask for more time with ${MORE_TIME}.`;

describe("planSweep over the life of one item", () => {
  it("plans exactly one reminder on day 14 and one escalation on day 22 for a 14-day item swept on days 13, 14, 15 and 22", () => {
    let current = item();
    const planned: [number, string[]][] = [];

    for (const n of [13, 14, 15, 22]) {
      const plan = planSweep([current], rules(), day(n), 100);
      planned.push([n, comments(plan).map((effect) => effect.key)]);
      current = apply(current, plan);
    }

    expect(planned).toEqual([
      [13, []],
      [14, ["reminder:1:2025-03-15T09:00:00.000Z"]],
      [15, []],
      [22, ["escalation:1:2025-03-15T09:00:00.000Z"]],
    ]);
  });

  it("earns a new reminder for the new due date after an /extend, and no second one for the old date", () => {
    let current = apply(item(), planSweep([item()], rules(), day(14), 100));
    current = { ...current, state: "sensing", dueAt: day(28) };
    const keys: [number, string[]][] = [];

    for (const n of [20, 27, 28, 29]) {
      const plan = planSweep([current], rules(), day(n), 100);
      keys.push([n, comments(plan).map((effect) => effect.key)]);
      current = apply(current, plan);
    }

    expect(keys).toEqual([
      [20, []],
      [27, []],
      [28, ["reminder:1:2025-03-29T09:00:00.000Z"]],
      [29, []],
    ]);
  });

  it("escalates again for a new due date after an escalation and an /extend", () => {
    const extended = item({ state: "sensing", dueAt: day(30), remindedForDue: day(14), escalatedForDue: day(14) });

    const effects = comments(planSweep([extended], rules(), day(37), 100));

    expect(effects.map((effect) => effect.key)).toEqual(["reminder:1:2025-03-31T09:00:00.000Z", "escalation:1:2025-03-31T09:00:00.000Z"]);
  });
});

describe("planSweep decides what is due", () => {
  it.each<[string, Parameters<typeof item>[0], Partial<LoopRules>, Date, string[]]>([
    ["nothing before the due date", {}, {}, new Date(day(14).getTime() - 1), []],
    ["a reminder at the due instant", {}, {}, day(14), ["remind"]],
    ["nothing during the grace days", {}, { graceDays: 2 }, day(15), []],
    ["a reminder once the grace days pass", {}, { graceDays: 2 }, day(16), ["remind"]],
    ["no second reminder for the same due date", { remindedForDue: day(14) }, {}, day(18), []],
    ["a reminder when the last one was for an earlier due date", { remindedForDue: day(7) }, {}, day(15), ["remind"]],
    ["a reminder and an escalation, in that order, for an item never reminded", {}, {}, day(21), ["remind", "escalate"]],
    ["an escalation only once reminded", { state: "overdue", remindedForDue: day(14) }, {}, day(21), ["escalate"]],
    ["no escalation the day before it is due", { remindedForDue: day(14) }, {}, new Date(day(21).getTime() - 1), []],
    ["escalation counted from the end of the grace days", { remindedForDue: day(14) }, { graceDays: 3 }, day(23), []],
    ["an escalation after the grace days and the wait", { state: "overdue", remindedForDue: day(14) }, { graceDays: 3 }, day(24), ["escalate"]],
    ["no second escalation for the same due date", { remindedForDue: day(14), escalatedForDue: day(14) }, {}, day(40), []],
    ["the same instant, not the same object, as already reminded", { remindedForDue: new Date("2025-03-15T09:00:00.000Z") }, {}, day(15), []],
  ])("plans %s", (_name, overrides, ruleOverrides, now, kinds) => {
    const plan = planSweep([item(overrides)], rules(ruleOverrides), now, 100);

    expect(comments(plan).map((effect) => effect.kind)).toEqual(kinds);
    expect(plan.deferred).toBe(0);
  });

  it.each<[SenseState, string[]]>([
    ["shipped", ["remind"]],
    ["sensing", ["remind"]],
    // The state machine moves only sensing (or shipped) loops to overdue: an overdue loop was reminded for its due date.
    ["overdue", []],
    ["escalated", []],
    ["responded", []],
    ["rolled_back", []],
  ])("reminds a loop in state %s as the state machine allows: %j", (state, kinds) => {
    expect(comments(planSweep([item({ state })], rules(), day(15), 100)).map((effect) => effect.kind)).toEqual(kinds);
  });

  it("asks for the comment, the configured label and the item's move, for the due date it answers", () => {
    const plan = planSweep([item({ id: 7 })], rules({ overdueLabel: "sense: overdue" }), day(21), 100);

    const effects: Effect[] = plan.steps.flatMap((step) => step.effects).map((effect) => (effect.kind === "comment" ? { ...effect, body: "…" } : effect));
    const on = { owner: "acme", repo: "shop", number: 41 };
    expect(effects).toEqual([
      { kind: "comment", key: "reminder:7:2025-03-15T09:00:00.000Z", on, body: "…" },
      { kind: "add-labels", key: "reminder-label:7:2025-03-15T09:00:00.000Z", on, labels: ["sense: overdue"] },
      { kind: "sense-item", itemId: 7, from: "sensing", to: "overdue", set: { remindedForDue: day(14) } },
      { kind: "comment", key: "escalation:7:2025-03-15T09:00:00.000Z", on, body: "…" },
      { kind: "sense-item", itemId: 7, from: "overdue", to: "escalated", set: { escalatedForDue: day(14) } },
    ]);
  });

  it("applies each item's own rules", () => {
    const items = [item({ id: 1, repo: "acme/shop" }), item({ id: 2, repo: "acme/app" })];
    const rulesFor = (target: LoopItem) => ({ ...RULES, graceDays: target.issue?.repo === "app" ? 5 : 0 });

    const effects = comments(planSweep(items, rulesFor, day(15), 100));

    expect(effects.map((effect) => effect.key)).toEqual(["reminder:1:2025-03-15T09:00:00.000Z"]);
  });
});

describe("planSweep within a write budget", () => {
  const overdue = [item({ id: 3, dueAt: day(12) }), item({ id: 1, dueAt: day(14) }), item({ id: 2, dueAt: day(10) }), item({ id: 4, dueAt: day(10) })];

  it("costs two writes per reminder (comment and label) and one per escalation", () => {
    const plan = planSweep([item()], rules(), day(22), 3);

    expect(plan.steps.flatMap((step) => step.effects).filter((effect) => effect.kind !== "sense-item").map((effect) => effect.kind)).toEqual(["comment", "add-labels", "comment"]);
    expect(planSweep([item()], rules(), day(22), 2).deferred).toBe(1);
  });

  it.each<[string, number, number[], number]>([
    ["plans every reminder, oldest due date first, when the budget allows", 8, [2, 4, 3, 1], 0],
    ["defers what does not fit", 5, [2, 4], 2],
    ["defers everything with no budget", 0, [], 4],
    ["treats a budget that is not a number as none", Number.NaN, [], 4],
  ])("%s", (_name, budget, ids, deferred) => {
    const result = planSweep(overdue, rules(), day(16), budget);

    expect(comments(result).map((effect) => effect.itemId)).toEqual(ids);
    expect(result.deferred).toBe(deferred);
  });

  it("plans a reminder and defers the same item's escalation when only the reminder fits", () => {
    const result = planSweep([item()], rules(), day(22), 2);

    expect(comments(result).map((effect) => effect.key)).toEqual(["reminder:1:2025-03-15T09:00:00.000Z"]);
    expect(result.deferred).toBe(1);
  });

  it("stops at the first effect that does not fit instead of skipping to a cheaper one", () => {
    const older = item({ id: 1, dueAt: day(10) });
    const reminded = item({ id: 2, state: "overdue", dueAt: day(12), remindedForDue: day(12) });

    const result = planSweep([reminded, older], rules(), day(30), 1);

    expect(result.steps).toEqual([]);
    expect(result.deferred).toBe(2);
  });
});

describe("planSweep bodies", () => {
  it.each<[string, string[], string]>([
    ["names the owners as mentions", ["alice", "bob"], reminder("@alice @bob")],
    [
      "keeps only real logins, bots included",
      ["alice", "dependabot[bot]", "evil<img>", "@bob", "acme/team", "x".repeat(40), "", "ok-name", "ALICE"],
      reminder("@alice @dependabot[bot] @ok-name"),
    ],
    ["addresses the team when there is no owner", [], reminder("Team")],
    ["addresses the team when no owner is a valid login", ["not a login"], reminder("Team")],
  ])("a reminder %s", (_name, owners, body) => {
    const [effect] = comments(planSweep([item({ owners })], rules(), day(15), 100));

    expect(effect?.body).toBe(body);
  });

  it("echoes the hypothesis title without live mentions, HTML or link-breaking brackets", () => {
    const [effect] = comments(planSweep([item({ hypothesisTitle: "Ping @carol about <b>[beta]</b>\nbuyers" })], rules(), day(15), 100));

    expect(effect?.body.split("\n")[0]).toBe(
      `@alice @bob — [Ping @\u200bcarol about &lt;b&gt;\\[beta\\]&lt;/b&gt; buyers](${URL_12}) was due for a response on 2025-03-15. What did the signal show?`,
    );
  });

  it.each<[string, string[], string[], string]>([
    [
      "mentions the configured users and teams and names the owners without notifying them",
      ["@pam", "acme/product-leads", "pam", "bad handle!", "@acme/team/extra"],
      ["alice", "bob"],
      `@pam @acme/product-leads — [${TITLE_12}](${URL_12}) is 8 days past its due date (2025-03-15) and still has no response. Its owners (@\u200balice, @\u200bbob) had a reminder.`,
    ],
    [
      "mentions the owners again when no one is configured",
      [],
      ["alice", "bob"],
      `@alice @bob — [${TITLE_12}](${URL_12}) is 8 days past its due date (2025-03-15) and still has no response.`,
    ],
    [
      "mentions the owners again when no configured handle is valid",
      ["not valid!"],
      ["alice"],
      `@alice — [${TITLE_12}](${URL_12}) is 8 days past its due date (2025-03-15) and still has no response.`,
    ],
    [
      "addresses the team when there is no one to mention",
      [],
      [],
      `Team — [${TITLE_12}](${URL_12}) is 8 days past its due date (2025-03-15) and still has no response.`,
    ],
  ])("an escalation %s", (_name, escalateTo, owners, firstLine) => {
    const effects = comments(planSweep([item({ owners, state: "overdue", remindedForDue: day(14) })], rules({ escalateTo }), day(22), 100));

    expect(effects).toHaveLength(1);
    expect(effects[0]!.body).toBe(
      `${firstLine}\n\nCould you help the team decide? One comment closes the loop: ${ANSWER}, or ${MORE_TIME} if the signal needs more time.`,
    );
  });

  it("says 1 day in the singular", () => {
    const effects = comments(planSweep([item({ state: "overdue", remindedForDue: day(14) })], rules({ escalateAfterDays: 1 }), day(15), 100));

    expect(effects[0]!.body).toContain("is 1 day past its due date (2025-03-15)");
  });
});
