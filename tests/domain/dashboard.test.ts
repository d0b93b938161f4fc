import { describe, expect, it } from "vitest";
import { computeMetrics, renderDashboard, type DashboardData, type DashboardItem, type DashboardMerged, type DashboardMetrics } from "../../src/domain/dashboard.js";

const NOW = new Date("2025-04-01T12:00:00.000Z");
const at = (iso: string) => new Date(iso);
const MARKER = "<!-- senseloop:dashboard -->";
const ZWSP = "\u200b";

function item(number: number, overrides: Partial<DashboardItem> = {}): DashboardItem {
  return {
    hypothesis: { repo: "acme/product", number, title: `Hypothesis ${number}`, htmlUrl: `https://github.com/acme/product/issues/${number}` },
    environment: "production",
    state: "sensing",
    shippedAt: at("2025-03-01T09:00:00.000Z"),
    dueAt: at("2025-03-15T09:00:00.000Z"),
    owners: ["alice"],
    issueUrl: `https://github.com/acme/shop/issues/${number + 100}`,
    issueNumber: number + 100,
    response: null,
    ...overrides,
  };
}

const titled = (number: number, title: string, overrides: Partial<DashboardItem> = {}) =>
  item(number, { hypothesis: { repo: "acme/product", number, title, htmlUrl: `https://github.com/acme/product/issues/${number}` }, ...overrides });

function merged(number: number, outcome: DashboardMerged["outcome"], mergedAt: string, exemption: string | null = null): DashboardMerged {
  return { number, title: `PR ${number}`, htmlUrl: `https://github.com/acme/shop/pull/${number}`, mergedAt: at(mergedAt), outcome, exemption };
}

const data = (overrides: Partial<DashboardData> = {}): DashboardData => ({ repo: "acme/shop", now: NOW, items: [], unshipped: [], merged: [], ...overrides });

const FULL = data({
  items: [
    titled(12, "Returning customers reorder a past basket", { state: "overdue", owners: ["alice", "bob"], issueUrl: "https://github.com/acme/shop/issues/41", issueNumber: 41 }),
    titled(14, "Guests who see delivery dates check out more", { environment: "staging", state: "escalated", dueAt: at("2025-03-10T09:00:00.000Z"), owners: [], issueUrl: null, issueNumber: null }),
    titled(16, "Bundles raise order value", { dueAt: at("2025-04-05T09:00:00.000Z") }),
    titled(17, "Saved carts bring people back", { state: "shipped", dueAt: at("2025-04-02T12:00:00.000Z") }),
    titled(18, "Search suggestions", { dueAt: at("2025-03-31T12:00:00.000Z"), owners: ["carol"] }),
    titled(15, "Wishlists", {
      state: "responded",
      response: { decision: "pivot", learning: "Customers used it once, then went back to search\nThe second line is not shown", respondedAt: at("2025-03-20T09:00:00.000Z") },
    }),
    titled(19, "Gift cards", {
      state: "responded",
      shippedAt: at("2025-02-01T09:00:00.000Z"),
      dueAt: at("2025-02-15T09:00:00.000Z"),
      response: { decision: "persevere", learning: "a".repeat(200), respondedAt: at("2025-02-11T09:00:00.000Z") },
    }),
    titled(11, "Old idea", {
      state: "responded",
      shippedAt: at("2024-10-01T09:00:00.000Z"),
      dueAt: at("2024-10-15T09:00:00.000Z"),
      response: { decision: "kill", learning: "Nobody used it", respondedAt: at("2024-11-01T00:00:00.000Z") },
    }),
    titled(13, "Rolled back one", { state: "rolled_back", dueAt: at("2025-03-01T09:00:00.000Z") }),
  ],
  unshipped: [
    { number: 22, title: "Delivery slots", htmlUrl: "https://github.com/acme/product/issues/22" },
    { number: 20, title: "Guests see delivery dates", htmlUrl: "https://github.com/acme/product/issues/20" },
  ],
  merged: [
    merged(101, "linked", "2025-03-30T10:00:00.000Z"),
    merged(102, "exempt", "2025-03-29T10:00:00.000Z", "It carries the `no-hypothesis` label."),
    merged(103, "missing", "2025-03-28T10:00:00.000Z"),
    merged(104, "invalid", "2025-03-27T10:00:00.000Z"),
    merged(105, "config_invalid", "2025-03-26T10:00:00.000Z"),
    merged(106, null, "2025-03-25T10:00:00.000Z"),
    merged(107, "linked", "2025-03-24T10:00:00.000Z"),
    merged(108, "missing", "2025-02-01T10:00:00.000Z"),
  ],
});

