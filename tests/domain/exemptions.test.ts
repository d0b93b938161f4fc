import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type RepoConfig } from "../../src/config/schema.js";
import { findExemption, needsFiles, type ExemptionInput } from "../../src/domain/exemptions.js";

const DEFAULTS = DEFAULT_CONFIG.exempt;

function input(overrides: Partial<ExemptionInput> = {}): ExemptionInput {
  return { noneReason: undefined, labels: [], authorLogin: "alice", title: "Add a reorder button", files: undefined, ...overrides };
}

function config(overrides: Partial<RepoConfig["exempt"]> = {}): RepoConfig["exempt"] {
  return { ...DEFAULTS, ...overrides };
}

describe("findExemption: the default configuration", () => {
  it("has the documented defaults", () => {
    expect(DEFAULTS).toEqual({
      label: "no-hypothesis",
      titlePatterns: ["^(chore|docs|ci|build|test|deps)(\\([^)]*\\))?!?:"],
      authors: ["dependabot[bot]", "renovate[bot]"],
      paths: [],
    });
  });

  it("exempts nothing in an ordinary PR", () => {
    expect(findExemption(input(), DEFAULTS)).toBeUndefined();
  });

  it.each([
    "chore: bump node",
    "docs: explain the check",
    "ci: cache dependencies",
    "build: switch to tsc",
    "test: cover references",
    "deps: update zod",
    "chore(deps): update zod",
    "chore(deps)!: drop node 20",
    "docs!: rewrite the readme",
    "CHORE: shouting works too",
    "Docs(readme): fix typo",
    "test(): empty scope",
    "chore(release 1.2 / main): spaces in the scope",
  ])("exempts the conventional title %j", (title) => {
    expect(findExemption(input({ title }), DEFAULTS)).toEqual({ kind: "title", reason: `Its title matches the exempt pattern \`${DEFAULTS.titlePatterns[0]}\`.` });
  });

  it.each([
    "feat: add a reorder button",
    "fix: crash on empty basket",
    "chores: plural is not a type",
    "chore add the colon",
    "chore : space before the colon",
    " chore: leading space",
    "refactor(docs): scope is not the type",
    "Update docs: the readme",
    "chore(deps: unclosed scope",
    "chore!(deps): bang before the scope",
  ])("does not exempt the title %j", (title) => {
    expect(findExemption(input({ title }), DEFAULTS)).toBeUndefined();
  });
});

describe("findExemption: each rule", () => {
  it("exempts a PR whose description says `Hypothesis: none — <reason>`, quoting the reason", () => {
    expect(findExemption(input({ noneReason: "fixes a typo" }), DEFAULTS)).toEqual({ kind: "none-line", reason: "The description says: “fixes a typo”" });
  });

  it("echoes the none-line reason safely: no live mention, no raw HTML", () => {
    expect(findExemption(input({ noneReason: "ask @alice <b>hi</b>" }), DEFAULTS)?.reason).toBe("The description says: “ask @\u200balice &lt;b&gt;hi&lt;/b&gt;”");
  });

  it.each([["no-hypothesis"], ["No-Hypothesis"], ["NO-HYPOTHESIS"]])("exempts a PR labelled %s, whatever the case", (label) => {
    expect(findExemption(input({ labels: ["bug", label] }), DEFAULTS)).toEqual({ kind: "label", reason: "It carries the `no-hypothesis` label." });
  });

  it("uses a configured exempt label", () => {
    const exempt = config({ label: "Skip-Hypothesis" });

    expect(findExemption(input({ labels: ["skip-hypothesis"] }), exempt)).toEqual({ kind: "label", reason: "It carries the `Skip-Hypothesis` label." });
    expect(findExemption(input({ labels: ["no-hypothesis"] }), exempt)).toBeUndefined();
  });

  it.each([
    ["a label that only contains the exempt label", ["no-hypothesis-please"]],
    ["a label with a space", ["no hypothesis"]],
    ["no labels", []],
  ])("does not exempt %s", (_name, labels) => {
    expect(findExemption(input({ labels }), DEFAULTS)).toBeUndefined();
  });

  it.each([
    ["dependabot[bot]", "dependabot[bot]"],
    ["Dependabot[bot]", "Dependabot[bot]"],
    ["RENOVATE[BOT]", "RENOVATE[BOT]"],
  ])("exempts a PR by the listed author %s, whatever the case", (login, shown) => {
    expect(findExemption(input({ authorLogin: login }), DEFAULTS)).toEqual({ kind: "author", reason: `Its author, ${shown}, is on the exempt list.` });
  });

  it.each([["dependabot"], ["alice"], ["renovate-bot"]])("does not exempt the author %s", (login) => {
    expect(findExemption(input({ authorLogin: login }), DEFAULTS)).toBeUndefined();
  });

  it("uses configured authors in place of the defaults", () => {
    const exempt = config({ authors: ["release-bot"] });

    expect(findExemption(input({ authorLogin: "Release-Bot" }), exempt)?.kind).toBe("author");
    expect(findExemption(input({ authorLogin: "dependabot[bot]" }), exempt)).toBeUndefined();
  });

  it("uses configured title patterns case-insensitively and names the one that matched", () => {
    const exempt = config({ titlePatterns: ["^wip\\b", "\\[skip hypothesis\\]"] });

    expect(findExemption(input({ title: "Tidy up [SKIP HYPOTHESIS]" }), exempt)).toEqual({
      kind: "title",
      reason: "Its title matches the exempt pattern `\\[skip hypothesis\\]`.",
    });
    expect(findExemption(input({ title: "chore: no longer exempt" }), exempt)).toBeUndefined();
  });

  it("exempts no title when the patterns are empty", () => {
    expect(findExemption(input({ title: "chore: bump" }), config({ titlePatterns: [] }))).toBeUndefined();
  });

  it("matches title patterns as Unicode", () => {
    expect(findExemption(input({ title: "🧹 tidy" }), config({ titlePatterns: ["^\\p{Emoji_Presentation}"] }))?.kind).toBe("title");
  });
});

