import { beforeEach, describe, expect, it } from "vitest";
import { MIRROR_TRUSTED_MS } from "../src/services/resolve-references.js";
import {
  forbidGitHubCalls,
  nockCheckReads,
  nockConfig,
  nockContents,
  nockCreateCheckRun,
  nockIssue,
  nockIssueMoved,
  nockOpenHypotheses,
  nockPullRequest,
  nockRepoInstallation,
  nockRepository,
  nockUpdateCheckRun,
} from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { INSTALLATION_ID, PRODUCT, SHOP, type TestRepo } from "./helpers/ids.js";
import { issuesEvent, pullRequestEvent, pushEvent, type IssueOptions } from "./helpers/payloads.js";
import { hypothesisRow, hypothesisRows, pendingJobs, pullRequestRow } from "./helpers/state.js";

const h = useHarness();

const NOTHING = { done: 0, parked: 0, dead: 0, retry: 0 };
const LATER = "2026-03-01T12:00:00Z";

const sha = (pr: number) => `${pr}`.repeat(40).slice(0, 40);
const checkRunId = (pr: number) => 500 + pr;

/** The first check of a test reads acme/shop's config; the later ones (the clock stands still) find it cached. */
let configRead = false;
beforeEach(() => {
  configRead = false;
});
const config = () => (configRead ? "cached" : ((configRead = true), null));

/** Arrange: PR `pr` of acme/shop names `reference`, and its check run says what `issue` makes it. */
async function pullRequestNames(pr: number, reference: string, issue: IssueOptions = {}, repo: TestRepo = SHOP) {
  const body = `Hypothesis: ${reference}`;
  nockCheckReads({ number: pr, body, headSha: sha(pr), config: config() });
  if (repo !== SHOP && !(await hypothesisRows(h)).some((row) => row.repositoryId === repo.id)) {
    nockRepoInstallation(repo, INSTALLATION_ID);
    nockRepository(repo);
  }
  // A hypothesis the mirror holds (an earlier PR's check stored it moments ago) is not asked for again.
  if (!(await hypothesisRows(h)).some((row) => row.repositoryId === repo.id && row.number === (issue.number ?? 12))) nockIssue(repo, issue.number ?? 12, issue);
  const valid = (issue.state ?? "open") === "open" && (issue.labels ?? ["hypothesis"]).includes("hypothesis");
  if (!valid) nockOpenHypotheses(SHOP, []);
  nockCreateCheckRun(SHOP, checkRunId(pr));
  await h.receive("pull_request", pullRequestEvent("opened", { number: pr, body, headSha: sha(pr) }));
  await h.drain();
}

/**
 * Arrange: what the re-check of PR `pr` reads, with the hypothesis as GitHub now has it (null:
 * gone). The issue event just mirrored it, so only a deleted one is asked for (and is a 404).
 */
function recheckReads(pr: number, reference: string, issue: IssueOptions | null, repo: TestRepo = SHOP) {
  nockCheckReads({ number: pr, body: `Hypothesis: ${reference}`, headSha: sha(pr), config: config() });
  if (issue === null) nockIssue(repo, 12, null);
  if (issue === null || issue.state === "closed" || !(issue.labels ?? ["hypothesis"]).includes("hypothesis")) nockOpenHypotheses(SHOP, []);
  return nockUpdateCheckRun(SHOP, checkRunId(pr));
}

async function issueEvent(action: string, o: IssueOptions) {
  await h.receive("issues", issuesEvent(action, { updatedAt: LATER, ...o }));
  return h.drain();
}

