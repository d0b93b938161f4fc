import { describe, expect, it } from "vitest";
import { parseEnv, type Env, type EnvResult } from "../src/env.js";

const PEM = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA\n-----END RSA PRIVATE KEY-----\n";
const FULL = { APP_ID: "12345", PRIVATE_KEY: PEM, WEBHOOK_SECRET: "s3cret" };

/** readFile for tests: a fixed map of paths; anything else is missing. */
function files(contents: Record<string, string> = {}): (path: string) => string {
  return (path) => {
    const text = contents[path];
    if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
    return text;
  };
}

/** parseEnv over a plain object; the global ProcessEnv type narrows some variables (LOG_LEVEL) that we want to test as any text. */
function run(source: Record<string, string>, readFile = files()): EnvResult {
  return parseEnv(source as NodeJS.ProcessEnv, readFile);
}

function ok(result: EnvResult): Env {
  if (!result.ok) throw new Error(`expected a valid environment, got: ${result.problems.join("; ")}`);
  return result.env;
}

function problems(result: EnvResult): string[] {
  if (result.ok) throw new Error("expected the environment to be rejected");
  return result.problems;
}

describe("parseEnv: setup mode and credentials", () => {
  it("starts in setup mode with every default when nothing is set", () => {
    expect(run({})).toEqual({
      ok: true,
      env: {
        github: undefined,
        missing: ["APP_ID", "PRIVATE_KEY or PRIVATE_KEY_PATH", "WEBHOOK_SECRET"],
        appSlug: undefined,
        webhookPath: "/api/github/webhooks",
        port: 3000,
        host: undefined,
        logLevel: "info",
        githubApiUrl: "https://api.github.com",
        githubWebHost: "github.com",
        githubWebUrl: "https://github.com",
        publicUrl: undefined,
        webhookProxyUrl: undefined,
        githubClientId: undefined,
        githubClientSecret: undefined,
        sessionSecret: undefined,
        signInMissing: ["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET", "SESSION_SECRET"],
        databaseUrl: undefined,
        dataDir: ".data",
        role: "all",
        sweepCron: "*/15 * * * *",
        reconcileCron: "23 4 * * *",
        sweepToken: undefined,
        signalsFile: undefined,
        demoClock: false,
      },
    });
  });

  it("sets the GitHub credentials when all three are present", () => {
    const env = ok(run(FULL));

    expect(env.github).toEqual({ appId: 12345, privateKey: PEM, webhookSecret: "s3cret" });
    expect(env.missing).toEqual([]);
  });

  it.each([
    ["APP_ID", { PRIVATE_KEY: PEM, WEBHOOK_SECRET: "s" }, ["APP_ID"]],
    ["the private key", { APP_ID: "1", WEBHOOK_SECRET: "s" }, ["PRIVATE_KEY or PRIVATE_KEY_PATH"]],
    ["WEBHOOK_SECRET", { APP_ID: "1", PRIVATE_KEY: PEM }, ["WEBHOOK_SECRET"]],
    ["WEBHOOK_SECRET, set to spaces", { ...FULL, WEBHOOK_SECRET: "   " }, ["WEBHOOK_SECRET"]],
    ["APP_ID, set to an empty string", { ...FULL, APP_ID: "" }, ["APP_ID"]],
  ])("stays in setup mode without %s", (_name, source, missing) => {
    const env = ok(run(source));

    expect(env.github).toBeUndefined();
    expect(env.missing).toEqual(missing);
  });

  it("turns escaped \\n in PRIVATE_KEY into newlines", () => {
    const oneLine = PEM.replace(/\n/g, "\\n");

    expect(ok(run({ ...FULL, PRIVATE_KEY: oneLine })).github?.privateKey).toBe(PEM);
  });

  it("reads the private key from PRIVATE_KEY_PATH", () => {
    const env = ok(run({ APP_ID: "1", WEBHOOK_SECRET: "s", PRIVATE_KEY_PATH: "/keys/app.pem" }, files({ "/keys/app.pem": PEM })));

    expect(env.github).toEqual({ appId: 1, privateKey: PEM, webhookSecret: "s" });
  });

  it("prefers PRIVATE_KEY over PRIVATE_KEY_PATH and does not read the file", () => {
    const env = ok(run({ ...FULL, PRIVATE_KEY_PATH: "/missing.pem" }));

    expect(env.github?.privateKey).toBe(PEM);
  });

  it.each([["-----BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY-----"], ["-----BEGIN EC PRIVATE KEY-----\nx\n-----END EC PRIVATE KEY-----"]])(
    "accepts the PEM key %j",
    (key) => {
      expect(ok(run({ ...FULL, PRIVATE_KEY: key })).github?.privateKey).toBe(key);
    },
  );
});

