import { describe, expect, it } from "vitest";
import { MAX_REFERENCES, parseReferences, stripNonProse, type ParsedReferences } from "../../src/domain/references.js";

const NO_ISSUE = "names no issue; write `#12`, `owner/repo#12` or the issue's URL";
const NEEDS_REASON = "needs a reason after `none`, for example `Hypothesis: none — fixes a typo`";

function parse(parts: { title?: string; body?: string | null; commits?: string[]; webHost?: string }): ParsedReferences {
  return parseReferences({
    title: parts.title ?? "Add a reorder button",
    body: parts.body === undefined ? "" : parts.body,
    commitMessages: parts.commits ?? [],
    webHost: parts.webHost ?? "github.com",
  });
}

/** The references as `repo#number` strings, `#n` for the default repository, `!` for pull-request URLs. */
function refs(parsed: ParsedReferences): string[] {
  return parsed.references.map((ref) => `${ref.repo ?? ""}#${ref.number}${ref.pullRequest ? "!" : ""}`);
}

describe("parseReferences: the forms of a reference", () => {
  it.each([
    ["a bare number", "Hypothesis: #12", { raw: "#12", repo: undefined, number: 12, pullRequest: false }],
    ["owner/repo#n", "Hypothesis: acme/product#12", { raw: "acme/product#12", repo: "acme/product", number: 12, pullRequest: false }],
    ["owner/repo#n with dots, dashes and underscores", "Hypothesis: acme-co/web.app_2#7", { raw: "acme-co/web.app_2#7", repo: "acme-co/web.app_2", number: 7, pullRequest: false }],
    [
      "an issue URL",
      "Hypothesis: https://github.com/acme/product/issues/12",
      { raw: "https://github.com/acme/product/issues/12", repo: "acme/product", number: 12, pullRequest: false },
    ],
    [
      "an issue URL with a comment anchor",
      "Hypothesis: https://github.com/acme/product/issues/12#issuecomment-99",
      { raw: "https://github.com/acme/product/issues/12", repo: "acme/product", number: 12, pullRequest: false },
    ],
    [
      "an http issue URL",
      "Hypothesis: http://github.com/acme/product/issues/3",
      { raw: "http://github.com/acme/product/issues/3", repo: "acme/product", number: 3, pullRequest: false },
    ],
    [
      "a pull-request URL, flagged",
      "Hypothesis: https://github.com/acme/product/pull/44",
      { raw: "https://github.com/acme/product/pull/44", repo: "acme/product", number: 44, pullRequest: true },
    ],
  ])("reads %s", (_name, body, expected) => {
    const parsed = parse({ body });

    expect(parsed).toEqual({ references: [{ ...expected, source: "body" }], malformed: [], noneReason: undefined });
  });

  it.each([
    ["ghe.example.com:8443", "https://ghe.example.com:8443/acme/shop/issues/5", ["acme/shop#5"]],
    ["ghe.example.com:8443", "https://ghe.example.com:8443/acme/shop/pull/5", ["acme/shop#5!"]],
    ["ghe.example.com", "https://ghe.example.com/acme/shop/issues/6", ["acme/shop#6"]],
  ])("reads URLs on the GitHub Enterprise host %s", (webHost, url, expected) => {
    expect(refs(parse({ body: `Hypothesis: ${url}`, webHost }))).toEqual(expected);
  });

  it.each([
    ["github.com, for a GitHub Enterprise host", "ghe.example.com", "https://github.com/acme/shop/issues/5"],
    ["a look-alike host whose dot is not a dot", "ghe.example.com", "https://gheXexample.com/acme/shop/issues/5"],
    ["another host", "github.com", "https://gitlab.com/acme/shop/issues/5"],
  ])("does not take an issue URL on %s", (_name, webHost, url) => {
    const parsed = parse({ body: `Hypothesis: ${url}`, webHost });

    expect(parsed.references).toEqual([]);
    expect(parsed.malformed).toEqual([{ raw: `Hypothesis: ${url}`, message: NO_ISSUE, source: "body" }]);
  });

  it.each([
    ["commas", "Hypothesis: #1, #2, acme/x#3", ["#1", "#2", "acme/x#3"]],
    ["spaces", "Hypothesis: #1 #2 https://github.com/acme/x/issues/3", ["#1", "#2", "acme/x#3"]],
    ["`and`", "Hypotheses: #1 and #2", ["#1", "#2"]],
    ["several lines", "Hypothesis: #1\nHypothesis: #2\nHypotheses: acme/x#3", ["#1", "#2", "acme/x#3"]],
    ["a value with trailing words", "Hypothesis: #12 (the reorder one)", ["#12"]],
  ])("reads several references separated by %s", (_name, body, expected) => {
    const parsed = parse({ body });

    expect(refs(parsed)).toEqual(expected);
    expect(parsed.malformed).toEqual([]);
  });

  it.each([
    ["a number glued to letters", "Hypothesis: #12abc"],
    ["a number without #", "Hypothesis: 12"],
    ["a double #", "Hypothesis: ##12"],
    ["a word", "Hypothesis: the checkout one"],
    ["a repository without a number", "Hypothesis: acme/product"],
  ])("reports a value that names no issue: %s", (_name, body) => {
    const parsed = parse({ body });

    expect(parsed.references).toEqual([]);
    expect(parsed.malformed).toEqual([{ raw: body, message: NO_ISSUE, source: "body" }]);
  });

  it("cuts the echoed value of a malformed line to 80 characters", () => {
    const value = "x".repeat(500);

    const parsed = parse({ body: `Hypothesis: ${value}` });

    expect(parsed.malformed).toEqual([{ raw: `Hypothesis: ${"x".repeat(80)}`, message: NO_ISSUE, source: "body" }]);
  });

  it.each([
    ["an empty value", "Hypothesis:"],
    ["only spaces", "Hypothesis:    "],
    ["only emphasis marks", "**Hypothesis:** **"],
  ])("ignores a key line with %s", (_name, body) => {
    expect(parse({ body })).toEqual({ references: [], malformed: [], noneReason: undefined });
  });
});