const FULL_BODY = `What shipped, what is due and what we learned in acme/shop. Answer a sense issue with \`/respond persevere|pivot|kill <what we learned>\`.

## Overdue (2)

| Hypothesis | Environment | Past due | Owners | Sense issue |
| --- | --- | --- | --- | --- |
| [acme/product#14](https://github.com/acme/product/issues/14) Guests who see delivery dates check out more | staging | 22 days (2025-03-10) | — | not opened yet |
| [acme/product#12](https://github.com/acme/product/issues/12) Returning customers reorder a past basket | production | 17 days (2025-03-15) | @${ZWSP}alice, @${ZWSP}bob | [#41](https://github.com/acme/shop/issues/41) |

## Sensing (3)

| Hypothesis | Environment | Due | Owners | Sense issue |
| --- | --- | --- | --- | --- |
| [acme/product#18](https://github.com/acme/product/issues/18) Search suggestions | production | in the grace period (due 2025-03-31) | @${ZWSP}carol | [#118](https://github.com/acme/shop/issues/118) |
| [acme/product#17](https://github.com/acme/product/issues/17) Saved carts bring people back | production | due in 1 day (2025-04-02) | @${ZWSP}alice | [#117](https://github.com/acme/shop/issues/117) |
| [acme/product#16](https://github.com/acme/product/issues/16) Bundles raise order value | production | due in 4 days (2025-04-05) | @${ZWSP}alice | [#116](https://github.com/acme/shop/issues/116) |

## Responded in the last 90 days (2)

| Hypothesis | Decision | What we learned | Responded |
| --- | --- | --- | --- |
| [acme/product#15](https://github.com/acme/product/issues/15) Wishlists | pivot | Customers used it once, then went back to search | 2025-03-20 |
| [acme/product#19](https://github.com/acme/product/issues/19) Gift cards | persevere | ${"a".repeat(119)}… | 2025-02-11 |

## Hypotheses not shipped yet (2)

- [#20](https://github.com/acme/product/issues/20) Guests see delivery dates
- [#22](https://github.com/acme/product/issues/22) Delivery slots

## Merged without a hypothesis in the last 30 days (5)

1 exempt, 3 without a valid hypothesis, 1 not checked

- [#102](https://github.com/acme/shop/pull/102) PR 102 — exempt: It carries the \`no-hypothesis\` label.
- [#103](https://github.com/acme/shop/pull/103) PR 103 — names no hypothesis
- [#104](https://github.com/acme/shop/pull/104) PR 104 — names a hypothesis that is not valid
- [#105](https://github.com/acme/shop/pull/105) PR 105 — checked while the config was invalid
- [#106](https://github.com/acme/shop/pull/106) PR 106 — not checked

Loop closure 50% · median 19 days from ship to response · 1 persevere, 1 pivot, 1 kill · 29% of merged PRs linked to a hypothesis

${MARKER}`;

const EMPTY_BODY = `What shipped, what is due and what we learned in acme/shop. Answer a sense issue with \`/respond persevere|pivot|kill <what we learned>\`.

## Overdue (0)

Nothing is overdue.

## Sensing (0)

Nothing is being sensed right now.

## Responded in the last 90 days (0)

No responses in the last 90 days.

## Hypotheses not shipped yet (0)

No hypothesis is waiting to ship.

## Merged without a hypothesis in the last 30 days (0)

No PRs merged in the last 30 days.

Loop closure — · median — days from ship to response · 0 persevere, 0 pivot, 0 kill · — of merged PRs linked to a hypothesis

${MARKER}`;

