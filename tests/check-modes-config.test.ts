import { describe, expect, it } from "vitest";
import {
  blobEtag,
  nockCheckReads,
  nockContents,
  nockConfig,
  nockCreateCheckRun,
  nockIssue,
  nockOpenHypotheses,
  nockPullRequest,
  nockRepoInstallation,
  nockRepository,
  nockUpdateCheckRun,
} from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { INSTALLATION_ID, PRODUCT, SHOP } from "./helpers/ids.js";
import { issuesEvent, pullRequestEvent, pushEvent } from "./helpers/payloads.js";
import { checkRunRows, hypothesisRows, pendingJobs, pullRequestRow, repositoryRow } from "./helpers/state.js";

const h = useHarness();

const MISSING_TITLE = "No hypothesis linked — add `Hypothesis: #12` to the description";
const DRAFT_NOTE = "This PR is a draft: Senseloop reports but never fails a draft.";
const OPEN = [{ number: 12, title: "Returning customers reorder a past basket" }];

async function openPullRequest(o: Parameters<typeof pullRequestEvent>[1] = {}) {
  await h.receive("pull_request", pullRequestEvent("opened", o));
  return h.drain();
}

describe("modes", () => {
  it("enforce: fails a PR with no hypothesis, listing the open hypotheses, then the exemptions, and offering both actions", async () => {
    nockCheckReads({ body: "Adds a reorder button." });
    nockOpenHypotheses(SHOP, OPEN);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "failure", output: { title: MISSING_TITLE } });
    expect(check.body.actions).toEqual([
      { label: "Exempt this PR", identifier: "exempt", description: expect.any(String) },
      { label: "Re-check", identifier: "recheck", description: expect.any(String) },
    ]);
    const summary: string = check.body.output.summary;
    const picks = summary.indexOf("Open hypotheses in acme/shop:\n\n- `#12` [Returning customers reorder a past basket](https://github.com/acme/shop/issues/12)");
    const exemptions = summary.indexOf("If this PR serves no hypothesis, say why instead:");
    expect(picks).toBeGreaterThan(0);
    expect(exemptions).toBeGreaterThan(picks);
    expect(summary).toContain("add the `no-hypothesis` label");
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({ outcome: "missing", references: [] });
  });

  it("enforce: says how to open the first hypothesis when there is none yet", async () => {
    nockCheckReads({ body: null });
    nockOpenHypotheses(SHOP, []);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.summary).toContain("There are no open hypotheses in acme/shop yet. Open an issue with the `hypothesis` label");
  });

  it("enforce with a central repository: lists the open hypotheses of that repository, with the configured label", async () => {
    nockCheckReads({ body: null, config: "hypotheses:\n  repo: acme/product\n  label: bet\n" });
    nockRepoInstallation(PRODUCT, INSTALLATION_ID);
    nockRepository(PRODUCT);
    nockOpenHypotheses(PRODUCT, [{ repo: PRODUCT, number: 3, title: "Saved baskets bring people back", labels: ["bet"] }], "bet");
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.conclusion).toBe("failure");
    expect(check.body.output.summary).toContain("Open hypotheses in acme/product:\n\n- `#3` [Saved baskets bring people back](https://github.com/acme/product/issues/3)");
  });

  it("advisory: a PR with no hypothesis is neutral, not failing", async () => {
    nockCheckReads({ body: "Adds a reorder button.", config: "mode: advisory\n" });
    nockOpenHypotheses(SHOP, OPEN);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "neutral", output: { title: MISSING_TITLE } });
  });

  it("advisory: a bad reference is neutral too", async () => {
    nockCheckReads({ body: "Hypothesis: #12", config: "mode: advisory\n" });
    nockIssue(SHOP, 12, { state: "closed" });
    nockOpenHypotheses(SHOP, OPEN);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "neutral", output: { title: "Hypothesis reference is not valid — acme/shop#12 is closed" } });
  });

  it("off: writes no check run at all and reads nothing beyond the PR and the config", async () => {
    nockPullRequest({ body: "Adds a reorder button." });
    nockConfig(SHOP, "mode: off\n");

    const counts = await openPullRequest();

    expect(counts).toEqual({ done: 2, parked: 0, dead: 0, retry: 0 });
    expect(await checkRunRows(h)).toEqual([]);
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({ state: "open", outcome: null, checkedAt: null });
    expect((await repositoryRow(h, SHOP))?.configStatus).toBe("ok");
  });

  it("off: an earlier failing check run on the same commit is turned neutral, not left failing", async () => {
    nockCheckReads({ body: "Adds a reorder button." });
    nockOpenHypotheses(SHOP, OPEN);
    nockCreateCheckRun(SHOP, 555);
    await openPullRequest({ body: "Adds a reorder button." });
    nockPullRequest({ body: "Adds a reorder button." });
    nockContents(SHOP.fullName, ".github/senseloop.yml", "mode: off\n");
    const update = nockUpdateCheckRun(SHOP, 555);

    // The file is added on main: the push makes the next check read it at once.
    await h.receive("push", pushEvent({ files: [[".github/senseloop.yml"]] }));
    await h.receive("pull_request", pullRequestEvent("edited", { body: "Adds a reorder button." }));
    await h.drain();

    expect(update.body).toMatchObject({ conclusion: "neutral", output: { title: "Senseloop's hypothesis check is off for this repository" }, actions: [] });
  });

  it("drafts: an invalid configuration is neutral on a draft", async () => {
    nockPullRequest({ body: "WIP", draft: true });
    nockConfig(SHOP, "mode: sometimes\n");
    const check = nockCreateCheckRun();

    await openPullRequest({ draft: true });

    expect(check.body).toMatchObject({ conclusion: "neutral", output: { title: "Senseloop configuration is invalid" } });
  });

  it("drafts: a draft with no hypothesis is neutral in enforce mode, and says why", async () => {
    nockCheckReads({ body: "WIP", draft: true });
    nockOpenHypotheses(SHOP, OPEN);
    const check = nockCreateCheckRun();

    await openPullRequest({ draft: true });

    expect(check.body).toMatchObject({ conclusion: "neutral", output: { title: MISSING_TITLE } });
    expect(check.body.output.summary).toContain(DRAFT_NOTE);
  });

  it("drafts: a draft naming a closed hypothesis is neutral, not failing", async () => {
    nockCheckReads({ body: "Hypothesis: #12", draft: true });
    nockIssue(SHOP, 12, { state: "closed" });
    nockOpenHypotheses(SHOP, OPEN);
    const check = nockCreateCheckRun();

    await openPullRequest({ draft: true });

    expect(check.body.conclusion).toBe("neutral");
    expect(check.body.output.summary).toContain(DRAFT_NOTE);
  });
});

