import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { parseRepoConfig } from "../../src/config/load.js";
import { ConfigInvalid, problemFromYaml, problemsFromZod, type ConfigProblem } from "../../src/config/problems.js";
import { DEFAULT_CONFIG, DEFAULT_TITLE_PATTERNS, RepoConfig } from "../../src/config/schema.js";

/** The problems `parseRepoConfig` reports for a raw value, or a failure when it accepts it. */
function problemsOf(raw: unknown): ConfigProblem[] {
  try {
    parseRepoConfig(raw);
  } catch (err) {
    if (err instanceof ConfigInvalid) return err.problems;
    throw err;
  }
  throw new Error("expected the configuration to be rejected");
}

/** The error the `yaml` package throws for a document. */
function yamlError(document: string): unknown {
  try {
    parse(document, { logLevel: "error" });
  } catch (err) {
    return err;
  }
  throw new Error("expected the document not to parse");
}

describe("parseRepoConfig: defaults", () => {
  it("gives every default for an empty mapping", () => {
    expect(parseRepoConfig({})).toEqual(DEFAULT_CONFIG);
  });

  it("has the documented defaults for the check", () => {
    expect({ mode: DEFAULT_CONFIG.mode, hypotheses: DEFAULT_CONFIG.hypotheses, exempt: DEFAULT_CONFIG.exempt }).toEqual({
      mode: "enforce",
      hypotheses: { label: "hypothesis" },
      exempt: {
        label: "no-hypothesis",
        titlePatterns: ["^(chore|docs|ci|build|test|deps)(\\([^)]*\\))?!?:"],
        authors: ["dependabot[bot]", "renovate[bot]"],
        paths: [],
      },
    });
    expect(DEFAULT_CONFIG.exempt.titlePatterns).toEqual(DEFAULT_TITLE_PATTERNS);
  });

  it("fills in the defaults a partial section leaves out", () => {
    const config = parseRepoConfig({ mode: "advisory", hypotheses: { repo: "acme/product" }, exempt: { paths: ["docs/**"] } });

    expect(config.mode).toBe("advisory");
    expect(config.hypotheses).toEqual({ label: "hypothesis", repo: "acme/product" });
    expect(config.exempt).toEqual({ ...DEFAULT_CONFIG.exempt, paths: ["docs/**"] });
  });

  it.each([["enforce"], ["advisory"], ["off"]])("accepts the mode %s", (mode) => {
    expect(parseRepoConfig({ mode }).mode).toBe(mode);
  });

  it("trims labels", () => {
    const config = parseRepoConfig({ hypotheses: { label: "  bet " }, exempt: { label: " skip " } });

    expect([config.hypotheses.label, config.exempt.label]).toEqual(["bet", "skip"]);
  });

  it.each([
    ["owner/name", "acme/product"],
    ["dots, dashes and underscores", "acme-co/web.app_2"],
  ])("accepts a hypotheses repository written as %s", (_name, repo) => {
    expect(parseRepoConfig({ hypotheses: { repo } }).hypotheses.repo).toBe(repo);
  });

  it("accepts empty exemption lists", () => {
    expect(parseRepoConfig({ exempt: { titlePatterns: [], authors: [] } }).exempt).toEqual({ ...DEFAULT_CONFIG.exempt, titlePatterns: [], authors: [] });
  });

  it("reads a YAML file the way the config loader receives it", () => {
    const raw: unknown = parse("mode: off\nexempt:\n  label: skip\n  titlePatterns:\n    - '^wip'\n");

    expect(parseRepoConfig(raw)).toMatchObject({ mode: "off", exempt: { label: "skip", titlePatterns: ["^wip"] } });
  });
});

