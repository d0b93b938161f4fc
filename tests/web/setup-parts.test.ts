import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseEnv as parseDotenv } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readEnvFileKeys, updateEnvFile } from "../../src/web/setup/env-file.js";
import { browserBase, NO_ADDRESS, registrationTarget } from "../../src/web/setup/registration-target.js";
import { checkPublicAddress } from "../../src/web/setup/webhook-address.js";

describe("checkPublicAddress", () => {
  it.each([
    ["https://senseloop.example.com/", "https://senseloop.example.com"],
    ["http://203.0.113.7:8080", "http://203.0.113.7:8080"],
    ["https://example.com/senseloop/", "https://example.com/senseloop"],
    ["https://[2001:db8::1]", "https://[2001:db8::1]"],
  ])("accepts %s", (text, url) => {
    expect(checkPublicAddress(text, { enterprise: false })).toEqual({ ok: true, url });
  });

  it.each([
    ["http://localhost:3000", "this machine's own address"],
    ["http://app.localhost", "this machine's own address"],
    ["http://127.0.0.53", "this machine's own address"],
    ["http://0.0.0.0:3000", "this machine's own address"],
    ["http://[::1]:3000", "this machine's own address"],
    ["http://[::ffff:127.0.0.1]", "this machine's own address"],
    ["http://10.1.2.3", "a private network address"],
    ["http://172.20.0.5", "a private network address"],
    ["http://192.168.0.10", "a private network address"],
    ["http://169.254.169.254", "a private network address"],
    ["http://100.64.1.1", "a private network address"],
    ["http://[fd00::1]", "a private network address"],
    ["http://[fe80::1]", "a private network address"],
    ["http://build-box", "a name only your network knows"],
    ["https://printer.local", "a name only your network knows"],
    ["ftp://example.com", "must start with https://"],
    ["https://example.com/?x=1", "must not carry a query"],
    ["not a url", "is not a URL"],
  ])("refuses %s: %s", (text, why) => {
    const result = checkPublicAddress(text, { enterprise: false });

    expect(result.ok).toBe(false);
    expect(!result.ok && result.problem).toContain(why);
  });

  it("lets an Enterprise Server register a private address, never a loopback one", () => {
    expect(checkPublicAddress("http://10.1.2.3:3000", { enterprise: true })).toEqual({ ok: true, url: "http://10.1.2.3:3000" });
    expect(checkPublicAddress("http://build-box:3000", { enterprise: true }).ok).toBe(true);
    expect(checkPublicAddress("http://127.0.0.1:3000", { enterprise: true }).ok).toBe(false);
  });
});

describe("registrationTarget", () => {
  const base = { typedAddress: undefined, publicUrl: undefined, webhookProxyUrl: undefined, webhookPath: "/api/github/webhooks", enterprise: false, browserBase: "http://localhost:3000" };

  it.each([
    ["PUBLIC_URL", { publicUrl: "https://a.example.com" }, { hookUrl: "https://a.example.com/api/github/webhooks", siteUrl: "https://a.example.com", redirectUrl: "http://localhost:3000/setup/callback" }, undefined],
    ["a typed address over PUBLIC_URL", { publicUrl: "https://a.example.com", typedAddress: " https://b.example.com/ " }, { hookUrl: "https://b.example.com/api/github/webhooks", siteUrl: "https://b.example.com", redirectUrl: "http://localhost:3000/setup/callback" }, "https://b.example.com"],
    ["the proxy over both", { publicUrl: "https://a.example.com", typedAddress: "https://b.example.com", webhookProxyUrl: "https://smee.io/x" }, { hookUrl: "https://smee.io/x", siteUrl: "https://a.example.com", redirectUrl: "http://localhost:3000/setup/callback" }, undefined],
    ["the proxy with a local browser", { webhookProxyUrl: "https://smee.io/x" }, { hookUrl: "https://smee.io/x", siteUrl: "http://localhost:3000", redirectUrl: "http://localhost:3000/setup/callback" }, undefined],
  ])("registers with %s", (_name, input, urls, typedPublicUrl) => {
    expect(registrationTarget({ ...base, ...input })).toEqual({ ok: true, urls, typedPublicUrl });
  });

  it("asks for an address when it has none", () => {
    expect(registrationTarget({ ...base, typedAddress: "  " })).toEqual({ ok: false, problem: NO_ADDRESS });
  });

  it.each([
    ["http://127.0.0.1:3000/setup", "https://senseloop.example.com", "http://127.0.0.1:3000"],
    ["http://senseloop.example.com/setup/register", "https://senseloop.example.com/loop", "https://senseloop.example.com/loop"],
    ["http://localhost:3000/setup", undefined, "http://localhost:3000"],
  ])("sends the browser at %s (PUBLIC_URL %s) back to %s", (request, publicUrl, expected) => {
    expect(browserBase(request, publicUrl)).toBe(expected);
  });
});

describe("updateEnvFile", () => {
  let dir: string;
  let path: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "senseloop-env-"));
    path = join(dir, ".env");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("creates the file, owner-readable only, with a PEM key on one line", () => {
    updateEnvFile(path, { APP_ID: "5", PRIVATE_KEY: "-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n" });

    expect(readFileSync(path, "utf8")).toBe('APP_ID=5\nPRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\\nabc\\n-----END RSA PRIVATE KEY-----\\n"\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(parseDotenv(readFileSync(path, "utf8")).PRIVATE_KEY).toBe("-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----\n");
  });

  it("replaces keys where they stand, a multi-line value whole, keeps the other lines and appends new keys", () => {
    writeFileSync(path, '# mine\nexport APP_ID=1\nPRIVATE_KEY="-----BEGIN RSA PRIVATE KEY-----\nold\n-----END RSA PRIVATE KEY-----"\nPORT=4000\n\nWEBHOOK_SECRET=old\n', { mode: 0o644 });

    updateEnvFile(path, { APP_ID: "2", PRIVATE_KEY: "new key", WEBHOOK_SECRET: "s2", APP_SLUG: "loop" });

    expect(readFileSync(path, "utf8")).toBe('# mine\nAPP_ID=2\nPRIVATE_KEY="new key"\nPORT=4000\n\nWEBHOOK_SECRET=s2\nAPP_SLUG=loop\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect([...readEnvFileKeys(path)]).toEqual(["APP_ID", "PRIVATE_KEY", "PORT", "WEBHOOK_SECRET", "APP_SLUG"]);
  });

  it("refuses a value it could not write back faithfully", () => {
    expect(() => updateEnvFile(path, { NAME: 'say "hi"' })).toThrow(/NAME: a value with quotes/);
  });
});