describe("parseReferences: where a reference is written", () => {
  it.each([
    ["a plain line", "Hypothesis: #12"],
    ["a line indented by three spaces", "   Hypothesis: #12"],
    ["a dash bullet", "- Hypothesis: #12"],
    ["a star bullet", "* Hypothesis: #12"],
    ["a plus bullet", "+ Hypothesis: #12"],
    ["a bold key", "**Hypothesis:** #12"],
    ["a bold key with the colon outside", "**Hypothesis**: #12"],
    ["an underscore-bold key", "__Hypothesis:__ #12"],
    ["a bulleted bold key", "- **Hypothesis:** #12"],
    ["a bold value", "Hypothesis: **#12**"],
    ["a space before the colon", "Hypothesis : #12"],
    ["a tab after the colon", "Hypothesis:\t#12"],
    ["a lower-case key", "hypothesis: #12"],
    ["an upper-case plural key", "HYPOTHESES: #12"],
    ["a mixed-case key", "HyPoThEsIs: #12"],
    ["CRLF line endings, as the web editor sends them", "Adds a button.\r\n\r\nHypothesis: #12\r\n\r\nThanks"],
    ["a lone CR line ending", "Adds a button.\rHypothesis: #12\rThanks"],
    ["text around it", "Adds a reorder button.\n\nHypothesis: #12\n\nScreenshots below."],
  ])("reads the body: %s", (_name, body) => {
    const parsed = parse({ body });

    expect(parsed.references).toEqual([{ raw: "#12", repo: undefined, number: 12, pullRequest: false, source: "body" }]);
    expect(parsed.malformed).toEqual([]);
  });

  it.each([
    ["a line indented by four spaces (a code block)", "    Hypothesis: #12"],
    ["a key in the middle of a sentence", "This PR has no Hypothesis: #12 line"],
    ["a key with a suffix", "Hypothesis-driven: #12"],
    ["another key", "Closes: #12"],
  ])("does not read %s in the body", (_name, body) => {
    expect(parse({ body })).toEqual({ references: [], malformed: [], noneReason: undefined });
  });

  it.each([
    ["in parentheses at the end", "Fix thing (Hypothesis: #3)", ["#3"]],
    ["at the start", "Hypothesis: #3 — reorder button", ["#3"]],
    ["in lower case, plural, with two references", "reorder button hypotheses: #3, acme/x#4", ["#3", "acme/x#4"]],
    ["as a URL", "Reorder [Hypothesis: https://github.com/acme/shop/issues/9]", ["acme/shop#9"]],
  ])("reads the title: %s", (_name, title, expected) => {
    const parsed = parse({ title });

    expect(refs(parsed)).toEqual(expected);
    expect(parsed.references.every((ref) => ref.source === "title")).toBe(true);
    expect(parsed.malformed).toEqual([]);
  });

  it("reports a title key that names no issue", () => {
    expect(parse({ title: "Reorder (Hypothesis: soon)" }).malformed).toEqual([{ raw: "Hypothesis: soon)", message: NO_ISSUE, source: "title" }]);
  });

  it.each([
    ["a trailer", ["Add reorder button\n\nHypothesis: #12"], ["#12"]],
    ["an indented trailer", ["Add reorder button\n\n  Hypothesis: #12"], ["#12"]],
    ["a lower-case plural trailer with two references", ["Add button\n\nhypotheses: #12, acme/x#4"], ["#12", "acme/x#4"]],
    ["trailers in several commits", ["One\n\nHypothesis: #1", "Two", "Three\n\nHypothesis: #2"], ["#1", "#2"]],
    ["a CRLF message", ["Add button\r\n\r\nHypothesis: #12\r\n"], ["#12"]],
  ])("reads commit messages: %s", (_name, commits, expected) => {
    const parsed = parse({ commits });

    expect(refs(parsed)).toEqual(expected);
    expect(parsed.references.every((ref) => ref.source === "commit")).toBe(true);
    expect(parsed.malformed).toEqual([]);
  });

  it.each([
    ["a bulleted trailer", "Add button\n\n- Hypothesis: #12"],
    ["a key inside a sentence", "Add button for the Hypothesis: #12 work"],
    ["a key with a space before the colon", "Add button\n\nHypothesis : #12"],
  ])("does not read %s in a commit message", (_name, message) => {
    expect(parse({ commits: [message] })).toEqual({ references: [], malformed: [], noneReason: undefined });
  });

  it("reports a commit trailer that names no issue", () => {
    expect(parse({ commits: ["Add\n\nHypothesis: TBD"] }).malformed).toEqual([{ raw: "Hypothesis: TBD", message: NO_ISSUE, source: "commit" }]);
  });

  it("reads the title, then the body, then the commits", () => {
    const parsed = parse({ title: "Reorder (Hypothesis: #1)", body: "Hypothesis: #2", commits: ["c\n\nHypothesis: #3"] });

    expect(parsed.references.map((ref) => [ref.source, ref.number])).toEqual([
      ["title", 1],
      ["body", 2],
      ["commit", 3],
    ]);
  });

  it("treats a null body as empty", () => {
    expect(parse({ body: null, title: "Reorder" })).toEqual({ references: [], malformed: [], noneReason: undefined });
  });
});

