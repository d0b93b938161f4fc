import { EventEmitter } from "node:events";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { checkSignalQuery } from "../../src/domain/signal-query.js";
import { SignalsInvalid, type FileSystem } from "../../src/signals/load.js";
import { reloadOnHangup } from "../../src/signals/reload-on-hangup.js";
import { SignalSources } from "../../src/signals/signal-sources.js";

const PATH = "/srv/signals.yml";
const ENV = { PROMETHEUS_TOKEN: "prom-secret-91ab", POSTHOG_API_KEY: "phx_secret_5d3e", GROWTH_KEY: "growth-secret-0c7f" };

const GOOD = `
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
  growth:
    kind: json
    url: https://metrics.example.com/api/series?name={query}
    pick: $.data.latest
    headers: { X-Api-Key: "\${GROWTH_KEY}" }
`;

/** A file system holding one file whose text a test can change, as an operator would. */
function oneFile(text: string | undefined): FileSystem & { text: string | undefined } {
  const fs = {
    text,
    exists: (path: string) => path === PATH && fs.text !== undefined,
    read: () => fs.text ?? "",
  };
  return fs;
}

const holder = (fs: FileSystem, env: Record<string, string> = ENV) => SignalSources.load({ location: { configured: undefined, cwd: "/srv" }, env, fs });

describe("SignalSources", () => {
  it("holds the file's sources by name", () => {
    const sources = holder(oneFile(GOOD));

    expect(sources.list().map((s) => s.name)).toEqual(["prod", "product", "growth"]);
    expect(sources.get("product")?.kind).toBe("posthog");
    expect(sources.get("PROD")?.kind).toBe("prometheus");
    expect(sources.get("missing")).toBeUndefined();
  });

  it("lists the sources an installation may read", () => {
    const sources = holder(oneFile(GOOD));

    expect(sources.forOwner("globex").map((s) => s.name)).toEqual(["product", "growth"]);
    expect(sources.forOwner("acme").map((s) => s.name)).toEqual(["prod", "product", "growth"]);
  });

  it("gives checkSignalQuery what it needs to judge a hypothesis's line", () => {
    const sources = holder(oneFile(GOOD));

    expect(checkSignalQuery("prod: up", sources.list(), "globex")).toEqual({ problem: "the source `prod` is not available to globex; ask whoever runs Senseloop to add globex to its owners" });
    expect(checkSignalQuery("growth: signups", sources.list(), "globex")).toEqual({ source: "growth", query: "signups" });
  });

  it("refuses to start on an invalid file, naming every problem", () => {
    expect(() => holder(oneFile("sources:\n  prod: { kind: prometheus, url: nope }\n"))).toThrow(SignalsInvalid);
    expect(() => holder(oneFile("sources:\n  prod: { kind: prometheus, url: nope }\n"))).toThrow("/srv/signals.yml is invalid: sources.prod.url: must be an http(s) URL");
  });

  it("takes the new sources on a good reload", () => {
    const fs = oneFile(GOOD);
    const sources = holder(fs);
    fs.text = "sources:\n  prod: { kind: prometheus, url: https://prometheus-2.example.com }\n";

    const result = sources.reload();

    expect(result).toEqual({ ok: true, path: PATH, sources: ["prod"] });
    expect(String(sources.get("prod"))).toBe("prometheus source prod (https://prometheus-2.example.com/api/v1/query)");
    expect(sources.get("product")).toBeUndefined();
  });

  it("keeps the previous sources when a reload finds the file invalid, and says why", () => {
    const fs = oneFile(GOOD);
    const sources = holder(fs);
    const before = sources.list();
    fs.text = "sources:\n  prod: { kind: prometheus, url: https://p.example.com, headers: { A: '${GONE}' } }\n";

    const result = sources.reload();

    expect(result).toEqual({ ok: false, path: PATH, problems: [{ path: "sources.prod.headers.A", message: "${GONE} is not set in the environment" }] });
    expect(sources.list()).toHaveLength(3);
    sources.list().forEach((source, index) => expect(source).toBe(before[index]));
  });

  it("has no sources once the default file is removed", () => {
    const fs = oneFile(GOOD);
    const sources = holder(fs);
    fs.text = undefined;

    expect(sources.reload()).toEqual({ ok: true, path: PATH, sources: [] });
    expect(sources.list()).toEqual([]);
  });

  it("reloads on SIGHUP and logs the outcome without values", () => {
    const fs = oneFile(GOOD);
    const sources = holder(fs);
    const process = new EventEmitter();
    const lines: [string, object, string][] = [];
    const stop = reloadOnHangup(sources, { info: (meta, message) => lines.push(["info", meta, message]), error: (meta, message) => lines.push(["error", meta, message]) }, process);

    fs.text = "sources:\n  prod: { kind: prometheus, url: bad }\n";
    process.emit("SIGHUP");
    fs.text = "sources: {}\n";
    process.emit("SIGHUP");
    stop();
    fs.text = GOOD;
    process.emit("SIGHUP");

    expect(lines).toEqual([
      ["error", { file: PATH, problems: [{ path: "sources.prod.url", message: "must be an http(s) URL" }] }, "signal sources file is invalid; keeping the previous sources"],
      ["info", { file: PATH, sources: [] }, "signal sources reloaded"],
    ]);
    expect(sources.list()).toEqual([]);
  });
});

describe("a source's credentials", () => {
  const sources = holder(oneFile(GOOD));

  it.each([
    ["JSON (what the logger writes)", (value: unknown) => JSON.stringify(value)],
    ["util.inspect", (value: unknown) => inspect(value, { showHidden: true, depth: 5 })],
    ["String", (value: unknown) => String(value)],
  ])("stay out of %s", (_name, show) => {
    const text = sources.list().map(show).join("\n");

    expect(text).toContain("prometheus.example.com");
    for (const secret of Object.values(ENV)) expect(text).not.toContain(secret);
  });

  it("are described without them", () => {
    expect(JSON.parse(JSON.stringify(sources.get("prod")))).toEqual({ name: "prod", kind: "prometheus", address: "https://prometheus.example.com/api/v1/query", owners: ["acme"], limits: { concurrency: 2, perHour: null } });
  });
});
