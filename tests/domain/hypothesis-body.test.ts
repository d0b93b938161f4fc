import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_SENSE_AFTER_DAYS, MAX_SENSE_AFTER_DAYS, SECTION_LABELS, parseHypothesisBody, type HypothesisFields } from "../../src/domain/hypothesis-body.js";

const EMPTY: HypothesisFields = { belief: null, who: null, doesWhat: null, byHowMuch: null, signal: null, signalQuery: null, senseAfterDays: 14, problems: [] };

/** A body as GitHub renders an issue form: a `### Label` heading, a blank line, the answer. */
function render(sections: [label: string, value: string][]): string {
  return sections.map(([label, value]) => `### ${label}\n\n${value}`).join("\n\n");
}

const FULL = render([
  ["We believe", "Showing returning customers their last basket on the home page"],
  ["Who", "Returning customers on mobile"],
  ["Does what", "Reorder a past basket instead of searching item by item"],
  ["By how much", "Repeat purchases +5% within 30 days"],
  ["Signal", "https://analytics.example.com/dashboards/repeat-purchases"],
  ["Signal query", "prod: sum(increase(orders_reordered_total[7d]))"],
  ["Sense after (days)", "30"],
]);

describe("parseHypothesisBody: the issue form's sections", () => {
  it("reads every field of a filled-in form", () => {
    expect(parseHypothesisBody(FULL)).toEqual({
      belief: "Showing returning customers their last basket on the home page",
      who: "Returning customers on mobile",
      doesWhat: "Reorder a past basket instead of searching item by item",
      byHowMuch: "Repeat purchases +5% within 30 days",
      signal: "https://analytics.example.com/dashboards/repeat-purchases",
      signalQuery: "prod: sum(increase(orders_reordered_total[7d]))",
      senseAfterDays: 30,
      problems: [],
    });
  });

  it("reads a form filled in before the Signal query field existed, with no signal query", () => {
    const body = FULL.replace(/### Signal query\n\n[^\n]*\n\n/, "");

    expect(parseHypothesisBody(body)).toMatchObject({ signal: "https://analytics.example.com/dashboards/repeat-purchases", signalQuery: null, senseAfterDays: 30 });
  });

  it("keeps the Signal and Signal query sections apart", () => {
    const body = render([["Signal query", "product: select count() from events"], ["Signal", "https://example.com/d"]]);

    expect(parseHypothesisBody(body)).toMatchObject({ signal: "https://example.com/d", signalQuery: "product: select count() from events" });
  });

  it("reads a CRLF body as GitHub sometimes stores it", () => {
    expect(parseHypothesisBody(FULL.replace(/\n/g, "\r\n"))).toEqual(parseHypothesisBody(FULL));
  });

  it("keeps a multi-line answer whole, trimmed", () => {
    const body = render([["We believe", "First line\n\n- a bullet\n- another\n\n"]]);

    expect(parseHypothesisBody(body).belief).toBe("First line\n\n- a bullet\n- another");
  });

  it.each([
    ["`_No response_`", "_No response_"],
    ["`_no response_` in lower case", "_no response_"],
    ["an empty answer", ""],
    ["only whitespace", "   \n  "],
  ])("reads %s as an empty field", (_name, value) => {
    expect(parseHypothesisBody(render([["Signal", value], ["Who", "Shoppers"]]))).toEqual({ ...EMPTY, who: "Shoppers" });
  });

  it.each([
    ["a heading in another case", "### WHO\n\nShoppers", "Shoppers"],
    ["a heading with closing hashes", "### Who ###\n\nShoppers", "Shoppers"],
    ["extra spaces in the heading", "###   Who   \n\nShoppers", "Shoppers"],
    ["text before the first heading", "Intro text\n\n### Who\n\nShoppers", "Shoppers"],
    ["an unknown section after it", "### Who\n\nShoppers\n\n### Notes\n\nmore", "Shoppers"],
    ["the same heading twice (the first wins)", "### Who\n\nShoppers\n\n### Who\n\nOthers", "Shoppers"],
    ["NUL bytes", "### W\u0000ho\n\nShop\u0000pers", "Shoppers"],
    ["emoji and right-to-left text", "### Who\n\n🛒 زبائن عائدون", "🛒 زبائن عائدون"],
  ])("reads a section with %s", (_name, body, expected) => {
    expect(parseHypothesisBody(body).who).toBe(expected);
  });

  it.each([
    ["a level-two heading", "## Who\n\nShoppers"],
    ["a level-four heading", "#### Who\n\nShoppers"],
    ["a heading without a space", "###Who\n\nShoppers"],
  ])("does not read %s as a section", (_name, body) => {
    expect(parseHypothesisBody(body).who).toBeNull();
  });

  it("cuts a field to 2,000 characters", () => {
    const belief = parseHypothesisBody(render([["We believe", "b".repeat(5_000)]])).belief;

    expect(belief).toBe(`${"b".repeat(1_999)}…`);
  });

  it("does not split an emoji when cutting a field", () => {
    const belief = parseHypothesisBody(render([["We believe", `${"b".repeat(1_998)}${"😀".repeat(10)}`]])).belief;

    expect(belief).toBe(`${"b".repeat(1_998)}…`);
  });
});

describe("parseHypothesisBody: Sense after (days)", () => {
  it.each([
    ["0", 0],
    ["1", 1],
    ["14", 14],
    ["014", 14],
    ["365", 365],
    [" 30 ", 30],
  ])("reads %j as %i days", (value, days) => {
    expect(parseHypothesisBody(render([["Sense after (days)", value]]))).toEqual({ ...EMPTY, senseAfterDays: days });
  });

  it.each([
    ["366", "366"],
    ["999", "999"],
    ["1000", "1000"],
    ["-1", "-1"],
    ["14.5", "14.5"],
    ["14.0", "14.0"],
    ["1e2", "1e2"],
    ["two weeks", "two weeks"],
    ["14 days", "14 days"],
    ["0x10", "0x10"],
    ["a very long answer", `${"x".repeat(100)}`],
  ])("falls back to 14 days and notes the problem for %s", (_name, value) => {
    expect(parseHypothesisBody(render([["Sense after (days)", value]]))).toEqual({
      ...EMPTY,
      senseAfterDays: 14,
      problems: [`"Sense after (days)" is "${value.slice(0, 40)}", not a whole number from 0 to 365; using 14`],
    });
  });

  it.each([["_No response_"], [""]])("uses 14 days without a problem for the empty answer %j", (value) => {
    expect(parseHypothesisBody(render([["Sense after (days)", value]]))).toEqual(EMPTY);
  });

  it("exports the defaults it uses", () => {
    expect([DEFAULT_SENSE_AFTER_DAYS, MAX_SENSE_AFTER_DAYS]).toEqual([14, 365]);
  });
});

describe("parseHypothesisBody: a hand-written issue", () => {
  it.each([
    ["null", null],
    ["undefined", undefined],
    ["empty", ""],
    ["prose", "We think returning customers would reorder if they saw their last basket.\n\nLet's try it."],
    ["markdown with other headings", "## Idea\n\nReorder button\n\n## Why\n\nPeople asked"],
  ])("gives every field null and 14 days for a %s body", (_name, body) => {
    expect(parseHypothesisBody(body)).toEqual(EMPTY);
  });

  it("reads a 60,000-character body quickly", () => {
    const body = `${FULL}\n\n### Notes\n\n${"n".repeat(60_000)}`;
    const started = performance.now();

    const fields = parseHypothesisBody(body);

    expect(fields.senseAfterDays).toBe(30);
    expect(performance.now() - started).toBeLessThan(500);
  });
});

describe("the hypothesis issue form and the parser", () => {
  interface FormField {
    type: string;
    id?: string;
    attributes: { label?: string; value?: string; placeholder?: string };
  }
  const template = parse(readFileSync(new URL("../../.github/ISSUE_TEMPLATE/hypothesis.yml", import.meta.url), "utf8")) as { labels: string[]; body: FormField[] };
  const fields = template.body.filter((item) => item.type !== "markdown");
  const known: string[] = Object.values(SECTION_LABELS);

  it("labels issues with the default hypothesis label", () => {
    expect(template.labels).toEqual(["hypothesis"]);
  });

  it("has one form field per section the parser reads", () => {
    expect(fields.map((item) => item.attributes.label?.toLowerCase()).sort()).toEqual([...known].sort());
  });

  it.each(fields.map((item) => [item.attributes.label ?? "(no label)"]))("knows the form field %j", (label) => {
    expect(known).toContain(label.toLowerCase());
  });

  it("suggests the default number of days", () => {
    const senseAfter = fields.find((item) => item.attributes.label?.toLowerCase() === SECTION_LABELS.senseAfter);

    expect(senseAfter?.attributes.value).toBe(String(DEFAULT_SENSE_AFTER_DAYS));
  });

  it("parses a body rendered from the form back into the right fields", () => {
    const answers: Record<string, string> = {
      [SECTION_LABELS.belief]: "Showing returning customers their last basket",
      [SECTION_LABELS.who]: "Returning customers on mobile",
      [SECTION_LABELS.doesWhat]: "Reorder a past basket",
      [SECTION_LABELS.byHowMuch]: "Repeat purchases +5% within 30 days",
      [SECTION_LABELS.signal]: "https://analytics.example.com/d/1",
      [SECTION_LABELS.signalQuery]: "prod: sum(rate(orders_total[1d]))",
      [SECTION_LABELS.senseAfter]: "21",
    };
    const body = render(fields.map((item) => [item.attributes.label!, answers[item.attributes.label!.toLowerCase()]!]));

    expect(parseHypothesisBody(body)).toEqual({
      belief: "Showing returning customers their last basket",
      who: "Returning customers on mobile",
      doesWhat: "Reorder a past basket",
      byHowMuch: "Repeat purchases +5% within 30 days",
      signal: "https://analytics.example.com/d/1",
      signalQuery: "prod: sum(rate(orders_total[1d]))",
      senseAfterDays: 21,
      problems: [],
    });
  });

  it("parses a form submitted with only the required fields, leaving the rest empty", () => {
    const body = render(fields.map((item) => [item.attributes.label!, item.attributes.label === "Sense after (days)" ? item.attributes.value! : item.id === "signal" || item.id === "signal-query" ? "_No response_" : `answer for ${item.id}`]));

    expect(parseHypothesisBody(body)).toEqual({
      belief: "answer for belief",
      who: "answer for who",
      doesWhat: "answer for does-what",
      byHowMuch: "answer for by-how-much",
      signal: null,
      signalQuery: null,
      senseAfterDays: 14,
      problems: [],
    });
  });
});
