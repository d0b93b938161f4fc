import nock from "nock";
import { describe, expect, it } from "vitest";
import { createRuntime } from "../src/bootstrap.js";
import { parseEnv } from "../src/env.js";
import { scopeFor } from "../src/runtime.js";
import { PRIVATE_KEY, useHarness } from "./helpers/harness.js";
import { APP_ID, INSTALLATION_ID, WEBHOOK_SECRET } from "./helpers/ids.js";
import { silentLogger } from "./helpers/logger.js";
import { installationTokenObject } from "./helpers/rest-ship-objects.js";

const h = useHarness();

/** The production runtime, configured for a GitHub Enterprise Server the way an operator does it. */
function enterpriseRuntime() {
  const parsed = parseEnv({ APP_ID: String(APP_ID), PRIVATE_KEY, WEBHOOK_SECRET, GHE_HOST: "ghe.example.com" });
  if (!parsed.ok || !parsed.env.github) throw new Error("expected a connected environment");
  return createRuntime(parsed.env, parsed.env.github, { db: h.rt.db, boss: h.rt.boss, clock: h.time, log: silentLogger, signals: h.rt.signals });
}

describe("on GitHub Enterprise Server", () => {
  it("asks the server, not api.github.com, for installation tokens asked for directly and refreshed", async () => {
    const rt = enterpriseRuntime();
    const tokens = nock("https://ghe.example.com").post(`/api/v3/app/installations/${INSTALLATION_ID}/access_tokens`).times(2).reply(201, installationTokenObject(INSTALLATION_ID));

    await scopeFor(rt, INSTALLATION_ID, silentLogger);
    const octokit = await rt.probot.auth(INSTALLATION_ID);
    await octokit.auth({ type: "installation" });
    await octokit.auth({ type: "installation", refresh: true });

    expect(tokens.isDone()).toBe(true);
  });
});