const responded = (number: number, decision: "persevere" | "pivot" | "kill", shipped: string, respondedAt: string, due = "2025-03-15T09:00:00.000Z") =>
  item(number, { state: "responded", shippedAt: at(shipped), dueAt: at(due), response: { decision, learning: "We learned something real", respondedAt: at(respondedAt) } });

describe("computeMetrics", () => {
  it.each<[string, Partial<DashboardData>, DashboardMetrics]>([
    ["reports no rates for an empty repository", {}, { closureRate: null, medianDaysToResponse: null, mix: { persevere: 0, pivot: 0, kill: 0 }, linkedShare: null, pastDue: 0, responded: 0 }],
    [
      "reports the full example",
      FULL,
      { closureRate: 0.5, medianDaysToResponse: 19, mix: { persevere: 1, pivot: 1, kill: 1 }, linkedShare: 2 / 7, pastDue: 6, responded: 3 },
    ],
    [
      "leaves an item out of the closure rate until its due date passes, even when answered early",
      { items: [responded(1, "pivot", "2025-03-25T12:00:00.000Z", "2025-03-30T12:00:00.000Z", "2025-04-08T12:00:00.000Z"), item(2, { dueAt: NOW })] },
      { closureRate: 0, medianDaysToResponse: 5, mix: { persevere: 0, pivot: 1, kill: 0 }, linkedShare: null, pastDue: 1, responded: 0 },
    ],
    [
      "ignores rolled-back items everywhere",
      { items: [item(1, { state: "rolled_back" }), { ...responded(2, "kill", "2025-03-01T12:00:00.000Z", "2025-03-03T12:00:00.000Z"), state: "rolled_back" }] },
      { closureRate: null, medianDaysToResponse: null, mix: { persevere: 0, pivot: 0, kill: 0 }, linkedShare: null, pastDue: 0, responded: 0 },
    ],
    [
      "takes the mean of the middle two for an even count of responses",
      {
        items: [
          responded(1, "kill", "2025-03-01T00:00:00.000Z", "2025-03-03T00:00:00.000Z"),
          responded(2, "kill", "2025-03-01T00:00:00.000Z", "2025-03-06T00:00:00.000Z"),
          responded(3, "pivot", "2025-03-01T00:00:00.000Z", "2025-03-10T12:00:00.000Z"),
          responded(4, "persevere", "2025-03-01T00:00:00.000Z", "2025-03-31T00:00:00.000Z"),
        ],
      },
      { closureRate: 1, medianDaysToResponse: 7.25, mix: { persevere: 1, pivot: 1, kill: 2 }, linkedShare: null, pastDue: 4, responded: 4 },
    ],
    [
      "counts a response recorded before the ship as zero days",
      { items: [responded(1, "pivot", "2025-03-10T00:00:00.000Z", "2025-03-09T00:00:00.000Z")] },
      { closureRate: 1, medianDaysToResponse: 0, mix: { persevere: 0, pivot: 1, kill: 0 }, linkedShare: null, pastDue: 1, responded: 1 },
    ],
    [
      "shares linked PRs over those merged in the last 30 days only",
      { merged: [merged(1, "linked", "2025-03-02T12:00:00.000Z"), merged(2, "exempt", "2025-03-31T00:00:00.000Z"), merged(3, "linked", "2025-03-02T11:59:59.999Z")] },
      { closureRate: null, medianDaysToResponse: null, mix: { persevere: 0, pivot: 0, kill: 0 }, linkedShare: 0.5, pastDue: 0, responded: 0 },
    ],
  ])("%s", (_name, overrides, metrics) => {
    expect(computeMetrics(data(overrides))).toEqual(metrics);
  });
});