describe("parseReferences: what is not the author's words", () => {
  it.each([
    ["a backtick fence", "```\nHypothesis: #1\n```\nHypothesis: #2"],
    ["a fence with an info string", "```markdown\nHypothesis: #1\n```\nHypothesis: #2"],
    ["a tilde fence", "~~~\nHypothesis: #1\n~~~\nHypothesis: #2"],
    ["a four-backtick fence holding a three-backtick line", "````\n```\nHypothesis: #1\n````\nHypothesis: #2"],
    ["an indented fence", "  ```\n  Hypothesis: #1\n  ```\nHypothesis: #2"],
    ["a CRLF fence", "```\r\nHypothesis: #1\r\n```\r\nHypothesis: #2"],
    ["inline code", "`Hypothesis: #1`\nHypothesis: #2"],
    ["triple-backtick inline code on one line, which opens no fence", "```Hypothesis: #1```\nHypothesis: #2"],
    ["double-backtick inline code", "``Hypothesis: #1``\nHypothesis: #2"],
    ["double-backtick inline code holding a backtick", "``Hypothesis: #1 ` x``\nHypothesis: #2"],
    ["an HTML comment", "<!-- Hypothesis: #1 -->\nHypothesis: #2"],
    ["a multi-line HTML comment from a PR template", "<!--\nName the hypothesis this PR serves:\nHypothesis: #1\n-->\nHypothesis: #2"],
    ["a blockquote", "> Hypothesis: #1\nHypothesis: #2"],
    ["a blockquote without a space", ">Hypothesis: #1\nHypothesis: #2"],
    ["a nested blockquote", "> > Hypothesis: #1\nHypothesis: #2"],
  ])("ignores a reference inside %s", (_name, body) => {
    const parsed = parse({ body });

    expect(refs(parsed)).toEqual(["#2"]);
    expect(parsed.malformed).toEqual([]);
  });

  it.each([
    ["an unclosed fence", "Hypothesis: #2\n```\nHypothesis: #1\n"],
    ["an unclosed HTML comment", "Hypothesis: #2\n<!-- Hypothesis: #1\n"],
  ])("ignores everything after %s", (_name, body) => {
    expect(refs(parse({ body }))).toEqual(["#2"]);
  });

  it("ignores a malformed line and a none line inside an HTML comment", () => {
    expect(parse({ body: "<!-- Hypothesis: #<number>\nHypothesis: none -->" })).toEqual({ references: [], malformed: [], noneReason: undefined });
  });

  it.each([
    ["a fence", "a\n```\ncode\n```\nb", "a\n\nb"],
    ["inline code", "use `x` here", "use  here"],
    ["an HTML comment", "a <!-- c --> b", "a  b"],
    ["a blockquote line", "a\n> quoted\nb", "a\nb"],
    ["NUL characters", "a\u0000b", "ab"],
    ["CRLF line endings", "a\r\nb", "a\nb"],
  ])("stripNonProse removes %s", (_name, markdown, expected) => {
    expect(stripNonProse(markdown)).toBe(expected);
  });
});