describe("a hypothesis that stops being valid", () => {
  it("re-checks every open PR that references it when it is closed, and each fails naming it", async () => {
    await pullRequestNames(7, "#12");
    await pullRequestNames(8, "#12");
    await pullRequestNames(9, "#12");
    nockPullRequest({ number: 9, state: "closed", headSha: sha(9) });
    await h.receive("pull_request", pullRequestEvent("closed", { number: 9, state: "closed", headSha: sha(9) }));
    await h.drain();
    const seven = recheckReads(7, "#12", { state: "closed" });
    const eight = recheckReads(8, "#12", { state: "closed" });

    const counts = await issueEvent("closed", { number: 12, state: "closed" });

    expect(counts).toEqual({ ...NOTHING, done: 3 });
    for (const update of [seven, eight]) {
      expect(update.body).toMatchObject({ conclusion: "failure", output: { title: "Hypothesis reference is not valid — acme/shop#12 is closed" } });
      expect(update.body.output.summary).toContain("- `#12`: acme/shop#12 is closed.");
    }
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ state: "closed" });
    expect(await pullRequestRow(h, SHOP, 9)).toMatchObject({ state: "closed", outcome: "linked" });
  });

  it("re-checks when the hypothesis label is removed", async () => {
    await pullRequestNames(7, "#12");
    const update = recheckReads(7, "#12", { labels: ["idea"] });

    await issueEvent("unlabeled", { number: 12, labels: ["idea"] });

    expect(update.body).toMatchObject({ conclusion: "failure", output: { title: "Hypothesis reference is not valid — acme/shop#12 does not carry the `hypothesis` label" } });
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ labels: ["idea"] });
  });

  it("re-checks when the issue is deleted, without reading the config", async () => {
    await pullRequestNames(7, "#12");
    const update = recheckReads(7, "#12", null);

    await issueEvent("deleted", { number: 12 });

    expect(update.body).toMatchObject({ conclusion: "failure", output: { title: "Hypothesis reference is not valid — acme/shop#12 was not found" } });
    expect((await hypothesisRow(h, SHOP, 12))?.goneAt).not.toBeNull();
  });

  it("re-checks when the issue is transferred, and says where it went", async () => {
    await pullRequestNames(7, "#12");
    nockCheckReads({ number: 7, body: "Hypothesis: #12", headSha: sha(7), config: "cached" });
    nockIssueMoved(SHOP, 12, PRODUCT, 3);
    nockOpenHypotheses(SHOP, []);
    const update = nockUpdateCheckRun(SHOP, checkRunId(7));

    await issueEvent("transferred", { number: 12 });

    expect(update.body).toMatchObject({ conclusion: "failure", output: { title: "Hypothesis reference is not valid — acme/shop#12 has moved to acme/product; reference it there" } });
  });

  it("re-checks a PR of another repository when its hypothesis in the central repository is closed", async () => {
    await pullRequestNames(7, "acme/product#3", { repo: PRODUCT, number: 3 }, PRODUCT);
    // acme/product has no file of its own; the organisation's (none either) is cached from acme/shop's read.
    nockContents(PRODUCT.fullName, ".github/senseloop.yml", null);
    const update = recheckReads(7, "acme/product#3", { repo: PRODUCT, number: 3, state: "closed" }, PRODUCT);

    await issueEvent("closed", { repo: PRODUCT, number: 3, state: "closed" });

    expect(update.body).toMatchObject({ conclusion: "failure", output: { title: "Hypothesis reference is not valid — acme/product#3 is closed" } });
  });
});

describe("a hypothesis that becomes valid", () => {
  it("re-checks and passes the PRs that reference it when it is reopened", async () => {
    await pullRequestNames(7, "#12", { state: "closed" });
    const update = recheckReads(7, "#12", {});

    await issueEvent("reopened", { number: 12 });

    expect(update.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ state: "open" });
  });

  it("re-checks and passes the PRs that reference it when the label is added", async () => {
    await pullRequestNames(7, "#12", { labels: ["idea"] });
    const update = recheckReads(7, "#12", { labels: ["idea", "hypothesis"] });

    await issueEvent("labeled", { number: 12, labels: ["idea", "hypothesis"] });

    expect(update.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ labels: ["idea", "hypothesis"] });
  });
});

