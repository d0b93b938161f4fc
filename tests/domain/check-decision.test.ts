import { describe, expect, it } from "vitest";
import {
  ACTION_EXEMPT,
  ACTION_RECHECK,
  CHECK_NAME,
  configInvalidCheck,
  decideCheck,
  type CheckInput,
  type CheckResult,
  type ResolvedReference,
} from "../../src/domain/check-decision.js";
import type { Malformed } from "../../src/domain/references.js";

const ZWSP = "\u200b";

const VALID: ResolvedReference = {
  raw: "#12",
  repo: "acme/shop",
  number: 12,
  hypothesis: { title: "Returning customers reorder a past basket", htmlUrl: "https://github.com/acme/shop/issues/12" },
};
const CLOSED: ResolvedReference = { raw: "acme/shop#13", repo: "acme/shop", number: 13, problem: "is closed" };
const UNLABELLED: ResolvedReference = { raw: "https://github.com/acme/product/issues/4", repo: "acme/product", number: 4 };
const MALFORMED: Malformed = { raw: "Hypothesis: soon", message: "names no issue; write `#12`, `owner/repo#12` or the issue's URL", source: "body" };
const OPEN = [
  { number: 12, title: "Returning customers reorder a past basket", htmlUrl: "https://github.com/acme/shop/issues/12" },
  { number: 14, title: "Guests who see delivery dates check out more", htmlUrl: "https://github.com/acme/shop/issues/14" },
];

function check(overrides: Partial<CheckInput> = {}): CheckResult {
  return decideCheck({
    mode: "enforce",
    draft: false,
    references: [],
    malformed: [],
    exemption: undefined,
    hypothesesRepo: "acme/shop",
    hypothesisLabel: "hypothesis",
    exemptLabel: "no-hypothesis",
    openHypotheses: OPEN,
    moreOpenHypotheses: false,
    ...overrides,
  });
}

