import { describe, expect, it } from "vitest";
import type { ConfigProblem } from "../../src/config/problems.js";
import { loadSignalsFile, parseSignalsFile, signalsPath, type FileSystem } from "../../src/signals/load.js";

const ENV = { PROMETHEUS_TOKEN: "prom-secret-91ab", POSTHOG_API_KEY: "phx_secret_5d3e", GROWTH_KEY: "growth-secret-0c7f" };
const SECRETS = Object.values(ENV);

const EXAMPLE = `
sources:
  prod:
    kind: prometheus
    url: https://prometheus.example.com
    headers: { Authorization: "Bearer \${PROMETHEUS_TOKEN}" }
    owners: [acme]
  product:
    kind: posthog
    host: https://eu.posthog.com
    project: 12345
    apiKey: \${POSTHOG_API_KEY}
    limits: { concurrency: 1, perHour: 600 }
  growth:
    kind: json
    url: https://metrics.example.com/api/series?name={query}
    pick: $.data.latest
    headers: { X-Api-Key: "\${GROWTH_KEY}" }
`;

function problemsOf(text: string, env: Record<string, string> = ENV): ConfigProblem[] {
  const result = parseSignalsFile(text, env);
  if (result.ok) throw new Error("expected the file to be refused");
  return result.problems;
}

/** One source entry under `sources.s`, in YAML flow style. */
const one = (entry: string) => `sources:\n  s: ${entry}\n`;