describe("parseEnv: settings", () => {
  it("reads every setting", () => {
    const env = ok(
      run({
        ...FULL,
        APP_SLUG: "senseloop",
        WEBHOOK_PATH: "/hooks",
        PORT: "8080",
        HOST: "0.0.0.0",
        LOG_LEVEL: "debug",
        DATABASE_URL: "postgresql://u:p@db:5432/senseloop",
        SENSELOOP_DATA_DIR: "/var/lib/senseloop",
        SENSELOOP_ROLE: "worker",
        SWEEP_CRON: "0 * * * 1-5",
        RECONCILE_CRON: "30 */6 * * *",
        SWEEP_TOKEN: "t".repeat(16),
        SENSELOOP_SIGNALS: "/etc/senseloop/signals.yml",
        PUBLIC_URL: "https://senseloop.example.com",
        WEBHOOK_PROXY_URL: "https://smee.io/abc123",
        GITHUB_CLIENT_ID: "Iv1.0123456789abcdef",
        GITHUB_CLIENT_SECRET: "client-secret",
        SESSION_SECRET: "s".repeat(32),
      }),
    );

    expect(env).toMatchObject({
      appSlug: "senseloop",
      webhookPath: "/hooks",
      port: 8080,
      host: "0.0.0.0",
      logLevel: "debug",
      databaseUrl: "postgresql://u:p@db:5432/senseloop",
      dataDir: "/var/lib/senseloop",
      role: "worker",
      sweepCron: "0 * * * 1-5",
      reconcileCron: "30 */6 * * *",
      sweepToken: "t".repeat(16),
      signalsFile: "/etc/senseloop/signals.yml",
      publicUrl: "https://senseloop.example.com",
      webhookProxyUrl: "https://smee.io/abc123",
      githubClientId: "Iv1.0123456789abcdef",
      githubClientSecret: "client-secret",
      sessionSecret: "s".repeat(32),
    });
  });

  it.each([
    ["SESSION_SECRET", { GITHUB_CLIENT_ID: "Iv1.abc", GITHUB_CLIENT_SECRET: "secret" }, ["SESSION_SECRET: required to sign people in to the dashboard when GITHUB_CLIENT_ID is set (32 random bytes, base64url-encoded, for example)"]],
    ["GITHUB_CLIENT_SECRET", { GITHUB_CLIENT_ID: "Iv1.abc", SESSION_SECRET: "s".repeat(32) }, ["GITHUB_CLIENT_SECRET: required to sign people in to the dashboard when GITHUB_CLIENT_ID is set"]],
  ])("refuses to start with sign-in half configured: names %s", (_name, source, expected) => {
    expect(problems(run(source))).toEqual(expected);
  });

  it("leaves sign-in off, naming what it needs, when none of its variables is set", () => {
    expect(ok(run({ SESSION_SECRET: "s".repeat(32) })).signInMissing).toEqual(["GITHUB_CLIENT_ID", "GITHUB_CLIENT_SECRET"]);
  });

  it("turns the demo clock on only for SENSELOOP_DEMO_CLOCK=on, and names any other value", () => {
    expect([ok(run({})).demoClock, ok(run({ SENSELOOP_DEMO_CLOCK: "on" })).demoClock]).toEqual([false, true]);
    expect(problems(run({ SENSELOOP_DEMO_CLOCK: "yes" }))).toEqual(["SENSELOOP_DEMO_CLOCK: must be on, or unset (it is for npm run demo only)"]);
  });

  it("reads an empty SENSELOOP_SIGNALS as unset, so signals.yml is looked for", () => {
    expect(ok(run({ SENSELOOP_SIGNALS: "  " })).signalsFile).toBeUndefined();
  });

  it.each([
    ["https://senseloop.example.com/", "https://senseloop.example.com"],
    ["http://203.0.113.7:8080", "http://203.0.113.7:8080"],
    ["https://example.com/senseloop//", "https://example.com/senseloop"],
  ])("accepts PUBLIC_URL %s without its trailing slash", (url, expected) => {
    expect(ok(run({ PUBLIC_URL: url })).publicUrl).toBe(expected);
  });

  it("accepts a SESSION_SECRET of exactly 32 bytes, counting multi-byte characters as bytes", () => {
    expect(ok(run({ SESSION_SECRET: "é".repeat(16) })).sessionSecret).toBe("é".repeat(16));
  });
  it.each([
    ["GHE_HOST alone uses https", { GHE_HOST: "ghe.example.com" }, "https://ghe.example.com/api/v3", "ghe.example.com"],
    ["GHE_HOST with a port and GHE_PROTOCOL http", { GHE_HOST: "ghe.example.com:8080", GHE_PROTOCOL: "http" }, "http://ghe.example.com:8080/api/v3", "ghe.example.com:8080"],
    ["GHE_HOST with GHE_PROTOCOL https", { GHE_HOST: "ghe.example.com:8443", GHE_PROTOCOL: "https" }, "https://ghe.example.com:8443/api/v3", "ghe.example.com:8443"],
    ["GHE_PROTOCOL without GHE_HOST", { GHE_PROTOCOL: "http" }, "https://api.github.com", "github.com"],
  ])("points at GitHub Enterprise: %s", (_name, source, apiUrl, webHost) => {
    const env = ok(run(source));

    expect([env.githubApiUrl, env.githubWebHost, env.githubWebUrl]).toEqual([apiUrl, webHost, apiUrl.replace(/\/api\/v3$/, "").replace("api.github.com", "github.com")]);
  });

  it.each([
    ["0", 0],
    ["65535", 65535],
  ])("accepts PORT %s", (port, expected) => {
    expect(ok(run({ PORT: port })).port).toBe(expected);
  });

  it.each([["postgres://localhost/db"], ["postgresql://localhost/db"]])("accepts DATABASE_URL %s", (url) => {
    expect(ok(run({ DATABASE_URL: url })).databaseUrl).toBe(url);
  });

  it("ignores unrelated variables", () => {
    expect(ok(run({ PATH: "/usr/bin", HOME: "/root" })).missing).toHaveLength(3);
  });
});