/** The summary with code spans removed, where a `@name` would notify someone. */
function proseOf(summary: string): string {
  return summary.replace(/(`+)[\s\S]*?\1/g, "");
}

describe("decideCheck: linked", () => {
  it("passes a PR that names a valid hypothesis and links it", () => {
    expect(check({ references: [VALID] })).toEqual({
      outcome: "linked",
      conclusion: "success",
      title: "Serves acme/shop#12",
      summary:
        "This PR serves:\n\n- [acme/shop#12](https://github.com/acme/shop/issues/12) Returning customers reorder a past basket\n\nWhen it ships, Senseloop opens a follow-up to sense the result.",
      actions: [ACTION_RECHECK],
    });
  });

  it("names every hypothesis in the title", () => {
    const other = { ...VALID, raw: "acme/product#3", repo: "acme/product", number: 3 };

    expect(check({ references: [VALID, other] }).title).toBe("Serves acme/shop#12, acme/product#3");
  });

  it.each([
    ["enforce", true],
    ["advisory", false],
    ["advisory", true],
  ] as const)("passes in %s mode (draft: %s)", (mode, draft) => {
    expect(check({ mode, draft, references: [VALID] }).conclusion).toBe("success");
  });

  it("wins over an exemption", () => {
    expect(check({ references: [VALID], exemption: { kind: "label", reason: "It carries the `no-hypothesis` label." } }).outcome).toBe("linked");
  });
});

describe("decideCheck: invalid", () => {
  it.each([
    ["enforce", false, "failure"],
    ["enforce", true, "neutral"],
    ["advisory", false, "neutral"],
    ["advisory", true, "neutral"],
  ] as const)("concludes an invalid reference in %s mode (draft: %s) as %s", (mode, draft, conclusion) => {
    const result = check({ mode, draft, references: [CLOSED] });

    expect(result.outcome).toBe("invalid");
    expect(result.conclusion).toBe(conclusion);
  });

  it("says what is wrong with the first bad reference in the title", () => {
    const result = check({ references: [CLOSED] });

    expect(result.title).toBe("Hypothesis reference is not valid — acme/shop#13 is closed");
    expect(result.actions).toEqual([ACTION_RECHECK]);
  });

  it("says a reference without a stated problem is not a hypothesis", () => {
    expect(check({ references: [UNLABELLED] }).title).toBe("Hypothesis reference is not valid — acme/product#4 is not a hypothesis");
  });

  it("names a malformed line in the title when no reference resolved badly", () => {
    expect(check({ malformed: [MALFORMED] }).title).toBe(
      "Hypothesis reference is not valid — Hypothesis: soon names no issue; write `#12`, `owner/repo#12` or the issue's URL",
    );
  });

  it("fails when one reference is valid and another is not", () => {
    const result = check({ references: [VALID, CLOSED] });

    expect(result.outcome).toBe("invalid");
    expect(result.conclusion).toBe("failure");
  });

  it("fails on a malformed line even with a valid reference and an exemption", () => {
    const result = check({ references: [VALID], malformed: [MALFORMED], exemption: { kind: "title", reason: "x" } });

    expect(result.outcome).toBe("invalid");
    expect(result.conclusion).toBe("failure");
  });

  it("names every bad reference and malformed line in the summary, then the open hypotheses", () => {
    const malformedCommit: Malformed = { raw: "Hypothesis: none", message: "needs a reason after `none`", source: "commit" };

    const result = check({ references: [VALID, CLOSED, UNLABELLED], malformed: [MALFORMED, malformedCommit] });

    expect(result.summary).toBe(
      [
        "Fix these references in the PR description (or the commit trailer):",
        "",
        "- `acme/shop#13`: acme/shop#13 is closed.",
        "- `https://github.com/acme/product/issues/4`: acme/product#4 is not a hypothesis.",
        "- `Hypothesis: soon` (body): names no issue; write `#12`, `owner/repo#12` or the issue's URL.",
        "- `Hypothesis: none` (commit): needs a reason after `none`.",
        "",
        "Each must name an open issue with the `hypothesis` label in a repository Senseloop is installed on.",
        "",
        "Open hypotheses in acme/shop:",
        "",
        "- `#12` [Returning customers reorder a past basket](https://github.com/acme/shop/issues/12)",
        "- `#14` [Guests who see delivery dates check out more](https://github.com/acme/shop/issues/14)",
      ].join("\n"),
    );
  });

  it("speaks of one reference when there is one", () => {
    expect(check({ references: [CLOSED] }).summary.startsWith("Fix this reference in the PR description (or the commit trailer):\n\n- `acme/shop#13`: acme/shop#13 is closed.\n")).toBe(
      true,
    );
  });

  it("adds the draft note for a draft", () => {
    expect(check({ draft: true, references: [CLOSED] }).summary.endsWith("\n\nThis PR is a draft: Senseloop reports but never fails a draft.")).toBe(true);
  });

  it.each([
    ["a backtick", "Hypothesis: a ` @team <b>", "- `` Hypothesis: a ` @team <b> `` (body): names no issue."],
    ["a double backtick", "Hypothesis: ``x`` @team", "- ``` Hypothesis: ``x`` @team ``` (body): names no issue."],
    ["a leading backtick", "`@team", "- `` `@team `` (body): names no issue."],
  ])("shows a malformed line holding %s as written, inside code, so nobody is mentioned", (_name, raw, line) => {
    const result = check({ malformed: [{ raw, message: "names no issue", source: "body" }] });

    expect(result.summary).toContain(`\n${line}\n`);
    expect(proseOf(result.summary)).not.toMatch(/(^|[^\w`])@team/);
  });
});

describe("decideCheck: exempt", () => {
  it.each([
    ["enforce", false],
    ["advisory", true],
  ] as const)("passes an exempt PR in %s mode (draft: %s) and gives the reason", (mode, draft) => {
    expect(check({ mode, draft, exemption: { kind: "label", reason: "It carries the `no-hypothesis` label." } })).toEqual({
      outcome: "exempt",
      conclusion: "success",
      title: "Exempt — no hypothesis needed",
      summary: "It carries the `no-hypothesis` label.\n\nExempt PRs are counted on the Senseloop dashboard.",
      actions: [ACTION_RECHECK],
    });
  });
});

describe("decideCheck: missing", () => {
  it.each([
    ["enforce", false, "failure"],
    ["enforce", true, "neutral"],
    ["advisory", false, "neutral"],
    ["advisory", true, "neutral"],
  ] as const)("concludes a PR with no reference in %s mode (draft: %s) as %s", (mode, draft, conclusion) => {
    const result = check({ mode, draft });

    expect(result.outcome).toBe("missing");
    expect(result.conclusion).toBe(conclusion);
    expect(result.title).toBe("No hypothesis linked — add `Hypothesis: #12` to the description");
    expect(result.actions).toEqual([ACTION_EXEMPT, ACTION_RECHECK]);
  });

  it("says how to reference, then lists the open hypotheses, then the exemptions", () => {
    expect(check({ exemptLabel: "skip-hypothesis" }).summary).toBe(
      [
        "Every PR names the hypothesis it serves, so that what ships gets sensed. Add a line to the description:",
        "",
        "```",
        "Hypothesis: #12",
        "```",
        "",
        "(`owner/repo#12` or the issue's URL work too.)",
        "",
        "Open hypotheses in acme/shop:",
        "",
        "- `#12` [Returning customers reorder a past basket](https://github.com/acme/shop/issues/12)",
        "- `#14` [Guests who see delivery dates check out more](https://github.com/acme/shop/issues/14)",
        "",
        "If this PR serves no hypothesis, say why instead:",
        "- write `Hypothesis: none — <reason>` in the description, or",
        "- add the `skip-hypothesis` label (or use **Exempt this PR** above).",
      ].join("\n"),
    );
  });

  it("says when more open hypotheses exist than are listed", () => {
    const summary = check({ moreOpenHypotheses: true, hypothesisLabel: "bet" }).summary;

    expect(summary).toContain("- `#14` [Guests who see delivery dates check out more](https://github.com/acme/shop/issues/14)\n- …and more with the `bet` label\n\n");
  });

  it("says how to open a hypothesis when there are none", () => {
    const summary = check({ openHypotheses: [], hypothesesRepo: "acme/product" }).summary;

    expect(summary).toContain(
      "\n\nThere are no open hypotheses in acme/product yet. Open an issue with the `hypothesis` label (the Senseloop issue form asks for the belief, the users, the behaviour, the target and the signal), then reference it.\n\nIf this PR serves no hypothesis",
    );
  });

  it("ends with the draft note for a draft", () => {
    expect(check({ draft: true }).summary.endsWith("(or use **Exempt this PR** above).\n\nThis PR is a draft: Senseloop reports but never fails a draft.")).toBe(true);
  });

  it("adds the notice as a quote at the end", () => {
    const summary = check({ notice: "octocat asked to exempt this PR, but exempting needs write access." }).summary;

    expect(summary.endsWith("(or use **Exempt this PR** above).\n\n> octocat asked to exempt this PR, but exempting needs write access.")).toBe(true);
  });
});

describe("decideCheck: user text", () => {
  const hostile = { number: 7, title: "<script>alert(1)</script> ping @acme/team & @bob", htmlUrl: "https://github.com/acme/shop/issues/7" };
  const escaped = `&lt;script&gt;alert(1)&lt;/script&gt; ping @${ZWSP}acme/team &amp; @${ZWSP}bob`;

  it("escapes the titles of open hypotheses", () => {
    const summary = check({ openHypotheses: [hostile] }).summary;

    expect(summary).toContain(`- \`#7\` [${escaped}](https://github.com/acme/shop/issues/7)`);
    expect(summary).not.toContain("<script>");
  });

  it("escapes the title of a linked hypothesis", () => {
    const summary = check({ references: [{ ...VALID, hypothesis: { title: hostile.title, htmlUrl: hostile.htmlUrl } }] }).summary;

    expect(summary).toContain(`- [acme/shop#12](https://github.com/acme/shop/issues/7) ${escaped}\n`);
    expect(summary).not.toContain("<script>");
  });

  it("puts a long hypothesis title on one line of at most 200 characters", () => {
    const summary = check({ openHypotheses: [{ ...hostile, title: `Line one\nline two ${"x".repeat(500)}` }] }).summary;

    expect(summary).toContain(`- \`#7\` [Line one line two ${"x".repeat(181)}…](https://github.com/acme/shop/issues/7)`);
  });
});

describe("decideCheck: GitHub's limits", () => {
  const huge = "a".repeat(10_000);
  const scenarios: [string, CheckResult][] = [
    ["linked", check({ references: [VALID] })],
    ["invalid", check({ references: [CLOSED] })],
    ["exempt", check({ exemption: { kind: "author", reason: "x" } })],
    ["missing", check()],
    ["config_invalid", configInvalidCheck([{ path: "mode", message: "bad" }])],
  ];

  it.each(scenarios)("keeps the %s check's actions within GitHub's limits", (_name, result) => {
    expect(result.actions.length).toBeGreaterThan(0);
    expect(result.actions.length).toBeLessThanOrEqual(3);
    for (const action of result.actions) {
      expect(action.label.length).toBeLessThanOrEqual(20);
      expect(action.description.length).toBeLessThanOrEqual(40);
      expect(action.identifier.length).toBeLessThanOrEqual(20);
      expect(action.identifier).toMatch(/^[a-z-]+$/);
    }
  });

  it("gives the two actions distinct identifiers", () => {
    expect(ACTION_EXEMPT.identifier).toBe("exempt");
    expect(ACTION_RECHECK.identifier).toBe("recheck");
  });

  it.each([
    ["a huge bad reference", check({ references: [{ raw: `${huge}/x#1`, repo: `${huge}/x`, number: 1, problem: "is closed" }] })],
    ["a huge malformed line", check({ malformed: [{ raw: `Hypothesis: ${huge}`, message: "names no issue", source: "body" }] })],
    ["ten huge linked references", check({ references: Array.from({ length: 10 }, (_, i) => ({ ...VALID, repo: `${huge}/r${i}`, number: i })) })],
  ])("keeps the title within 240 characters with %s", (_name, result) => {
    expect(result.title.length).toBeLessThanOrEqual(240);
    expect(result.title.startsWith(result.outcome === "linked" ? "Serves aaa" : "Hypothesis reference is not valid — ")).toBe(true);
  });

  it("does not split an emoji when cutting the title", () => {
    const raw = `Hypothesis: x${"🚀".repeat(200)}`;

    const title = check({ malformed: [{ raw, message: "names no issue", source: "body" }] }).title;

    expect(title).toBe(`Hypothesis reference is not valid — Hypothesis: x${"🚀".repeat(95)}`);
    expect(title.isWellFormed()).toBe(true);
  });

  it.each([
    ["thousands of long open hypotheses", check({ openHypotheses: Array.from({ length: 5_000 }, (_, i) => ({ number: i, title: "t".repeat(1_000), htmlUrl: `https://github.com/acme/shop/issues/${i}` })) })],
    ["thousands of malformed lines", check({ malformed: Array.from({ length: 5_000 }, () => ({ raw: `Hypothesis: ${"m".repeat(80)}`, message: "names no issue", source: "body" as const })) })],
    ["a huge notice", check({ notice: "n".repeat(200_000) })],
    ["a huge exemption reason", check({ exemption: { kind: "none-line", reason: "r".repeat(200_000) } })],
    ["thousands of config problems", configInvalidCheck(Array.from({ length: 5_000 }, (_, i) => ({ path: `exempt.titlePatterns.${i}`, message: "is not a valid regular expression" })))],
  ])("keeps the summary within 65,535 characters with %s", (_name, result) => {
    expect(result.summary.length).toBeLessThanOrEqual(65_535);
    expect(result.summary.endsWith("_The rest of this summary was cut to fit._")).toBe(true);
  });
});

describe("configInvalidCheck on a draft", () => {
  it("is neutral: a draft never fails, whatever the reason", () => {
    expect(configInvalidCheck([{ path: "mode", message: "bad" }], true).conclusion).toBe("neutral");
    expect(configInvalidCheck([{ path: "mode", message: "bad" }]).conclusion).toBe("failure");
  });
});

describe("configInvalidCheck", () => {
  it("fails and lists every problem with its path", () => {
    const result = configInvalidCheck([
      { path: "mode", message: 'Invalid option: expected one of "enforce"|"advisory"|"off"' },
      { path: "exempt", message: "unknown key: <titlePattern> @team" },
    ]);

    expect(result).toEqual({
      outcome: "config_invalid",
      conclusion: "failure",
      title: "Senseloop configuration is invalid",
      summary: [
        "Senseloop configuration is invalid. Fix `.github/senseloop.yml` (or the file it extends) on the default branch:",
        "",
        '- `mode`: Invalid option: expected one of "enforce"|"advisory"|"off"',
        `- \`exempt\`: unknown key: &lt;titlePattern&gt; @${ZWSP}team`,
        "",
        "Until it is fixed, Senseloop takes no other action on this repository.",
      ].join("\n"),
      actions: [ACTION_RECHECK],
    });
  });
});

describe("CHECK_NAME", () => {
  it("is the name branch protection rules refer to", () => {
    expect(CHECK_NAME).toBe("Senseloop / hypothesis");
  });
});