describe("parseSignalsFile: a valid file", () => {
  it("builds one source per entry with its kind, limits and owners", () => {
    const result = parseSignalsFile(EXAMPLE, ENV);

    if (!result.ok) throw new Error(result.problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
    expect(result.sources.map((s) => [s.name, s.kind, s.limits])).toEqual([
      ["prod", "prometheus", { concurrency: 2, perHour: null }],
      ["product", "posthog", { concurrency: 1, perHour: 600 }],
      ["growth", "json", { concurrency: 2, perHour: null }],
    ]);
    expect(result.sources.map((s) => [s.allows("acme"), s.allows("ACME"), s.allows("globex")])).toEqual([
      [true, true, false],
      [true, true, true],
      [true, true, true],
    ]);
  });

  it("limits PostHog to 120 reads an hour unless told otherwise", () => {
    const result = parseSignalsFile(one("{ kind: posthog, host: https://us.posthog.com, project: '7', apiKey: k }"), {});

    expect(result.ok && result.sources[0]!.limits).toEqual({ concurrency: 2, perHour: 120 });
  });

  it.each([
    ["an empty file", ""],
    ["only comments", "# no sources yet\n"],
    ["an empty sources mapping", "sources: {}\n"],
  ])("accepts %s as no sources", (_name, text) => {
    expect(parseSignalsFile(text, {})).toEqual({ ok: true, sources: [] });
  });

  it("keeps a literal $ written as $$", () => {
    const result = parseSignalsFile(one("{ kind: json, url: 'https://m.example.com/q?name={query}&x=$$1', pick: $.v }"), {});

    expect(result.ok && JSON.stringify(result.sources[0])).toContain("x=$1");
  });
});

describe("parseSignalsFile: every problem, named with its path", () => {
  it.each<[string, string, ConfigProblem[]]>([
    ["an unknown kind", one("{ kind: grafana, url: https://g.example.com }"), [{ path: "sources.s.kind", message: "must be one of prometheus, posthog, json" }]],
    ["a missing kind", one("{ url: https://g.example.com }"), [{ path: "sources.s.kind", message: "must be one of prometheus, posthog, json" }]],
    ["a URL that is not one", one("{ kind: prometheus, url: prometheus.example.com }"), [{ path: "sources.s.url", message: "must be an http(s) URL" }]],
    ["a URL of another scheme", one("{ kind: prometheus, url: 'file:///etc/passwd' }"), [{ path: "sources.s.url", message: "must be an http(s) URL" }]],
    ["a URL with a password", one("{ kind: prometheus, url: 'https://u:p@prometheus.example.com' }"), [{ path: "sources.s.url", message: "must not carry a user name or password; send credentials in headers" }]],
    ["a server URL with a query string", one("{ kind: prometheus, url: 'https://p.example.com/?x=1' }"), [{ path: "sources.s.url", message: "must be the server's address only, without ? or #" }]],
    ["a missing URL", one("{ kind: prometheus }"), [{ path: "sources.s.url", message: "is required" }]],
    ["an unknown key", one("{ kind: prometheus, url: https://p.example.com, token: x }"), [{ path: "sources.s", message: "unknown key: token" }]],
    ["a bad source name", "sources:\n  Prod Metrics: { kind: prometheus, url: https://p.example.com }\n", [{ path: "sources.Prod Metrics", message: "source names are lower-case letters, digits, - and _ (at most 64)" }]],
    ["a header value over two lines", one('{ kind: prometheus, url: https://p.example.com, headers: { X-A: "a\\nb" } }'), [{ path: "sources.s.headers.X-A", message: "header values must be one line of printable characters" }]],
    ["headers that are a list", one("{ kind: prometheus, url: https://p.example.com, headers: [a] }"), [{ path: "sources.s.headers", message: "must be a mapping" }]],
    ["an owner that is not a login", one("{ kind: prometheus, url: https://p.example.com, owners: ['acme/shop'] }"), [{ path: "sources.s.owners.0", message: "must be a GitHub account login (user or organisation)" }]],
    ["an empty owners list", one("{ kind: prometheus, url: https://p.example.com, owners: [] }"), [{ path: "sources.s.owners", message: "list at least one login, or leave owners out to allow every installation" }]],
    ["a PostHog project that is not a number", one("{ kind: posthog, host: https://eu.posthog.com, project: abc, apiKey: k }"), [{ path: "sources.s.project", message: "must be the numeric project id" }]],
    ["a PostHog source without a key", one("{ kind: posthog, host: https://eu.posthog.com, project: 1 }"), [{ path: "sources.s.apiKey", message: "is required" }]],
    ["a JSON template without {query}", one("{ kind: json, url: 'https://m.example.com/latest', pick: $.v }"), [{ path: "sources.s.url", message: "must contain {query}, where the URL-encoded query goes" }]],
    ["{query} in the host", one("{ kind: json, url: 'https://{query}.example.com/latest', pick: $.v }"), [{ path: "sources.s.url", message: "{query} and {at} may only appear in the path or the query string, never in the host" }]],
    ["a JSONPath with a wildcard", one("{ kind: json, url: 'https://m.example.com/?q={query}', pick: '$.data[*]' }"), [{ path: "sources.s.pick", message: "wildcards, filters and .. are not supported (at position 7); the path must lead to one number" }]],
    ["a JSONPath without $", one("{ kind: json, url: 'https://m.example.com/?q={query}', pick: data.latest }"), [{ path: "sources.s.pick", message: "must start with $, for example $.data.latest" }]],
    ["a concurrency of 0", one("{ kind: prometheus, url: https://p.example.com, limits: { concurrency: 0 } }"), [{ path: "sources.s.limits.concurrency", message: "must be at least 1" }]],
    ["a fractional hourly limit", one("{ kind: prometheus, url: https://p.example.com, limits: { perHour: 1.5 } }"), [{ path: "sources.s.limits.perHour", message: "must be a whole number" }]],
    ["sources that are a list", "sources: [a, b]\n", [{ path: "sources", message: "must be a mapping" }]],
    ["an unknown top-level key", "sources: {}\nversion: 2\n", [{ path: "(root)", message: "unknown key: version" }]],
    ["a list at the top", "- a\n", [{ path: "(root)", message: "the file must hold a mapping with a `sources` key" }]],
  ])("names %s", (_name, text, problems) => {
    expect(problemsOf(text)).toEqual(problems);
  });

  it("names every problem of every source at once", () => {
    const text = "sources:\n  a: { kind: prometheus, url: nope }\n  b: { kind: posthog, host: https://eu.posthog.com, project: x, apiKey: k, extra: 1 }\n  c: { kind: json, url: 'https://m.example.com/', pick: nope }\n";

    expect(problemsOf(text)).toEqual([
      { path: "sources.a.url", message: "must be an http(s) URL" },
      { path: "sources.b.project", message: "must be the numeric project id" },
      { path: "sources.b", message: "unknown key: extra" },
      { path: "sources.c.url", message: "must contain {query}, where the URL-encoded query goes" },
      { path: "sources.c.pick", message: "must start with $, for example $.data.latest" },
    ]);
  });

  it("reports YAML syntax errors with their position", () => {
    expect(problemsOf("sources:\n  prod: { kind: prometheus\n")).toEqual([{ path: "(file)", message: expect.stringMatching(/^YAML syntax error at line \d+, column \d+: /) }]);
  });
});

describe("parseSignalsFile: ${VAR} references", () => {
  it("replaces references with the environment's values", () => {
    const result = parseSignalsFile(one('{ kind: prometheus, url: "${PROM_URL}/prom" }'), { PROM_URL: "https://p.example.com" });

    expect(result.ok && String(result.sources[0])).toBe("prometheus source s (https://p.example.com/prom/api/v1/query)");
  });

  it("names an unknown variable and where it is used", () => {
    expect(problemsOf(one('{ kind: prometheus, url: https://p.example.com, headers: { Authorization: "Bearer ${PROMETHEUS_TOKNE}" } }'))).toEqual([
      { path: "sources.s.headers.Authorization", message: "${PROMETHEUS_TOKNE} is not set in the environment" },
    ]);
  });

  it("names a variable that is set but empty", () => {
    expect(problemsOf(one("{ kind: posthog, host: https://eu.posthog.com, project: 1, apiKey: '${POSTHOG_API_KEY}' }"), { POSTHOG_API_KEY: " " })).toEqual([{ path: "sources.s.apiKey", message: "${POSTHOG_API_KEY} is set but empty" }]);
  });

  it("names a malformed reference", () => {
    expect(problemsOf(one("{ kind: posthog, host: https://eu.posthog.com, project: 1, apiKey: '${POSTHOG API KEY}' }"))).toEqual([
      { path: "sources.s.apiKey", message: "${POSTHOG API KEY} is not a variable reference; names are letters, digits and _ (write $$ for a literal $)" },
    ]);
  });

  it("names only the variable when an unset one leaves a URL empty", () => {
    expect(problemsOf(one('{ kind: prometheus, url: "${PROM_URL}" }'))).toEqual([{ path: "sources.s.url", message: "${PROM_URL} is not set in the environment" }]);
  });

  it("never puts a resolved value in a problem, whatever is wrong around it", () => {
    const text = [
      "sources:",
      '  a: { kind: prometheus, url: "https://x:${PROMETHEUS_TOKEN}@p.example.com", headers: { "Bad Header": "${PROMETHEUS_TOKEN}" } }',
      '  b: { kind: posthog, host: "${POSTHOG_API_KEY}", project: "${POSTHOG_API_KEY}", apiKey: "${POSTHOG_API_KEY}" }',
      '  c: { kind: json, url: "https://${GROWTH_KEY}.example.com/{query}", pick: "${GROWTH_KEY}" }',
      '  d: { kind: "${GROWTH_KEY}" }',
    ].join("\n");

    const problems = problemsOf(text);

    expect(problems.length).toBeGreaterThanOrEqual(6);
    for (const secret of SECRETS) expect(JSON.stringify(problems)).not.toContain(secret);
  });
});

describe("loadSignalsFile: where the file is", () => {
  const files = (contents: Record<string, string>): FileSystem => ({
    exists: (path) => Object.hasOwn(contents, path),
    read: (path) => contents[path] ?? "",
  });

  it("reads signals.yml in the working directory by default", () => {
    expect(signalsPath({ configured: undefined, cwd: "/srv/senseloop" })).toEqual({ path: "/srv/senseloop/signals.yml", required: false });
  });

  it("reads SENSELOOP_SIGNALS, relative to the working directory", () => {
    expect(signalsPath({ configured: "config/sources.yml", cwd: "/srv/senseloop" })).toEqual({ path: "/srv/senseloop/config/sources.yml", required: true });
  });

  it("has no sources when the default file is absent", () => {
    expect(loadSignalsFile({ configured: undefined, cwd: "/srv" }, ENV, {}, files({}))).toEqual({ ok: true, path: "/srv/signals.yml", sources: [] });
  });

  it("refuses to start without the file SENSELOOP_SIGNALS names", () => {
    expect(loadSignalsFile({ configured: "/etc/senseloop/signals.yml", cwd: "/srv" }, ENV, {}, files({}))).toEqual({
      ok: false,
      path: "/etc/senseloop/signals.yml",
      problems: [{ path: "(file)", message: "/etc/senseloop/signals.yml does not exist (SENSELOOP_SIGNALS)" }],
    });
  });

  it("loads the sources of the file that is there", () => {
    const result = loadSignalsFile({ configured: undefined, cwd: "/srv" }, ENV, {}, files({ "/srv/signals.yml": EXAMPLE }));

    expect(result.ok && result.sources.map((s) => s.name)).toEqual(["prod", "product", "growth"]);
  });
});
