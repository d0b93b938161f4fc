import { describe, expect, it } from "vitest";
import { nockCheckReads, nockCreateCheckRun, nockIssue, nockOpenHypotheses, nockPullRequestFiles } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { pullRequestEvent, user } from "./helpers/payloads.js";
import { deliveryRow, pullRequestRow } from "./helpers/state.js";

const h = useHarness();

const EXEMPT_TITLE = "Exempt — no hypothesis needed";
const PATHS_CONFIG = 'exempt:\n  paths:\n    - "docs/**"\n    - "**/*.md"\n';

async function openPullRequest(o: Parameters<typeof pullRequestEvent>[1] = {}) {
  await h.receive("pull_request", pullRequestEvent("opened", o));
  return h.drain();
}

describe("exemptions", () => {
  it("passes a PR that says `Hypothesis: none — <reason>`, quoting the reason", async () => {
    nockCheckReads({ body: "Fixes the footer.\n\nHypothesis: none — fixes a typo in the footer" });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "success", output: { title: EXEMPT_TITLE }, actions: [{ identifier: "recheck" }] });
    expect(check.body.output.summary).toContain("The description says: “fixes a typo in the footer”");
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({ outcome: "exempt", exemption: "none-line: The description says: “fixes a typo in the footer”" });
  });

  it("does not accept `Hypothesis: none` without a reason", async () => {
    nockCheckReads({ body: "Hypothesis: none" });
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.summary).toContain("- `Hypothesis: none` (body): needs a reason after `none`, for example `Hypothesis: none — fixes a typo`.");
  });

  it("passes a PR carrying the configured exempt label", async () => {
    nockCheckReads({ body: "Moves a button.", labels: ["ui", "Skip-Hypothesis"], config: "exempt:\n  label: skip-hypothesis\n" });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "success", output: { title: EXEMPT_TITLE } });
    expect(check.body.output.summary).toContain("It carries the `skip-hypothesis` label.");
    expect((await pullRequestRow(h, SHOP, 7))?.exemption).toBe("label: It carries the `skip-hypothesis` label.");
  });

  it("passes a PR whose title matches a default exempt pattern", async () => {
    nockCheckReads({ title: "chore(deps): bump eslint", body: null });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "success", output: { title: EXEMPT_TITLE } });
    expect(check.body.output.summary).toContain("Its title matches the exempt pattern `^(chore|docs|ci|build|test|deps)(\\([^)]*\\))?!?:`.");
  });

  it("passes a PR whose title matches a configured pattern", async () => {
    nockCheckReads({ title: "[Spike] carousel on the basket page", body: null, config: 'exempt:\n  titlePatterns: ["^\\\\[spike\\\\]"]\n' });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
    expect(check.body.output.summary).toContain("Its title matches the exempt pattern `^\\[spike\\]`.");
  });

  it("checks a PR from dependabot[bot], another app's bot, and passes it as an exempt author", async () => {
    const dependabot = user("dependabot[bot]", "Bot");
    nockCheckReads({ title: "Bump left-pad from 1.0.0 to 1.0.1", body: "Bumps left-pad.", author: "dependabot[bot]" });
    const check = nockCreateCheckRun();

    await h.receive("pull_request", pullRequestEvent("opened", { author: "dependabot[bot]", sender: dependabot }), "from-dependabot");
    await h.drain();

    expect(await deliveryRow(h, "from-dependabot")).toMatchObject({ status: "done", senderLogin: "dependabot[bot]" });
    expect(check.body).toMatchObject({ conclusion: "success", output: { title: EXEMPT_TITLE } });
    expect(check.body.output.summary).toContain("Its author, dependabot[bot], is on the exempt list.");
  });

  it("passes a PR whose changed files all match the configured paths, fetching the files only then", async () => {
    nockCheckReads({ body: "Updates the docs.", config: PATHS_CONFIG });
    nockPullRequestFiles(SHOP, 7, ["docs/setup.md", "README.md"]);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "success", output: { title: EXEMPT_TITLE } });
    expect(check.body.output.summary).toContain("Every changed file matches the exempt paths (`docs/**`, `**/*.md`).");
  });

  it("fails a PR that changes one file outside the configured paths", async () => {
    nockCheckReads({ body: "Updates the docs.", config: PATHS_CONFIG });
    nockPullRequestFiles(SHOP, 7, ["docs/setup.md", "src/basket.ts"]);
    nockOpenHypotheses(SHOP, [{ number: 12 }]);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.title).toBe("No hypothesis linked — add `Hypothesis: #12` to the description");
  });

  it("does not list the files when paths are configured but the PR names a hypothesis", async () => {
    nockCheckReads({ body: "Hypothesis: #12", config: PATHS_CONFIG });
    nockIssue(SHOP, 12);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("success");
  });

  it("does not list the files when paths are configured but another exemption already applies", async () => {
    nockCheckReads({ title: "docs: explain reorder", body: null, config: PATHS_CONFIG });
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.output.summary).toContain("Its title matches the exempt pattern");
  });
});