describe("parseEnv: bad values", () => {
  it.each([
    ["APP_ID", { APP_ID: "abc" }, "APP_ID: must be the numeric App ID"],
    ["PORT above 65535", { PORT: "70000" }, "PORT: must be at most 65535"],
    ["PORT not a number", { PORT: "x" }, "PORT: must be a port number"],
    ["PORT negative", { PORT: "-1" }, "PORT: must be a port number"],
    ["LOG_LEVEL", { LOG_LEVEL: "loud" }, 'LOG_LEVEL: Invalid option: expected one of "trace"|"debug"|"info"|"warn"|"error"|"fatal"|"silent"'],
    ["GHE_HOST with a scheme", { GHE_HOST: "https://ghe.example.com" }, "GHE_HOST: must be a host name with an optional port, without a scheme"],
    ["GHE_HOST with a path", { GHE_HOST: "ghe.example.com/api" }, "GHE_HOST: must be a host name with an optional port, without a scheme"],
    ["GHE_PROTOCOL", { GHE_PROTOCOL: "ftp" }, 'GHE_PROTOCOL: Invalid option: expected one of "https"|"http"'],
    ["DATABASE_URL", { DATABASE_URL: "mysql://localhost/db" }, "DATABASE_URL: must be a postgres:// or postgresql:// connection URL"],
    ["SENSELOOP_ROLE", { SENSELOOP_ROLE: "both" }, 'SENSELOOP_ROLE: Invalid option: expected one of "all"|"web"|"worker"'],
    ["WEBHOOK_PATH", { WEBHOOK_PATH: "hooks" }, "WEBHOOK_PATH: must start with /"],
    ["SWEEP_CRON in words", { SWEEP_CRON: "every day" }, 'SWEEP_CRON: "every day" is not a five-field cron expression such as "*/15 * * * *"'],
    ["SWEEP_CRON with six fields", { SWEEP_CRON: "0 */15 * * * *" }, 'SWEEP_CRON: "0 */15 * * * *" is not a five-field cron expression such as "*/15 * * * *"'],
    ["RECONCILE_CRON in words", { RECONCILE_CRON: "daily" }, 'RECONCILE_CRON: "daily" is not a five-field cron expression such as "23 4 * * *"'],
    ["SWEEP_TOKEN too short", { SWEEP_TOKEN: "short" }, "SWEEP_TOKEN: must be at least 16 characters"],
    ["PUBLIC_URL without a scheme", { PUBLIC_URL: "senseloop.example.com" }, "PUBLIC_URL: must be an http:// or https:// URL without a query, such as https://senseloop.example.com"],
    ["PUBLIC_URL with a query", { PUBLIC_URL: "https://senseloop.example.com/?a=1" }, "PUBLIC_URL: must be an http:// or https:// URL without a query, such as https://senseloop.example.com"],
    ["PUBLIC_URL with another scheme", { PUBLIC_URL: "ftp://senseloop.example.com" }, "PUBLIC_URL: must be an http:// or https:// URL without a query, such as https://senseloop.example.com"],
    ["WEBHOOK_PROXY_URL over http", { WEBHOOK_PROXY_URL: "http://smee.io/abc123" }, "WEBHOOK_PROXY_URL: must be an https:// URL, such as https://smee.io/abc123"],
    ["WEBHOOK_PROXY_URL not a URL", { WEBHOOK_PROXY_URL: "smee" }, "WEBHOOK_PROXY_URL: must be an https:// URL, such as https://smee.io/abc123"],
    ["SESSION_SECRET too short", { SESSION_SECRET: "x".repeat(31) }, "SESSION_SECRET: must be at least 32 bytes (for example 32 random bytes, base64url-encoded: 43 characters)"],
    ["PRIVATE_KEY not PEM", { PRIVATE_KEY: "not a key" }, "PRIVATE_KEY: is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----)"],
    ["a public key in PRIVATE_KEY", { PRIVATE_KEY: "-----BEGIN PUBLIC KEY-----\nx\n-----END PUBLIC KEY-----" }, "PRIVATE_KEY: is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----)"],
    [
      "PRIVATE_KEY_PATH unreadable",
      { PRIVATE_KEY_PATH: "/nope.pem" },
      "PRIVATE_KEY_PATH: cannot read /nope.pem (ENOENT: no such file or directory, open '/nope.pem')",
    ],
  ])("rejects a bad %s with one message naming it", (_name, source, message) => {
    expect(problems(run(source))).toEqual([message]);
  });

  it("names PRIVATE_KEY_PATH when the file it points to holds no PEM key", () => {
    expect(problems(run({ PRIVATE_KEY_PATH: "/keys/app.pem" }, files({ "/keys/app.pem": "hello" })))).toEqual([
      "PRIVATE_KEY_PATH: /keys/app.pem is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----)",
    ]);
  });

  it("reports every bad value, not only the first", () => {
    const result = run({ ...FULL, APP_ID: "abc", PORT: "70000", LOG_LEVEL: "loud", PRIVATE_KEY: "not a key", SWEEP_CRON: "every day" });

    expect(problems(result)).toEqual([
      "APP_ID: must be the numeric App ID",
      "PORT: must be at most 65535",
      'LOG_LEVEL: Invalid option: expected one of "trace"|"debug"|"info"|"warn"|"error"|"fatal"|"silent"',
      "PRIVATE_KEY: is not a PEM private key (expected -----BEGIN RSA PRIVATE KEY-----)",
      'SWEEP_CRON: "every day" is not a five-field cron expression such as "*/15 * * * *"',
    ]);
  });

  it("reports an unreadable key file alongside a bad schema value", () => {
    expect(problems(run({ DATABASE_URL: "mysql://x", PRIVATE_KEY_PATH: "/nope.pem" }))).toEqual([
      "DATABASE_URL: must be a postgres:// or postgresql:// connection URL",
      "PRIVATE_KEY_PATH: cannot read /nope.pem (ENOENT: no such file or directory, open '/nope.pem')",
    ]);
  });
});