describe("issue events that change nothing", () => {
  it("makes no GitHub call at all for an unlabelled issue Senseloop does not know", async () => {
    forbidGitHubCalls();

    const counts = await issueEvent("opened", { number: 40, labels: [] });

    expect(counts).toEqual({ ...NOTHING, done: 1 });
    expect(await hypothesisRows(h)).toEqual([]);
  });

  it("mirrors an edit of a valid hypothesis's body without re-checking anything", async () => {
    await pullRequestNames(7, "#12");

    const counts = await issueEvent("edited", { number: 12, body: "### We believe\n\nA reorder button on past orders\n\n### By how much\n\n+8% repeat purchases" });

    expect(counts).toEqual({ ...NOTHING, done: 1 });
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ byHowMuch: "+8% repeat purchases" });
    expect(await pendingJobs(h, "check-pr")).toBe(0);
  });

  it("re-checks the open PRs that reference a hypothesis whose title changed, since their check names it", async () => {
    await pullRequestNames(7, "#12");
    const update = recheckReads(7, "#12", { title: "Returning customers reorder within a week" });

    const counts = await issueEvent("edited", { number: 12, title: "Returning customers reorder within a week" });

    expect(counts).toEqual({ ...NOTHING, done: 2 });
    expect(update.body.output.summary).toContain("Returning customers reorder within a week");
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ title: "Returning customers reorder within a week" });
  });

  it("ignores an older copy of the issue that arrives late", async () => {
    await pullRequestNames(7, "#12");

    const counts = await issueEvent("closed", { number: 12, state: "closed", updatedAt: "2026-01-15T10:00:00Z" });

    expect(counts).toEqual({ ...NOTHING, done: 1 });
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ state: "open" });
    expect(await pendingJobs(h, "check-pr")).toBe(0);
  });
});

describe("checks read hypotheses from the mirror", () => {
  it("trusts a hypothesis mirrored within the day, and asks GitHub again once the mirror is older", async () => {
    nockConfig(SHOP, null);
    await issueEvent("opened", { number: 12, labels: ["hypothesis"] });
    // The check reads the PR; the config and the issue come from what the issue event stored.
    nockCheckReads({ number: 7, body: "Hypothesis: #12", headSha: sha(7), config: "cached" });
    const created = nockCreateCheckRun(SHOP, checkRunId(7));
    await h.receive("pull_request", pullRequestEvent("opened", { number: 7, body: "Hypothesis: #12", headSha: sha(7) }));
    await h.drain();
    expect(created.body).toMatchObject({ conclusion: "success", output: { title: "Serves acme/shop#12" } });

    await h.time.advanceSeconds(MIRROR_TRUSTED_MS / 1000 + 1);
    nockCheckReads({ number: 7, body: "Hypothesis: #12", headSha: sha(7) });
    nockIssue(SHOP, 12, { state: "closed", updatedAt: "2026-03-02T18:00:00Z" });
    nockOpenHypotheses(SHOP, []);
    const update = nockUpdateCheckRun(SHOP, checkRunId(7));
    await h.receive("pull_request", pullRequestEvent("edited", { number: 7, body: "Hypothesis: #12", headSha: sha(7) }));
    await h.drain();

    expect(update.body).toMatchObject({ conclusion: "failure", output: { title: "Hypothesis reference is not valid — acme/shop#12 is closed" } });
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ state: "closed" });
  });

  it("keeps a known hypothesis true to GitHub while the repository's config is invalid, acting on nothing", async () => {
    await pullRequestNames(7, "#12");
    await h.receive("push", pushEvent({ files: [[".github/senseloop.yml"]] }));
    await h.drain();
    nockContents(SHOP.fullName, ".github/senseloop.yml", "mode: sometimes\n");

    const counts = await issueEvent("closed", { number: 12, state: "closed" });

    expect(counts).toEqual({ ...NOTHING, done: 1 });
    expect(await hypothesisRow(h, SHOP, 12)).toMatchObject({ state: "closed" });
    expect(await pendingJobs(h, "check-pr")).toBe(0);
  });
});