describe("parseRepoConfig: problems", () => {
  it.each([
    ["an unknown key at the root", { mdoe: "advisory" }, [{ path: "(root)", message: "unknown key: mdoe" }]],
    ["two unknown keys at the root", { a: 1, b: 2 }, [{ path: "(root)", message: "unknown keys: a, b" }]],
    ["an unknown key in exempt", { exempt: { titlePattern: "^wip" } }, [{ path: "exempt", message: "unknown key: titlePattern" }]],
    ["an unknown key in hypotheses", { hypotheses: { repository: "acme/x" } }, [{ path: "hypotheses", message: "unknown key: repository" }]],
    ["a bad mode", { mode: "strict" }, [{ path: "mode", message: 'Invalid option: expected one of "enforce"|"advisory"|"off"' }]],
    ["a mode that is not text", { mode: true }, [{ path: "mode", message: 'Invalid option: expected one of "enforce"|"advisory"|"off"' }]],
    ["an empty label", { hypotheses: { label: "   " } }, [{ path: "hypotheses.label", message: "must not be empty" }]],
    ["a label over 50 characters", { exempt: { label: "l".repeat(51) } }, [{ path: "exempt.label", message: "GitHub labels are at most 50 characters" }]],
    ["an invalid regular expression", { exempt: { titlePatterns: ["("] } }, [{ path: "exempt.titlePatterns.0", message: "is not a valid regular expression" }]],
    [
      "an invalid regular expression after a valid one",
      { exempt: { titlePatterns: ["^wip", "[a-"] } },
      [{ path: "exempt.titlePatterns.1", message: "is not a valid regular expression" }],
    ],
    [
      "an escape only valid outside Unicode mode, which the matcher uses",
      { exempt: { titlePatterns: ["^chore\\:"] } },
      [{ path: "exempt.titlePatterns.0", message: "is not a valid regular expression" }],
    ],
    ["a pattern over 200 characters", { exempt: { titlePatterns: ["x".repeat(201)] } }, [{ path: "exempt.titlePatterns.0", message: "keep patterns under 200 characters" }]],
    ["a pattern list that is not a list", { exempt: { titlePatterns: "^wip" } }, [{ path: "exempt.titlePatterns", message: "Invalid input: expected array, received string" }]],
    ["an empty glob", { exempt: { paths: [""] } }, [{ path: "exempt.paths.0", message: "must not be empty" }]],
    ["an empty author", { exempt: { authors: ["ok", ""] } }, [{ path: "exempt.authors.1", message: "Too small: expected string to have >=1 characters" }]],
    ["a section that is empty in YAML (null)", { hypotheses: null }, [{ path: "hypotheses", message: "Invalid input: expected object, received null" }]],
  ])("reports %s with its path", (_name, raw, expected) => {
    expect(problemsOf(raw)).toEqual(expected);
  });

  it.each([
    ["a bare name", "acme"],
    ["a URL", "https://github.com/acme/product"],
    ["three parts", "acme/product/x"],
    ["a space", "acme/my product"],
    ["an empty string", ""],
  ])("reports a hypotheses repository written as %s", (_name, repo) => {
    expect(problemsOf({ hypotheses: { repo } })).toEqual([{ path: "hypotheses.repo", message: "must be owner/name, for example acme/product" }]);
  });

  it("reports every problem at once", () => {
    const problems = problemsOf({ mode: "x", extra: 1, hypotheses: { repo: "nope" }, exempt: { titlePatterns: ["("], bogus: true } });

    expect(problems).toEqual([
      { path: "mode", message: 'Invalid option: expected one of "enforce"|"advisory"|"off"' },
      { path: "hypotheses.repo", message: "must be owner/name, for example acme/product" },
      { path: "exempt.titlePatterns.0", message: "is not a valid regular expression" },
      { path: "exempt", message: "unknown key: bogus" },
      { path: "(root)", message: "unknown key: extra" },
    ]);
  });

  it.each([
    ["a list", ["mode", "enforce"]],
    ["a string", "mode: enforce"],
    ["null", null],
    ["undefined", undefined],
    ["a number", 42],
    ["a boolean", true],
  ])("reports a root that is %s, not a mapping", (_name, raw) => {
    expect(problemsOf(raw)).toEqual([{ path: "(root)", message: "the file must hold a mapping of keys, such as `mode: enforce`" }]);
  });

  it("throws a ConfigInvalid that carries a code and every problem in its message", () => {
    let caught: unknown;
    try {
      parseRepoConfig({ mode: "x", extra: 1 });
    } catch (err) {
      caught = err;
    }

    expect(caught).toBeInstanceOf(ConfigInvalid);
    expect(caught).toMatchObject({
      code: "CONFIG_INVALID",
      message: 'Senseloop configuration is invalid: mode: Invalid option: expected one of "enforce"|"advisory"|"off"; (root): unknown key: extra',
    });
  });
});

describe("problemsFromZod", () => {
  it("names the root of the value when an issue has no path", () => {
    const result = RepoConfig.safeParse("not an object");

    expect(result.success).toBe(false);
    expect(problemsFromZod(result.error!)).toEqual([{ path: "(root)", message: "Invalid input: expected object, received string" }]);
  });

  it("joins array indexes and keys with dots", () => {
    const result = RepoConfig.safeParse({ exempt: { authors: ["a", 5] } });

    expect(problemsFromZod(result.error!)).toEqual([{ path: "exempt.authors.1", message: "Invalid input: expected string, received number" }]);
  });
});

describe("problemFromYaml", () => {
  it.each([
    ["an unclosed flow sequence", "mode: enforce\nexempt:\n  label: [a\n", "at line 4, column 1: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    ["a nested mapping on one line", "mode: a: b\n", "at line 1, column 7: Nested mappings are not allowed in compact mappings"],
    ["a duplicate key", "mode: enforce\nmode: off\n", "at line 2, column 1: Map keys must be unique"],
    ["a tab used as indentation", "\tmode: enforce\n", "at line 1, column 1: Tabs are not allowed as indentation"],
    ["an unclosed quote", "exempt:\n  titlePatterns:\n    - '^wip\n", "at line 4, column 1: Missing closing 'quote"],
  ])("reports %s with its line and column", (_name, document, expected) => {
    expect(problemFromYaml(yamlError(document), "fallback")).toEqual({ path: "(file)", message: `YAML syntax error ${expected}` });
  });

  it.each([
    ["no cause", undefined, "YAML syntax error: Configuration could not be parsed (invalid YAML)"],
    ["a cause without a position", new Error("bad things\nmore detail"), "YAML syntax error: bad things"],
  ])("falls back to the message it is given for %s", (_name, cause, expected) => {
    expect(problemFromYaml(cause, "Configuration could not be parsed (invalid YAML)")).toEqual({ path: "(file)", message: expected });
  });
});
