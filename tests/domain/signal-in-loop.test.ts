import { describe, expect, it } from "vitest";
import { decideCheck, type CheckInput } from "../../src/domain/check-decision.js";
import { renderDashboard, type DashboardItem } from "../../src/domain/dashboard.js";
import type { LoopItem, LoopRules } from "../../src/domain/sense-loop.js";
import { planSweep } from "../../src/domain/sweep-plan.js";

/** Where the signal shows up in the loop's other words: the sweep's reminder, the check, the dashboard. */

const DUE = new Date("2026-03-06T09:00:00.000Z");
const minutes = (n: number) => new Date(DUE.getTime() + n * 60_000);
const RULES: LoopRules = { graceDays: 0, escalateAfterDays: 7, escalateTo: [], overdueLabel: "needs-response", reopenWithoutResponse: true };

function loop(signal: LoopItem["signal"]): LoopItem {
  return {
    id: 1,
    installationId: 42,
    repositoryId: 1001,
    state: "sensing",
    environment: "production",
    dueAt: DUE,
    remindedForDue: null,
    escalatedForDue: null,
    issue: { owner: "acme", repo: "shop", number: 100 },
    hypothesis: { on: { owner: "acme", repo: "shop", number: 12 }, title: "Reorders", htmlUrl: "https://github.com/acme/shop/issues/12", owners: ["pam"] },
    signal,
  };
}

const reminders = (item: LoopItem, now: Date) => planSweep([item], () => RULES, now, 30).steps.flatMap((step) => step.effects.filter((e) => e.kind === "comment").map((e) => (e as { body: string }).body));

describe("a reminder and the due-date reading", () => {
  it.each<[string, LoopItem["signal"], number, number]>([
    ["goes out at once for a loop without a signal query", null, 5, 1],
    ["waits while the due-date reading is being taken", { settled: false, line: "Signal: the due-date reading is not in yet; the sense issue will show it once it is." }, 5, 0],
    ["waits up to an hour", { settled: false, line: "x" }, 59, 0],
    ["goes out after an hour without it", { settled: false, line: "x" }, 60, 1],
    ["goes out as soon as the reading is in", { settled: true, line: "Signal: **Target met:** at the due date, 0.21; the target is ≥ 0.18." }, 5, 1],
  ])("%s", (_name, signal, after, count) => {
    expect(reminders(loop(signal), minutes(after))).toHaveLength(count);
  });

  it("carries the reading's line in place of the question", () => {
    const [body] = reminders(loop({ settled: true, line: "Signal: **Target met:** at the due date, 0.21; the target is ≥ 0.18." }), minutes(5));

    expect(body).toBe(
      "@pam — [Reorders](https://github.com/acme/shop/issues/12) was due for a response on 2026-03-06.\n\nSignal: **Target met:** at the due date, 0.21; the target is ≥ 0.18.\n\nAnswer here with `/respond persevere|pivot|kill <what we learned>`, or ask for more time with `/extend <days> <reason>`.",
    );
  });
});

describe("the check summary and a Signal query that cannot be read", () => {
  const input: CheckInput = {
    mode: "enforce",
    draft: false,
    references: [{ raw: "#12", repo: "acme/shop", number: 12, hypothesis: { title: "Reorders", htmlUrl: "https://github.com/acme/shop/issues/12" } }],
    malformed: [],
    exemption: undefined,
    hypothesesRepo: "acme/shop",
    hypothesisLabel: "hypothesis",
    exemptLabel: "no-hypothesis",
    openHypotheses: [],
    moreOpenHypotheses: false,
  };

  it("names the problem under the verdict and keeps the conclusion", () => {
    const result = decideCheck({ ...input, signalProblems: [{ repo: "acme/shop", number: 12, problem: "unknown source `prd` (known: `prod`) <b>" }] });

    expect(result.conclusion).toBe("success");
    expect(result.summary.endsWith("This does not change the check.\n\n- acme/shop#12: unknown source `prd` (known: `prod`) &lt;b&gt;.")).toBe(true);
  });

  it("keeps a failing reference failing, with the note as well", () => {
    const result = decideCheck({ ...input, references: [{ raw: "#13", repo: "acme/shop", number: 13, problem: "is closed" }], signalProblems: [{ repo: "acme/shop", number: 12, problem: "empty" }] });

    expect(result.conclusion).toBe("failure");
    expect(result.summary).toContain("- acme/shop#12: empty.");
  });

  it("says nothing when every query reads", () => {
    expect(decideCheck({ ...input, signalProblems: [] }).summary).toBe(decideCheck(input).summary);
  });
});

describe("the dashboard's signal column", () => {
  const base: DashboardItem = {
    hypothesis: { repo: "acme/shop", number: 12, title: "Reorders", htmlUrl: "https://github.com/acme/shop/issues/12" },
    environment: "production",
    state: "sensing",
    shippedAt: new Date("2026-03-03T09:00:00.000Z"),
    dueAt: new Date("2026-03-17T09:00:00.000Z"),
    owners: ["pam"],
    issueUrl: "https://github.com/acme/shop/issues/100",
    issueNumber: 100,
    response: null,
  };
  const render = (items: DashboardItem[]) => renderDashboard({ repo: "acme/shop", now: new Date("2026-03-05T12:00:00.000Z"), items, unshipped: [], merged: [] }, { graceDays: 0 });
  const read = (value: number, day: string) => ({ value, at: new Date(`2026-03-${day}T09:00:00Z`) });

  it("shows the latest reading of each read loop, and a dash for the others", () => {
    const body = render([
      { ...base, signal: { problem: null, byHowMuch: "+5%", readings: { baseline: read(1000, "03"), latest: read(1030, "05"), due: null } } },
      { ...base, hypothesis: { ...base.hypothesis, number: 13 }, issueNumber: 101, issueUrl: "https://github.com/acme/shop/issues/101" },
    ]);

    expect(body).toContain("| Hypothesis | Environment | Due | Owners | Sense issue | Signal |");
    expect(body).toContain("| due in 12 days (2026-03-17) | @\u200bpam | [#100](https://github.com/acme/shop/issues/100) | 1,030 (on track) |");
    expect(body).toContain("| [#101](https://github.com/acme/shop/issues/101) | — |");
  });

  it("adds no column to a repository whose loops are not read", () => {
    expect(render([base])).toContain("| Hypothesis | Environment | Due | Owners | Sense issue |\n");
  });

  it("shows what the signal read when the team decided", () => {
    const body = render([{ ...base, state: "responded", response: { decision: "persevere", learning: "More reorders", respondedAt: new Date("2026-03-05T09:00:00Z"), signal: { value: 0.21, unit: null } } }]);

    expect(body).toContain("| Hypothesis | Decision | What we learned | Responded | Signal then |");
    expect(body).toContain("| persevere | More reorders | 2026-03-05 | 0.21 |");
  });
});
