import { Probot } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { senseloopOctokit } from "../src/github/pacing.js";
import type { Standin } from "../src/standin/index.js";
import { silentLogger } from "./helpers/logger.js";
import { APP_ID, PRIVATE_KEY, startStandin, WEBHOOK_SECRET } from "./standin/helpers.js";

let standin: Standin | undefined;
afterEach(async () => {
  await standin?.stop();
  standin = undefined;
});

/** Two organisations, each with the app installed on one repository. */
function twoInstallations(github: Standin): number[] {
  github.createUser({ login: "pam" });
  return ["acme", "globex"].map((org) => {
    github.createOrg({ login: org });
    github.createRepo({ owner: org, name: "shop", creator: "pam", files: { "README.md": "# Shop\n" } });
    return github.createInstallation({ account: org, sender: "pam" }).id;
  });
}

describe("pacing writes to GitHub", () => {
  it("spaces one installation's writes a second apart, and does not hold another installation's behind them", async () => {
    standin = await startStandin();
    const [acme, globex] = twoInstallations(standin);
    const probot = new Probot({ appId: APP_ID, privateKey: PRIVATE_KEY, secret: WEBHOOK_SECRET, baseUrl: standin.urls.api, log: silentLogger, Octokit: senseloopOctokit({ throttle: true }) });
    const [a, g] = [await probot.auth(acme), await probot.auth(globex)];
    const write = async (octokit: typeof a, owner: string) => {
      await octokit.rest.repos.createCommitStatus({ owner, repo: "shop", sha: "0".repeat(40), state: "pending" }).catch(() => undefined);
      return performance.now();
    };
    await Promise.all([a.auth({ type: "installation" }), g.auth({ type: "installation" })]);

    const started = performance.now();
    const [firstAcme, secondAcme, firstGlobex] = await Promise.all([write(a, "acme"), write(a, "acme"), write(g, "globex")]);

    expect(Math.max(firstAcme, secondAcme) - started).toBeGreaterThanOrEqual(950);
    expect(firstGlobex - started).toBeLessThan(900);
  });
});
