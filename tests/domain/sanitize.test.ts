import { describe, expect, it } from "vitest";
import { GITHUB_BODY_LIMIT, echo, echoLine, fitBody, sliceWhole, stripNul, stripNulDeep } from "../../src/domain/sanitize.js";

const ZWSP = "\u200b";
const NOTICE = "_This text was cut to fit GitHub's size limit._";

describe("echo", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"],
    ["an ampersand, before the other escapes", "a & b <i>", "a &amp; b &lt;i&gt;"],
    ["an entity the author wrote", "&lt;", "&amp;lt;"],
    ["a mention at the start", "@alice look", `@${ZWSP}alice look`],
    ["a team mention", "ask @acme/checkout", `ask @${ZWSP}acme/checkout`],
    ["a mention in parentheses", "(@bob)", `(@${ZWSP}bob)`],
    ["a mention after an angle bracket", "<@bob", `&lt;@${ZWSP}bob`],
    ["two mentions", "@a,@b", `@${ZWSP}a,@${ZWSP}b`],
    ["a mention after a newline", "x\n@carol", `x\n@${ZWSP}carol`],
    ["an e-mail address, left alone", "mail a@b.com", "mail a@b.com"],
    ["an @ after an underscore, which GitHub does not notify", "_@dan", "_@dan"],
    ["a lone @", "meet @ noon", "meet @ noon"],
    ["a mention inside a code span, which does not notify", "`@erin`", "`@erin`"],
    ["NUL characters", "a\u0000b", "ab"],
    ["emoji and right-to-left text", "🚀 إطلاق <b>", "🚀 إطلاق &lt;b&gt;"],
  ])("escapes %s", (_name, input, expected) => {
    expect(echo(input)).toBe(expected);
  });
});

describe("echoLine", () => {
  it.each([
    ["newlines and tabs collapse to one space", "a\n\n\tb\r\nc", "a b c"],
    ["surrounding whitespace is trimmed", "  a b  ", "a b"],
    ["HTML is escaped", "<b>x</b>", "&lt;b&gt;x&lt;/b&gt;"],
    ["mentions are broken", "cc @team", `cc @${ZWSP}team`],
    ["NUL characters are dropped", "a\u0000b", "ab"],
  ])("%s", (_name, input, expected) => {
    expect(echoLine(input)).toBe(expected);
  });

  it.each([
    ["exactly the limit", "a".repeat(200), "a".repeat(200)],
    ["one over the limit", "a".repeat(201), `${"a".repeat(199)}…`],
    ["far over the limit", "a".repeat(5_000), `${"a".repeat(199)}…`],
  ])("keeps text of %s within 200 characters", (_name, input, expected) => {
    expect(echoLine(input)).toBe(expected);
  });

  it("cuts to a given maximum", () => {
    expect(echoLine("abcdefghij", 5)).toBe("abcd…");
  });

  it("measures the limit before escaping, so escaped text may grow", () => {
    expect(echoLine("<".repeat(10), 5)).toBe(`${"&lt;".repeat(4)}…`);
  });

  it("does not split an emoji when cutting", () => {
    const result = echoLine(`${"a".repeat(198)}😀😀`, 200);

    expect(result).toBe(`${"a".repeat(198)}…`);
    expect(result.isWellFormed()).toBe(true);
  });
});

describe("sliceWhole", () => {
  it.each([
    ["plain text", "abcdef", 3, "abc"],
    ["a cut after a whole emoji", "ab😀c", 4, "ab😀"],
    ["a cut inside an emoji", "ab😀c", 3, "ab"],
    ["a cut past the end", "ab", 10, "ab"],
    ["a cut at zero", "ab", 0, ""],
    ["a negative cut", "ab", -3, ""],
  ])("cuts %s", (_name, text, end, expected) => {
    expect(sliceWhole(text, end)).toBe(expected);
  });
});

