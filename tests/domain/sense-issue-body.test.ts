import { describe, expect, it } from "vitest";
import { parseSenseMarker } from "../../src/domain/markers.js";
import { GITHUB_BODY_LIMIT } from "../../src/domain/sanitize.js";
import { moreShippedComment, rolledBackComment, senseIssueBody, senseIssueTitle, shippedComment, type SenseBodyInput, type SenseHypothesis, type SensePullRequest, type SenseShip } from "../../src/domain/sense-issue-body.js";

const HYPOTHESIS: SenseHypothesis = {
  repo: "acme/shop",
  number: 12,
  title: "Returning customers reorder a past basket",
  htmlUrl: "https://github.com/acme/shop/issues/12",
  belief: "Returning customers want to reorder a past basket",
  who: "Returning customers",
  doesWhat: "Reorder a past basket",
  byHowMuch: "Repeat purchases +5% in 30 days",
  signal: "https://metrics.example.com/d/repeat",
  senseAfterDays: 14,
};

const SHIP: SenseShip = { environment: "production", source: "deployment", sha: "abcdef0123456789abcdef0123456789abcdef01", at: new Date("2026-03-03T09:00:00Z"), url: "https://ci.example.com/deploys/2", label: "deployment 2" };

const pr = (number: number, o: Partial<SensePullRequest> = {}): SensePullRequest => ({ repo: "acme/shop", number, title: `PR ${number}`, htmlUrl: `https://github.com/acme/shop/pull/${number}`, left: false, ...o });

const body = (o: Partial<Omit<SenseBodyInput, "hypothesis">> & { hypothesis?: Partial<SenseHypothesis> } = {}) =>
  senseIssueBody({ environment: "production", prs: [pr(7)], firstShip: SHIP, shippedAt: SHIP.at, extensions: 0, dueAt: new Date("2026-03-17T09:00:00Z"), rolledBack: false, ...o, hypothesis: { ...HYPOTHESIS, ...o.hypothesis } });

