import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { senseloopOctokit } from "../src/github/pacing.js";
import type { Standin } from "../src/standin/index.js";
import { silentLogger } from "./helpers/logger.js";
import { APP_ID, PRIVATE_KEY, seedShop, startStandin, WEBHOOK_SECRET } from "./standin/helpers.js";

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.stop();
  standin = undefined;
});

/**
 * On GitHub Enterprise Server every call goes to its host, the installation token included:
 * Probot gives the app-auth strategy a request without the base URL, so a token asked for
 * directly (the installation check, the refresh after a refused token) went to api.github.com.
 */
describe.each([true, false])("on GitHub Enterprise Server (throttling %s)", (throttle) => {
  it("asks the server, not api.github.com, for the installation token, first and refreshed", async () => {
    standin = await startStandin();
    const { installationId } = seedShop(standin);
    const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, baseUrl: standin.urls.api, log: silentLogger, Octokit: senseloopOctokit({ throttle }) });
    const octokit = await probot.auth(installationId);

    const first = (await octokit.auth({ type: "installation" })) as { token: string };
    const refreshed = (await octokit.auth({ type: "installation", refresh: true })) as { token: string };

    expect(first.token).toMatch(/^ghs_/);
    expect(refreshed.token).toMatch(/^ghs_/);
    expect(refreshed.token).not.toBe(first.token);
    expect(standin.requests({ method: "POST", pathPrefix: `/api/v3/app/installations/${installationId}/access_tokens` })).toHaveLength(2);
  });
});