describe("findExemption: changed-file globs", () => {
  const exempt = config({ paths: ["docs/**", "**/*.md", ".github/**"] });

  it.each([
    ["only docs", ["docs/guide.md", "docs/img/a.png"]],
    ["markdown anywhere", ["README.md", "src/README.md"]],
    ["dot directories", [".github/workflows/ci.yml"]],
    ["a mix of the globs", ["docs/a.txt", "CHANGELOG.md", ".github/CODEOWNERS"]],
  ])("exempts a PR whose files all match: %s", (_name, files) => {
    expect(findExemption(input({ files }), exempt)).toEqual({
      kind: "paths",
      reason: "Every changed file matches the exempt paths (`docs/**`, `**/*.md`, `.github/**`).",
    });
  });

  it.each([
    ["one file outside the globs", ["docs/guide.md", "src/app.ts"]],
    ["no changed files", []],
    ["files not fetched", undefined],
    ["a file whose name only resembles a glob", ["docs.ts"]],
  ])("does not exempt a PR with %s", (_name, files) => {
    expect(findExemption(input({ files }), exempt)).toBeUndefined();
  });

  it("ignores files when no globs are configured", () => {
    expect(findExemption(input({ files: ["docs/guide.md"] }), DEFAULTS)).toBeUndefined();
  });
});

describe("findExemption: the first rule that applies wins", () => {
  const exempt = config({ paths: ["docs/**"] });
  const everything = { noneReason: "typo", labels: ["no-hypothesis"], authorLogin: "dependabot[bot]", title: "chore: x", files: ["docs/a.md"] };

  it.each([
    ["none-line", everything],
    ["label", { ...everything, noneReason: undefined }],
    ["author", { ...everything, noneReason: undefined, labels: [] }],
    ["title", { ...everything, noneReason: undefined, labels: [], authorLogin: "alice" }],
    ["paths", { ...everything, noneReason: undefined, labels: [], authorLogin: "alice", title: "Add x" }],
  ])("picks %s", (kind, given) => {
    expect(findExemption(given, exempt)?.kind).toBe(kind);
  });

  it("does not take an empty none reason for a none-line", () => {
    expect(findExemption(input({ noneReason: "" }), DEFAULTS)).toBeUndefined();
  });
});

describe("needsFiles", () => {
  const withPaths = config({ paths: ["docs/**"] });

  it.each([
    ["no globs are configured", input(), DEFAULTS, false],
    ["globs are configured and nothing else exempts the PR", input(), withPaths, true],
    ["a none line already exempts it", input({ noneReason: "typo" }), withPaths, false],
    ["the label already exempts it", input({ labels: ["no-hypothesis"] }), withPaths, false],
    ["the author already exempts it", input({ authorLogin: "renovate[bot]" }), withPaths, false],
    ["the title already exempts it", input({ title: "docs: typo" }), withPaths, false],
  ])("says whether files are worth fetching when %s", (_name, given, exempt, expected) => {
    const { files: _files, ...withoutFiles } = given;

    expect(needsFiles(withoutFiles, exempt)).toBe(expected);
  });
});
