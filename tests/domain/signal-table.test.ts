import { describe, expect, it } from "vitest";
import type { ReadingsSoFar, SignalReading } from "../../src/domain/signal-evaluate.js";
import { codeSpan, renderReadingsSection, type ReadingsSectionInput } from "../../src/domain/signal-table.js";

const read = (value: number, day: string, unit?: string): SignalReading => ({ value, at: new Date(`${day}T09:00:00Z`), ...(unit ? { unit } : {}) });
const NONE: ReadingsSoFar = { baseline: null, latest: null, due: null };
const QUERY = { source: "prod", query: "sum(increase(orders_reordered_total[7d]))" };
const render = (o: Partial<ReadingsSectionInput>) => renderReadingsSection({ query: QUERY, byHowMuch: "Repeat purchases +5% within 30 days", readings: NONE, ...o });

describe("renderReadingsSection", () => {
  it("shows the query, a one-row table and the status while on track", () => {
    const text = render({ readings: { baseline: read(1204, "2026-03-03"), latest: read(1240, "2026-03-10"), due: null } });

    expect(text).toBe(
      [
        "Read from `prod`: `sum(increase(orders_reordered_total[7d]))`",
        "",
        "| Baseline | Latest | Target | Change since baseline |",
        "| --- | --- | --- | --- |",
        "| 1,204 (2026-03-03) | 1,240 (2026-03-10) | +5% (≥ 1,264) | +2.99% (+36) |",
        "",
        "**On track:** +2.99% since the baseline, towards +5%.",
      ].join("\n"),
    );
  });

  it.each<[string, string, ReadingsSoFar, string]>([
    ["target met", "+5%", { baseline: read(1000, "2026-03-03"), latest: read(1080, "2026-03-10"), due: null }, "**Target met:** +8% since the baseline; the target is +5%."],
    ["not yet", ">= 0.18", { baseline: read(0.17, "2026-03-03"), latest: read(0.16, "2026-03-10"), due: null }, "**Not yet:** 0.16; the target is ≥ 0.18."],
    ["no reading", "+5%", { ...NONE, lastFailure: "prod answered 503" }, "**No reading:** the last reading failed: prod answered 503."],
    ["no target", "Customers reorder more", { baseline: read(10, "2026-03-03"), latest: read(12, "2026-03-10"), due: null }, "**No target to check:** *By how much* has no target Senseloop can check (such as +5%, ≥ 0.18 or +200/week); compare the readings by eye."],
  ])("ends with the status line when %s", (_name, byHowMuch, readings, line) => {
    expect(render({ byHowMuch, readings }).split("\n").at(-1)).toBe(line);
  });

  it("shows the due-date reading, the one judged, once it is taken", () => {
    const text = render({ byHowMuch: "+5%", readings: { baseline: read(1000, "2026-03-03"), due: read(1030, "2026-03-17"), latest: read(1090, "2026-03-20") } });

    expect(text.split("\n").slice(2, 5)).toEqual(["| Baseline | At the due date | Target | Change since baseline |", "| --- | --- | --- | --- |", "| 1,000 (2026-03-03) | 1,030 (2026-03-17) | +5% (≥ 1,050) | +3% (+30) |"]);
    expect(text.split("\n").at(-1)).toBe("**Not yet:** at the due date, +3% since the baseline, short of +5%.");
  });

  it("fills the table with dashes before any reading", () => {
    expect(render({})).toContain("| — | — | +5% | — |");
  });

  it.each<[string, string | null, string]>([
    ["an absolute target with its unit, its \"<\" escaped as GitHub renders it", "p95 < 300ms", "&lt; 300 ms"],
    ["a rate", "+200/week", "+200 per week"],
    ["a text target, marked as not checked", "More reorders", "More reorders (not checked)"],
    ["no answer", null, "—"],
  ])("shows %s in the target column", (_name, byHowMuch, cell) => {
    const row = render({ byHowMuch, readings: { baseline: read(400, "2026-03-03"), latest: read(350, "2026-03-10"), due: null } }).split("\n")[4]!;

    expect(row.split(" | ")[2]).toBe(cell);
  });

  it("shows a reading's unit", () => {
    expect(render({ byHowMuch: "< 300ms", readings: { ...NONE, latest: read(280, "2026-03-10", "ms") } })).toContain("| — | 280 ms (2026-03-10) | &lt; 300 ms | — |");
  });

  it("shows only the change's delta when the baseline is 0", () => {
    expect(render({ byHowMuch: "+5%", readings: { baseline: read(0, "2026-03-03"), latest: read(4, "2026-03-10"), due: null } })).toContain("| 0 (2026-03-03) | 4 (2026-03-10) | +5% | +4 |");
  });

  it("notes a failed attempt under a status judged on an earlier reading", () => {
    const text = render({ readings: { baseline: read(1000, "2026-03-03"), latest: read(1080, "2026-03-10"), due: null, lastFailure: "prod did not answer within 10 s" } });

    expect(text.split("\n").slice(-3)).toEqual(["**Target met:** +8% since the baseline; the target is +5%.", "", "_The last reading failed: prod did not answer within 10 s._"]);
  });

  it("names the problem of a query that cannot be read, and nothing else", () => {
    expect(render({ query: { problem: "unknown source `prd` (known: `prod`)" } })).toBe("**No reading:** unknown source `prd` (known: `prod`).");
  });

  it("escapes echoed text: no HTML, no live mentions, no extra table columns", () => {
    const text = render({ byHowMuch: "<img src=x> @pam | a lot", readings: { ...NONE, latest: read(3, "2026-03-10") }, query: { source: "prod", query: "up" } });

    expect(text).toContain("&lt;img src=x&gt; @\u200bpam \\| a lot (not checked)");
    expect(text).not.toContain("<img");
    expect(text).not.toMatch(/(^|\s)@pam/);
  });

  it("escapes a failure reason that echoes the query", () => {
    const text = render({ readings: { ...NONE, lastFailure: "parse error near <script>" } });

    expect(text).toContain("parse error near &lt;script&gt;");
  });
});

describe("codeSpan", () => {
  it.each([
    ["plain text", "sum(up)", "`sum(up)`"],
    ["emphasis characters kept literal", "a_b*c", "`a_b*c`"],
    ["a backtick inside", "a`b", "``a`b``"],
    ["a run of backticks", "a```b", "````a```b````"],
    ["a backtick at the edge", "`x", "`` `x ``"],
    ["newlines", "select 1\nfrom events", "`select 1 from events`"],
    ["NUL characters", "u\u0000p", "`up`"],
  ])("writes %s", (_name, text, span) => {
    expect(codeSpan(text)).toBe(span);
  });

  it("cuts a long query", () => {
    expect(codeSpan("x".repeat(400))).toBe(`\`${"x".repeat(299)}…\``);
  });
});