describe("stripNul and stripNulDeep", () => {
  it.each([
    ["text without NUL", "plain", "plain"],
    ["one NUL", "a\u0000b", "ab"],
    ["only NULs", "\u0000\u0000", ""],
  ])("stripNul keeps %s clean", (_name, input, expected) => {
    expect(stripNul(input)).toBe(expected);
  });

  it("strips NUL from every string and key at any depth", () => {
    const payload = { "ke\u0000y": "v\u0000", list: ["a\u0000", { deep: "b\u0000c" }], n: 1, ok: true, none: null };

    expect(stripNulDeep(payload)).toEqual({ key: "v", list: ["a", { deep: "bc" }], n: 1, ok: true, none: null });
  });

  it("does not change its input", () => {
    const payload = { a: "x\u0000" };

    stripNulDeep(payload);

    expect(payload).toEqual({ a: "x\u0000" });
  });

  it.each([
    ["a number", 5],
    ["a boolean", false],
    ["null", null],
    ["undefined", undefined],
  ])("returns %s as it is", (_name, value) => {
    expect(stripNulDeep(value)).toBe(value);
  });

  it("keeps a `__proto__` key of a parsed payload as a key", () => {
    const payload: unknown = JSON.parse('{"__proto__": {"x": "1\\u0000"}, "a": "b"}');

    const result = stripNulDeep(payload) as Record<string, unknown>;

    expect(Object.keys(result)).toEqual(["__proto__", "a"]);
    expect(JSON.stringify(result)).toBe('{"__proto__":{"x":"1"},"a":"b"}');
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
  });
});

describe("fitBody", () => {
  it.each([
    ["empty", ""],
    ["short", "hello"],
    ["exactly at the limit", "x".repeat(GITHUB_BODY_LIMIT)],
  ])("returns a body that fits as it is: %s", (_name, body) => {
    expect(fitBody(body)).toBe(body);
  });

  it("cuts at the last line break and adds the notice", () => {
    const body = `${"a".repeat(60)}\n${"b".repeat(60)}`;

    expect(fitBody(body, "(cut)", 100)).toBe(`${"a".repeat(60)}\n\n(cut)`);
  });

  it("cuts mid-line when the last line break is in the first half", () => {
    const body = `a\n${"b".repeat(200)}`;

    const result = fitBody(body, "(cut)", 100);

    expect(result).toBe(`a\n${"b".repeat(91)}\n\n(cut)`);
    expect(result).toHaveLength(100);
  });

  it("keeps the hidden marker that ends the body", () => {
    const marker = "<!-- senseloop:sense hypothesis=acme/shop#12 env=production -->";
    const body = `${"line of text\n".repeat(10_000)}\n${marker}`;

    const result = fitBody(body);

    expect(result.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(result.endsWith(`line of text\n\n${NOTICE}\n${marker}`)).toBe(true);
  });

  it("keeps every marker line that ends the body", () => {
    const markers = "\n<!-- senseloop:comment key=a -->\n<!-- senseloop:dashboard -->\n";
    const body = `${"x".repeat(300)}${markers}`;

    const result = fitBody(body, "(cut)", 200);

    expect(result.endsWith(`\n\n(cut)${markers}`)).toBe(true);
    expect(result.length).toBeLessThanOrEqual(200);
  });

  it("cuts a marker that does not end the body like any other text, and stays under the limit", () => {
    const body = `intro\n<!-- senseloop:dashboard -->\n${"y".repeat(70_000)}`;

    const result = fitBody(body);

    expect(result.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(result.startsWith("intro\n<!-- senseloop:dashboard -->\nyyy")).toBe(true);
    expect(result.endsWith(`y\n\n${NOTICE}`)).toBe(true);
  });

  it.each([
    ["one long line", "z".repeat(200_000)],
    ["many lines", "some words here\n".repeat(20_000)],
    ["long lines of emoji", `${"😀".repeat(40_000)}\n`.repeat(3)],
    ["a huge marker-like line", `${"x".repeat(70_000)}\n<!-- senseloop:${"m".repeat(70_000)} -->`],
  ])("never exceeds the limit with %s", (_name, body) => {
    const result = fitBody(body);

    expect(result.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(result.isWellFormed()).toBe(true);
  });

  it("never exceeds a limit smaller than the notice", () => {
    expect(fitBody("abcdefghij", "a long notice", 4)).toBe("abcd");
  });

  it("does not split an emoji when the cut falls inside it", () => {
    const result = fitBody(`${"a".repeat(90)}${"😀".repeat(10)}`, "(cut)", 100);

    expect(result).toBe(`${"a".repeat(90)}😀\n\n(cut)`);
    expect(result.isWellFormed()).toBe(true);
  });
});
