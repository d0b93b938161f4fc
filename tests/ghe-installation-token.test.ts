import { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { senseloopOctokit } from "../src/github/pacing.js";
import { silentLogger } from "./helpers/logger.js";
import { APP_ID, PRIVATE_KEY, seedShop, startStandin } from "./standin/helpers.js";

/**
 * On GitHub Enterprise Server every call goes to GHE_HOST, installation tokens included. Probot
 * hands the app-auth strategy a request without the base URL, which only the request hook
 * corrects; an installation token asked for directly (the gate's access check and its refresh)
 * would go to api.github.com.
 */
describe("installation tokens on GitHub Enterprise Server", () => {
  it.each([true, false])("are minted by the Enterprise Server when asked for directly (throttling %s)", async (throttle) => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, baseUrl: standin.urls.api, log: silentLogger, Octokit: senseloopOctokit({ throttle }) });
    const octokit = await probot.auth(installationId);

    const first = (await octokit.auth({ type: "installation" })) as { token: string };
    const refreshed = (await octokit.auth({ type: "installation", refresh: true })) as { token: string };

    expect(first.token).toMatch(/^ghs_/);
    expect(refreshed.token).not.toBe(first.token);
    expect(standin.requests({ method: "POST" }).map((r) => r.route)).toEqual(["POST /app/installations/{installation_id}/access_tokens", "POST /app/installations/{installation_id}/access_tokens"]);
  });
});