describe("parseReferences: Hypothesis: none", () => {
  it.each([
    ["an em dash", "Hypothesis: none — fixes a typo"],
    ["an en dash", "Hypothesis: none – fixes a typo"],
    ["a hyphen", "Hypothesis: none - fixes a typo"],
    ["a colon", "Hypothesis: none: fixes a typo"],
    ["`because`", "Hypothesis: none because fixes a typo"],
    ["an upper-case NONE", "Hypothesis: NONE — fixes a typo"],
    ["bold markup", "**Hypothesis:** none — fixes a typo"],
    ["bold around the value", "Hypothesis: **none — fixes a typo**"],
  ])("records the reason after %s", (_name, body) => {
    expect(parse({ body })).toEqual({ references: [], malformed: [], noneReason: "fixes a typo" });
  });

  it.each([
    ["nothing after none", "Hypothesis: none", "Hypothesis: none"],
    ["only a dash", "Hypothesis: none —", "Hypothesis: none —"],
    ["a two-letter reason", "Hypothesis: none — ok", "Hypothesis: none — ok"],
  ])("reports `none` with %s as malformed", (_name, body, raw) => {
    expect(parse({ body })).toEqual({ references: [], malformed: [{ raw, message: NEEDS_REASON, source: "body" }], noneReason: undefined });
  });

  it.each([
    ["the title", { title: "Tidy (Hypothesis: none — typo)" }],
    ["a commit", { commits: ["Tidy\n\nHypothesis: none — typo"] }],
    ["a commit, without a reason", { commits: ["Tidy\n\nHypothesis: none"] }],
  ])("ignores a none line in %s", (_name, parts) => {
    expect(parse(parts)).toEqual({ references: [], malformed: [], noneReason: undefined });
  });

  it("keeps the first reason when the body has several none lines", () => {
    expect(parse({ body: "Hypothesis: none — first reason\nHypothesis: none — second reason" }).noneReason).toBe("first reason");
  });

  it("cuts a long reason to 300 characters", () => {
    expect(parse({ body: `Hypothesis: none — ${"r".repeat(1000)}` }).noneReason).toBe("r".repeat(300));
  });

  it("does not take a word that starts with none for a none line", () => {
    expect(parse({ body: "Hypothesis: nonexistent" }).malformed).toEqual([{ raw: "Hypothesis: nonexistent", message: NO_ISSUE, source: "body" }]);
  });

  it("records both the reason and the references when the body has both", () => {
    const parsed = parse({ body: "Hypothesis: none — tidy-up\nHypothesis: #4" });

    expect(refs(parsed)).toEqual(["#4"]);
    expect(parsed.noneReason).toBe("tidy-up");
  });
});

