import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PRIVATE_KEY } from "./helpers/harness.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** `npm start`'s process with these variables (and none of the test run's own), until it exits. */
function start(variables: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), "senseloop-start-"));
  dirs.push(dataDir);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(DATABASE_URL|SESSION_SECRET|GITHUB_CLIENT_|APP_ID|PRIVATE_KEY|WEBHOOK_SECRET)/.test(name)));
  const env = { ...inherited, SENSELOOP_DATA_DIR: dataDir, PORT: "0", APP_ID: "4242", PRIVATE_KEY, WEBHOOK_SECRET: "start-up-secret", ...variables };
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { env, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += String(chunk)));
  return new Promise((resolve) => child.on("exit", (code) => resolve({ code, stderr })));
}

describe("start-up and signing in", () => {
  it.each([
    ["without SESSION_SECRET", {}, "SESSION_SECRET: required to sign people in to the dashboard when GITHUB_CLIENT_ID is set"],
    ["with a SESSION_SECRET under 32 bytes", { SESSION_SECRET: "too-short" }, "SESSION_SECRET: must be at least 32 bytes"],
  ])("stops %s once the OAuth client is set, naming the variable", async (_name, extra, message) => {
    const { code, stderr } = await start({ GITHUB_CLIENT_ID: "Iv1.start", GITHUB_CLIENT_SECRET: "client-secret", ...extra });

    expect(code).toBe(1);
    expect(stderr).toContain("Senseloop cannot start; fix these environment variables:");
    expect(stderr).toContain(message);
  }, 60_000);
});