describe("invalid configuration", () => {
  it("reports a YAML syntax error on the check run and does nothing else", async () => {
    nockPullRequest({ body: "Hypothesis: #12" });
    nockConfig(SHOP, "mode: [enforce\n");
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body).toMatchObject({ conclusion: "failure", output: { title: "Senseloop configuration is invalid" }, actions: [{ identifier: "recheck" }] });
    expect(check.body.output.summary).toMatch(/^Senseloop configuration is invalid\. Fix `\.github\/senseloop\.yml`/);
    expect(check.body.output.summary).toMatch(/- `\(file\)`: YAML syntax error at line 2, column 1: /);
    expect(await repositoryRow(h, SHOP)).toMatchObject({ configStatus: "invalid", configProblems: [{ path: "(file)" }] });
    expect(await pullRequestRow(h, SHOP, 7)).toMatchObject({ outcome: "config_invalid" });
  });

  it("lists every schema problem with its path", async () => {
    const yaml = ["mode: strict", "hypotheses:", "  repo: product", "exempt:", '  titlePatterns: ["("]', "  colour: red", ""].join("\n");
    nockPullRequest({ body: "Hypothesis: #12" });
    nockConfig(SHOP, yaml);
    const check = nockCreateCheckRun();

    await openPullRequest();

    expect(check.body.output.title).toBe("Senseloop configuration is invalid");
    const summary: string = check.body.output.summary;
    expect(summary).toContain('- `mode`: Invalid option: expected one of "enforce"|"advisory"|"off"');
    expect(summary).toContain("- `hypotheses.repo`: must be owner/name, for example acme/product");
    expect(summary).toContain("- `exempt.titlePatterns.0`: is not a valid regular expression");
    expect(summary).toContain("- `exempt`: unknown key: colour");
    expect((await repositoryRow(h, SHOP))?.configProblems).toHaveLength(4);
  });

  it("takes no action on an issue event in a repository whose config is invalid", async () => {
    nockPullRequest({ body: "Hypothesis: #12" });
    nockConfig(SHOP, "mode: strict\n");
    nockCreateCheckRun();
    await openPullRequest();

    await h.receive("issues", issuesEvent("labeled", { number: 12, labels: ["hypothesis"] }));
    const counts = await h.drain();

    expect(counts).toEqual({ done: 1, parked: 0, dead: 0, retry: 0 });
    expect(await hypothesisRows(h)).toEqual([]);
    expect(await pendingJobs(h, "check-pr")).toBe(0);
    expect((await repositoryRow(h, SHOP))?.configStatus).toBe("invalid");
  });

  it("rewrites the same check run once the file is fixed", async () => {
    nockPullRequest({ body: "Hypothesis: #12" });
    nockConfig(SHOP, "mode: strict\n");
    nockCreateCheckRun();
    await openPullRequest();
    nockCheckReads({ body: "Hypothesis: #12", config: "cached" });
    nockContents(SHOP.fullName, ".github/senseloop.yml", "mode: enforce\n", { ifNoneMatch: blobEtag("mode: strict\n") });
    nockIssue(SHOP, 12);
    const update = nockUpdateCheckRun();

    await h.receive("push", pushEvent({ files: [["README.md", ".github/senseloop.yml"]] }));
    await h.receive("pull_request", pullRequestEvent("edited"));
    await h.drain();

    expect(update.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
    expect(await repositoryRow(h, SHOP)).toMatchObject({ configStatus: "ok", configProblems: null });
  });
});