describe("parseReferences: duplicates and the limit", () => {
  it.each([
    ["the same number twice", { body: "Hypothesis: #12, #12" }, ["#12"]],
    ["the same number in the title, body and a commit", { title: "x (Hypothesis: #12)", body: "Hypothesis: #12", commits: ["c\n\nHypothesis: #12"] }, ["#12"]],
    ["owner/repo#n and its URL", { body: "Hypothesis: acme/x#12 https://github.com/acme/x/issues/12" }, ["acme/x#12"]],
    ["owner/repo#n in different cases", { body: "Hypothesis: Acme/X#12, acme/x#12" }, ["Acme/X#12"]],
  ])("collapses %s", (_name, parts, expected) => {
    expect(refs(parse(parts))).toEqual(expected);
  });

  it("keeps the first source of a duplicate", () => {
    const parsed = parse({ title: "x (Hypothesis: #12)", body: "Hypothesis: #12" });

    expect(parsed.references).toEqual([{ raw: "#12", repo: undefined, number: 12, pullRequest: false, source: "title" }]);
  });

  it.each([
    ["#12 and owner/repo#12", "Hypothesis: #12, acme/x#12", ["#12", "acme/x#12"]],
    ["the same number in two repositories", "Hypothesis: acme/x#12, acme/y#12", ["acme/x#12", "acme/y#12"]],
  ])("keeps %s apart", (_name, body, expected) => {
    expect(refs(parse({ body }))).toEqual(expected);
  });

  it("accepts exactly ten references", () => {
    const body = `Hypothesis: ${Array.from({ length: 10 }, (_, i) => `#${i + 1}`).join(", ")}`;

    const parsed = parse({ body });

    expect(MAX_REFERENCES).toBe(10);
    expect(parsed.references.map((ref) => ref.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parsed.malformed).toEqual([]);
  });

  it("keeps the first ten references and reports the rest", () => {
    const body = `Hypothesis: ${Array.from({ length: 12 }, (_, i) => `#${i + 1}`).join(" ")}`;

    const parsed = parse({ body });

    expect(parsed.references.map((ref) => ref.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(parsed.malformed).toEqual([{ raw: "#11, #12", message: "too many references: a PR may name at most 10 hypotheses", source: "body" }]);
  });

  it("counts references after collapsing duplicates", () => {
    const body = `Hypothesis: ${Array.from({ length: 10 }, (_, i) => `#${i + 1} #${i + 1}`).join(" ")}`;

    const parsed = parse({ body });

    expect(parsed.references).toHaveLength(10);
    expect(parsed.malformed).toEqual([]);
  });

  it("names the source of the first reference over the limit", () => {
    const parsed = parse({
      body: `Hypothesis: ${Array.from({ length: 10 }, (_, i) => `#${i + 1}`).join(" ")}`,
      commits: ["c\n\nHypothesis: #99"],
    });

    expect(parsed.malformed).toEqual([{ raw: "#99", message: "too many references: a PR may name at most 10 hypotheses", source: "commit" }]);
  });
});

describe("parseReferences: unusual text", () => {
  it.each([
    ["NUL bytes inside the key", { body: "Hypo\u0000thesis: #12" }, ["#12"]],
    ["NUL bytes inside the number", { body: "Hypothesis: #1\u00002" }, ["#12"]],
    ["NUL bytes in the title", { title: "Fix\u0000 (Hypothesis: #1\u00002)" }, ["#12"]],
    ["NUL bytes in a commit", { commits: ["c\u0000\n\nHypothesis: #\u000012"] }, ["#12"]],
    ["emoji around the value", { body: "🚀 shipped\nHypothesis: 🎯 #12 🎉" }, ["#12"]],
    ["emoji in the title", { title: "🛒 Reorder 🛒 (Hypothesis: #12) ✅" }, ["#12"]],
    ["right-to-left text around the value", { body: "إضافة زر إعادة الطلب\nHypothesis: #12 ‏(فرضية إعادة الطلب)" }, ["#12"]],
    ["Hebrew in the title", { title: "כפתור הזמנה חוזרת (Hypothesis: #12)" }, ["#12"]],
  ])("reads text with %s", (_name, parts, expected) => {
    const parsed = parse(parts);

    expect(refs(parsed)).toEqual(expected);
    expect(parsed.malformed).toEqual([]);
  });

  it("reads a 60,000-character body quickly", () => {
    const paragraph = "Adds a reorder button to the home page so returning customers can buy again. ";
    const filler = paragraph.repeat(Math.ceil(30_000 / paragraph.length));
    const body = `${filler}\n\n- **Hypothesis:** #12, acme/product#14\n\n\`\`\`\nHypothesis: #99\n\`\`\`\n\n${filler}`.slice(0, 60_000);
    const started = performance.now();

    const parsed = parse({ body });

    expect(body.length).toBe(60_000);
    expect(refs(parsed)).toEqual(["#12", "acme/product#14"]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it.each([
    ["dashes", "-".repeat(60_000)],
    ["dash-separated words around a slash", `${"a-".repeat(15_000)}/${"b-".repeat(15_000)}`],
    ["dotted words", "a.".repeat(30_000)],
    ["hashes", "#".repeat(60_000)],
    ["backticks", "`".repeat(60_000)],
  ])("reports a 60,000-character value of %s quickly", (_name, value) => {
    const started = performance.now();

    const parsed = parse({ body: `Hypothesis: ${value}` });

    expect(parsed.references).toEqual([]);
    expect(parsed.malformed).toEqual([{ raw: `Hypothesis: ${value.slice(0, 80)}`, message: NO_ISSUE, source: "body" }]);
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("reads a body of 5,000 key lines quickly and keeps ten", () => {
    const body = Array.from({ length: 5_000 }, (_, i) => `Hypothesis: #${i + 1}`).join("\n");
    const started = performance.now();

    const parsed = parse({ body });

    expect(parsed.references).toHaveLength(10);
    expect(parsed.malformed).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(500);
  });
});
