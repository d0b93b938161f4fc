import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { installationOctokit, PRIVATE_KEY, seedShop, startStandin } from "./helpers.js";

describe("the stand-in's clock", () => {
  it("stamps objects with the injected clock, and moves on when told to", async () => {
    const start = new Date("2026-03-02T09:00:00Z");
    const standin = await startStandin({ clock: { now: () => start } });
    const { installationId } = seedShop(standin);
    const octokit = installationOctokit(standin, installationId);

    const { data: before } = await octokit.rest.issues.create({ owner: "acme", repo: "shop", title: "Sense: a" });
    standin.advanceClock({ days: 14, hours: 1 });
    const { data: after } = await octokit.rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: before.number, body: "two weeks later" });
    const { data: issue } = await octokit.rest.issues.get({ owner: "acme", repo: "shop", issue_number: before.number });

    expect(before.created_at).toBe("2026-03-02T09:00:00Z");
    expect(after.created_at).toBe("2026-03-16T10:00:00Z");
    expect(issue.updated_at).toBe("2026-03-16T10:00:00Z");
    expect(() => standin.advanceClock({ days: -1 })).toThrow(/only moves forward/);
  });
});

describe("npm run standin", () => {
  it("starts as its own process, prints how to point Senseloop at it, and stops on SIGTERM", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/standin/cli.ts"], { env: { ...process.env, APP_ID: "4242", PRIVATE_KEY: PRIVATE_KEY, WEBHOOK_SECRET: "cli-secret" }, stdio: ["ignore", "pipe", "inherit"] });
    try {
      const [line] = (await once(child.stdout!, "data")) as [Buffer];
      const info = JSON.parse(String(line)) as { url: string; env: Record<string, string> };
      const credentials = (await (await fetch(`${info.url}/_standin/appCredentials`, { method: "POST" })).json()) as { appId: number; privateKey: string };

      expect(info.env).toEqual({ GHE_HOST: new URL(info.url).host, GHE_PROTOCOL: "http", APP_ID: "4242", APP_SLUG: "senseloop", WEBHOOK_SECRET: "cli-secret" });
      expect(credentials).toMatchObject({ appId: 4242, privateKey: PRIVATE_KEY });
      expect((await fetch(`${info.url}/api/v3/app`)).status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
    const [code] = (await once(child, "exit")) as [number | null];
    expect(code).toBe(0);
  });
});