describe("renderDashboard", () => {
  it.each([
    ["every section, the metrics and the marker", FULL, 2, FULL_BODY],
    ["one short line per empty section", data(), 0, EMPTY_BODY],
  ])("renders %s", (_name, input, graceDays, body) => {
    expect(renderDashboard(input, { graceDays })).toBe(body);
  });

  it("moves an item from Sensing to Overdue once its grace days pass", () => {
    const body = renderDashboard(FULL, { graceDays: 0 });

    expect(body).toContain("## Overdue (3)");
    expect(body).toContain("| [acme/product#18](https://github.com/acme/product/issues/18) Search suggestions | production | 1 day (2025-03-31) |");
    expect(body).toContain("## Sensing (2)");
  });

  it("renders the same body for the same data in any order", () => {
    const shuffled = { ...FULL, items: [...FULL.items].reverse(), unshipped: [...FULL.unshipped].reverse(), merged: [...FULL.merged].reverse() };

    const first = renderDashboard(FULL, { graceDays: 2 });
    const second = renderDashboard(shuffled, { graceDays: 2 });

    expect(second).toBe(first);
    expect(renderDashboard(FULL, { graceDays: 2 })).toBe(first);
  });

  it("carries no live mention, even of owners or in titles and learnings", () => {
    const input = data({
      items: [
        titled(1, "Ping @carol and @acme/leads", { owners: ["dave", "erin"] }),
        titled(2, "Done", { state: "responded", response: { decision: "kill", learning: "@frank said nobody used it", respondedAt: at("2025-03-30T00:00:00.000Z") } }),
      ],
      merged: [merged(3, "exempt", "2025-03-30T00:00:00.000Z", "Asked by @grace")],
    });

    const body = renderDashboard(input, { graceDays: 0 });

    expect(body.match(/(^|[^\w`])@[A-Za-z0-9]/gm)).toBeNull();
    expect(body).toContain(`Ping @${ZWSP}carol and @${ZWSP}acme/leads`);
    expect(body).toContain(`@${ZWSP}dave, @${ZWSP}erin`);
  });

  it.each([
    ["a pipe", "A | B", "A \\| B"],
    ["an escaped pipe", "A \\| B", "A \\\\\\| B"],
    ["HTML", "<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"],
    ["a line break", "first\nsecond", "first second"],
  ])("keeps a table row whole when a title holds %s", (_name, title, shown) => {
    const body = renderDashboard(data({ items: [titled(5, title, { dueAt: at("2025-04-03T12:00:00.000Z") })] }), { graceDays: 0 });

    expect(body).toContain(`| [acme/product#5](https://github.com/acme/product/issues/5) ${shown} | production | due in 2 days (2025-04-03) |`);
  });

  it("shows more than three owners as a count", () => {
    const body = renderDashboard(data({ items: [item(5, { owners: ["a1", "b2", "c3", "d4", "e5"] })] }), { graceDays: 0 });

    expect(body).toContain(`| @${ZWSP}a1, @${ZWSP}b2, @${ZWSP}c3 +2 |`);
  });

  it("leaves out responses older than 90 days but still counts them", () => {
    const old = responded(1, "kill", "2024-11-01T00:00:00.000Z", "2025-01-01T11:59:59.999Z");

    const body = renderDashboard(data({ items: [old] }), { graceDays: 0 });

    expect(body).toContain("## Responded in the last 90 days (0)\n\nNo responses in the last 90 days.");
    expect(body).toContain("Loop closure 100% · median 61 days from ship to response · 0 persevere, 0 pivot, 1 kill ·");
  });

  it("says every recent PR named a hypothesis when all are linked", () => {
    const body = renderDashboard(data({ merged: [merged(1, "linked", "2025-03-30T00:00:00.000Z")] }), { graceDays: 0 });

    expect(body).toContain("## Merged without a hypothesis in the last 30 days (0)\n\nEvery PR merged in the last 30 days names a hypothesis.");
    expect(body).toContain("· 100% of merged PRs linked to a hypothesis");
  });
});

describe("renderDashboard caps", () => {
  it("shows at most 100 rows per section and counts the rest", () => {
    const overdue = Array.from({ length: 150 }, (_, index) => item(index + 1, { state: "overdue" }));

    const body = renderDashboard(data({ items: overdue }), { graceDays: 0 });

    const rows = body.split("\n").filter((line) => line.startsWith("| [acme/product#"));
    expect(body).toContain("## Overdue (150)");
    expect(rows).toHaveLength(100);
    expect(rows[99]).toContain("[acme/product#100]");
    expect(body).toContain("\n\n…and 50 more\n\n## Sensing (0)");
  });

  it("gives a section of long rows the room the other sections leave, and no more", () => {
    const wide = "<".repeat(300);
    const long = Array.from({ length: 100 }, (_, index) => titled(index + 1, wide, { environment: wide, owners: [wide, wide, wide], state: "overdue" }));

    const body = renderDashboard(data({ items: long, unshipped: [{ number: 1, title: "Short", htmlUrl: "https://github.com/acme/product/issues/1" }] }), { graceDays: 0 });

    const section = body.slice(body.indexOf("## Overdue"), body.indexOf("## Sensing"));
    const shown = section.split("\n").filter((line) => line.startsWith("| [acme/product#")).length;
    expect(shown).toBeGreaterThan(40);
    expect(shown).toBeLessThan(100);
    expect(section.length).toBeGreaterThan(50_000);
    expect(section.length).toBeLessThan(61_000);
    expect(section).toContain(`…and ${100 - shown} more`);
    expect(body).toContain("- [#1](https://github.com/acme/product/issues/1) Short");
  });

  it("stays under GitHub's limit with 10,000 entries in every section, and keeps the metrics and marker", () => {
    const title = "العملاء يعيدون الطلب 🛒🔁 | Returning customers reorder <b>a past basket</b> ".repeat(4);
    const owners = Array.from({ length: 8 }, (_, index) => `owner-${index}-${"x".repeat(30)}`);
    const items = Array.from({ length: 10_000 }, (_, index) => {
      const kind = index % 3;
      return titled(index + 1, title, {
        environment: `production-${"e".repeat(100)}`,
        owners,
        state: kind === 2 ? "responded" : "sensing",
        dueAt: kind === 1 ? at("2025-05-01T00:00:00.000Z") : at("2025-03-01T00:00:00.000Z"),
        response: kind === 2 ? { decision: "pivot", learning: `${title}\n${title}`, respondedAt: at("2025-03-15T00:00:00.000Z") } : null,
      });
    });
    const unshipped = Array.from({ length: 10_000 }, (_, index) => ({ number: index + 1, title, htmlUrl: `https://github.com/acme/product/issues/${index + 1}` }));
    const prs = Array.from({ length: 10_000 }, (_, index) => merged(index + 1, index % 2 === 0 ? "exempt" : "missing", "2025-03-20T00:00:00.000Z", title));

    const body = renderDashboard(data({ items, unshipped, merged: prs }), { graceDays: 0 });

    expect(body.length).toBeLessThan(65_536);
    expect(body).not.toContain("cut to fit");
    expect(body.split("\n").at(-1)).toBe(MARKER);
    expect(body).toContain("Loop closure 50% · median 14 days from ship to response · 0 persevere, 3333 pivot, 0 kill · 0% of merged PRs linked to a hypothesis");
    expect(body).toContain("## Overdue (3334)");
    expect(body).toContain("## Hypotheses not shipped yet (10000)");
    expect(body).toContain("5000 exempt, 5000 without a valid hypothesis");
    expect(body.match(/…and \d+ more/g)).toHaveLength(5);
    const headings = [...body.matchAll(/^## /gm)].map((match) => match.index);
    const sizes = headings.map((start, index) => (headings[index + 1] ?? body.indexOf("Loop closure")) - start);
    expect(sizes.every((size) => size > 9_000 && size < 13_000)).toBe(true);
  });
});