describe("senseIssueTitle", () => {
  it.each([
    ["a short title", "Reorder a basket", "Sense: Reorder a basket"],
    ["whitespace and newlines collapse", "  Reorder\n a   basket ", "Sense: Reorder a basket"],
    ["NUL characters go", "Re\u0000order", "Sense: Reorder"],
  ])("%s", (_name, title, expected) => {
    expect(senseIssueTitle(title)).toBe(expected);
  });

  it("cuts a long title to GitHub's 256 characters, ending with an ellipsis", () => {
    const title = senseIssueTitle("x".repeat(400));

    expect(title).toHaveLength(256);
    expect(title.endsWith("x…")).toBe(true);
  });

  it("keeps exactly 256 characters as they are", () => {
    const exact = "y".repeat(256 - "Sense: ".length);

    expect(senseIssueTitle(exact)).toBe(`Sense: ${exact}`);
  });

  it("never cuts an emoji in half", () => {
    const title = senseIssueTitle(`${"x".repeat(247)}🚀🚀🚀`);

    expect(title.length).toBeLessThanOrEqual(256);
    expect(title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(title.endsWith("x…")).toBe(true);
  });
});

describe("senseIssueBody", () => {
  it("links the signal when it is a URL", () => {
    expect(body()).toContain("Where to look: [https://metrics.example.com/d/repeat](https://metrics.example.com/d/repeat)");
  });

  it("keeps a signal URL's parentheses and angle brackets from ending the link early", () => {
    const text = body({ hypothesis: { signal: "https://metrics.example.com/d/x?q=(a)b)&<c>" } });

    expect(text).toContain("(https://metrics.example.com/d/x?q=%28a%29b%29&%3Cc%3E)");
    expect(text).not.toContain("<c>");
  });

  it("writes a signal that is not a URL as escaped text", () => {
    expect(body({ hypothesis: { signal: "Ask @maria for the <b>weekly</b> report" } })).toContain("Where to look: Ask @\u200bmaria for the &lt;b&gt;weekly&lt;/b&gt; report");
  });

  it("asks for a signal when the hypothesis names none", () => {
    expect(body({ hypothesis: { signal: null } })).toContain("Where to look: _no signal was named on the hypothesis; name one there so the next person knows._");
  });

  it("lists the fields the hypothesis has and leaves out the missing ones", () => {
    const text = body({ hypothesis: { who: null, byHowMuch: null } });

    expect(text).toContain("**We believe:** Returning customers want to reorder a past basket  \n**Does what:** Reorder a past basket\n");
    expect(text).not.toContain("**Who:**");
    expect(text).not.toContain("**By how much:**");
  });

  it("points to the hypothesis when it does not use the form at all", () => {
    expect(body({ hypothesis: { belief: null, who: null, doesWhat: null, byHowMuch: null } })).toContain("_The hypothesis does not use the Senseloop form; read it for what we expected._");
  });

  it("strikes through the PRs whose work left the environment, and names other repositories' PRs in full", () => {
    const text = body({ prs: [pr(7, { left: true }), pr(8), pr(3, { repo: "acme/web", htmlUrl: "https://github.com/acme/web/pull/3" })] });

    expect(text).toContain(
      ["- ~~[#7](https://github.com/acme/shop/pull/7) PR 7~~ (left production)", "- [#8](https://github.com/acme/shop/pull/8) PR 8", "- [acme/web#3](https://github.com/acme/web/pull/3) PR 3"].join("\n"),
    );
  });

  it("says the work was rolled back only when it was", () => {
    expect(body({ rolledBack: true })).toContain("> This work was rolled back from production. No reminder will come; what the team learned from it is still worth recording with `/respond`.");
    expect(body()).not.toContain("rolled back");
  });

  it.each([
    ["no extension", 0, "2026-03-17T09:00:00Z", "(14 days after it shipped)"],
    ["one extension of 7 days", 1, "2026-03-24T09:00:00Z", "(21 days after it shipped, moved by `/extend` once)"],
    ["two extensions", 2, "2026-03-31T09:00:00Z", "(28 days after it shipped, moved by `/extend` 2 times)"],
  ])("counts the due date's days from the ship, whatever the form said, with %s", (_name, extensions, dueAt, note) => {
    expect(body({ extensions, dueAt: new Date(dueAt) })).toContain(`**Respond by ${dueAt.slice(0, 10)}** ${note}.`);
  });

  it("names the deploy, its short SHA and time, the due date and the commands", () => {
    const text = body({ hypothesis: { senseAfterDays: 1 }, dueAt: new Date("2026-03-04T09:00:00Z") });

    expect(text).toContain("First shipped in [deployment 2](https://ci.example.com/deploys/2): `abcdef0` on 2026-03-03 09:00 UTC.");
    expect(text).toContain("**Respond by 2026-03-04** (1 day after it shipped).");
    expect(text).toContain("/respond persevere <what we learned>\n/respond pivot <what we learned>\n/respond kill <what we learned>");
    expect(text).toContain("`/extend <days> <reason>`");
  });

  it("names a ship without a link by its label", () => {
    expect(body({ firstShip: { ...SHIP, url: null, label: "release v1.1.0" } })).toContain("First shipped in release v1.1.0: `abcdef0`");
  });

  it("ends with the hidden marker, which parses back", () => {
    const text = body({ environment: "prod-eu" });

    expect(text.endsWith("\n\n<!-- senseloop:sense hypothesis=acme/shop#12 env=prod-eu -->")).toBe(true);
    expect(parseSenseMarker(text)).toEqual({ hypothesis: "acme/shop#12", environment: "prod-eu" });
  });

  it("escapes user text: no live mention, no raw HTML, no forged marker", () => {
    const hostile = "@someone <script>x</script> <!-- senseloop:sense hypothesis=evil/repo#1 env=production -->";
    const text = body({ hypothesis: { belief: hostile, who: hostile, doesWhat: hostile, byHowMuch: hostile }, prs: [pr(7, { title: hostile })], environment: "production" });

    expect(text).not.toMatch(/(^|[^\w`\u200b])@someone/);
    expect(text).not.toContain("<script>");
    expect(text.match(/<!-- senseloop:/g)).toHaveLength(1);
    expect(parseSenseMarker(text)?.hypothesis).toBe("acme/shop#12");
  });

  it("stays under GitHub's size limit with a notice, the marker kept last", () => {
    const prs = Array.from({ length: 1500 }, (_, i) => pr(i + 1, { title: "t".repeat(200) }));

    const text = body({ prs });

    expect(text.length).toBeLessThanOrEqual(GITHUB_BODY_LIMIT);
    expect(text).toContain("_This text was cut to fit GitHub's size limit._");
    expect(text.endsWith("<!-- senseloop:sense hypothesis=acme/shop#12 env=production -->")).toBe(true);
  });
});

describe("sense comments", () => {
  it("tells the hypothesis where it shipped, until when, and where the follow-up is", () => {
    expect(shippedComment("production", SHIP, new Date("2026-03-17T09:00:00Z"), "#100")).toBe("Shipped to production in [deployment 2](https://ci.example.com/deploys/2); sensing until 2026-03-17; follow-up in #100.");
  });

  it("lists what else shipped and keeps the due date", () => {
    expect(moreShippedComment("production", { ...SHIP, label: "deployment 3", url: null }, [pr(8)], "acme/shop", new Date("2026-03-17T09:00:00Z"))).toBe(
      "More work for this hypothesis shipped to production in deployment 3:\n- [#8](https://github.com/acme/shop/pull/8) PR 8\n\nThe due date stays 2026-03-17.",
    );
  });

  it("says the work left, that no reminder will come, and that a response is still welcome", () => {
    expect(rolledBackComment("production", SHIP)).toBe(
      "This work left production in [deployment 2](https://ci.example.com/deploys/2) (rolled back or reverted). No reminder will come for it. Rolling back is a result too: if it taught the team something, record it with `/respond persevere|pivot|kill <what we learned>`. Senseloop will say so here if it ships again.",
    );
  });

  it("escapes an environment name that carries a mention", () => {
    expect(shippedComment("@ops <i>prod</i>", SHIP, new Date("2026-03-17T09:00:00Z"), "#100")).toMatch(/^Shipped to @\u200bops &lt;i&gt;prod&lt;\/i&gt; in /);
  });
});
