import { describe, expect, it } from "vitest";
import { CONFIG_TRUSTED_MS } from "../../src/services/config-cache.js";
import { budgetWorld, describeCalls, sweepNow, type Call, type World } from "../helpers/budget-world.js";
import { useHarness } from "../helpers/harness.js";
import { deliveryRow } from "../helpers/state.js";

/**
 * GitHub calls per event, counted in the stand-in's request log (the installation token, asked
 * for once an hour, is not counted). Each budget is the most an event may cost; a change that
 * adds a call fails here and must say why in the budget. acme/shop has its own
 * `.github/senseloop.yml`, so one config file is read; a repository without one costs one more
 * read (the organisation's `.github`), on the same terms.
 */

const h = useHarness();

/** Dashboards off: their refresh is a debounced job of its own, a day later in tests. */
const CONFIG = "dashboard:\n  issue: false\n";
const FIELDS = { belief: "Showing returning customers their last basket", who: "Returning customers", "does-what": "Reorder a past basket", "by-how-much": "Repeat purchases +5%" };
const PAST_THE_CONFIG_BOUND = CONFIG_TRUSTED_MS / 1000 + 1;

/** pull_request opened: the PR (1), the config when its ten minutes have passed (1, a 304 when unchanged), the check run created (1, the only write). */
const PR_OPENED = 3;
/** pull_request edited: the PR (1), the config when stale (1), the check run updated only when its result changed (≤ 1). */
const PR_EDITED = 3;
/** pull_request synchronize, with the push that caused it (0 calls): the PR (1), the config when stale (1), the new head's check run (1). */
const PR_SYNCHRONIZE = 3;
/** issues edited, a hypothesis's title: the config when stale (1), then the re-check of the PR naming it: the PR (1), its check run updated (1). */
const ISSUE_EDITED = 3;
/**
 * deployment_status of a deploy shipping one PR merged with a merge commit: the config when
 * stale (1), the compare (1), each new commit's PRs (3: the PR's commit, the merge commit, and
 * the push before it; looked up once for good), the sense issue (1) and the "shipped" comment
 * on the hypothesis (1).
 */
const DEPLOYMENT_STATUS = 7;
/** The sweep with one item due: the config, stale after days (1, a 304), the reminder (1), the overdue label (1). */
const SWEEP_ONE_DUE = 3;
/**
 * issue_comment `/respond`: the config when stale (1), then its writes: the 👍 (1), the summary
 * (1), the overdue label removed (1), the sense issue closed (1), the decision on the hypothesis
 * (1) and its label (1).
 */
const RESPOND = 7;
/** A delivery GitHub sends again under the same id: recorded as a duplicate, nothing else. */
const DUPLICATE = 0;

const writes = (calls: readonly Call[]) => calls.filter((c) => c.method !== "GET");

/** What happens on GitHub before each measured event: a hypothesis, a baseline deploy, a branch with a PR naming #1. */
async function world(): Promise<World & { pr: number }> {
  const w = await budgetWorld(h, CONFIG);
  const g = w.github;
  await w.measure(() => g.submitIssueForm({ repo: "acme/shop", actor: "pam", title: "Hypothesis: reorder", fields: FIELDS }));
  await w.measure(() => deploy(w, g.state.requireRepo("acme/shop").git.branches.get("main")!));
  await w.measure(() => g.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Add reorder", files: { "reorder.js": "reorder()\n" } }] }));
  let pr = 0;
  await w.measure(() => {
    pr = g.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button", body: "Hypothesis: #1" }).number;
  });
  return { ...w, pr };
}

/** A successful deployment of `ref` to production, as a pipeline reports it. */
function deploy(w: World, ref: string) {
  const g = w.github;
  const { id } = g.createDeployment({ repo: "acme/shop", actor: "pam", ref, environment: "production", required_contexts: [] });
  g.setDeploymentStatus({ repo: "acme/shop", actor: "pam", deploymentId: id, state: "success", log_url: `https://ci.example.com/deploys/${id}` });
}

function within(calls: readonly Call[], budget: number, maxWrites = Infinity) {
  const seen = describeCalls(calls);
  expect(seen.length, `calls:\n${seen.join("\n")}`).toBeLessThanOrEqual(budget);
  expect(writes(calls).length, `writes:\n${describeCalls(writes(calls)).join("\n")}`).toBeLessThanOrEqual(maxWrites);
}

describe("GitHub calls per event", () => {
  it(`pull_request opened: at most ${PR_OPENED}, one write`, async () => {
    const w = await budgetWorld(h, CONFIG);
    await w.measure(() => w.github.submitIssueForm({ repo: "acme/shop", actor: "pam", title: "Hypothesis: reorder", fields: FIELDS }));
    await w.measure(() => w.github.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Add reorder", files: { "reorder.js": "reorder()\n" } }] }));
    await h.time.advanceSeconds(PAST_THE_CONFIG_BOUND);

    const calls = await w.measure(() => w.github.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button", body: "Hypothesis: #1" }));

    within(calls, PR_OPENED, 1);
    expect(describeCalls(writes(calls))).toEqual(["POST /repos/{owner}/{repo}/check-runs → 201"]);
  });

  it("pull_request opened in a repository whose config was read minutes ago costs fewer calls than the first (warm cache)", async () => {
    const w = await budgetWorld(h, CONFIG);
    const g = w.github;
    await w.measure(() => g.submitIssueForm({ repo: "acme/shop", actor: "pam", title: "Hypothesis: reorder", fields: FIELDS }));
    await w.measure(() => g.push({ repo: "acme/shop", actor: "alice", branch: "a", commits: [{ message: "A", files: { "a.js": "a\n" } }] }));
    await w.measure(() => g.push({ repo: "acme/shop", actor: "alice", branch: "b", commits: [{ message: "B", files: { "b.js": "b\n" } }] }));
    await h.time.advanceSeconds(PAST_THE_CONFIG_BOUND);

    const first = await w.measure(() => g.openPullRequest({ repo: "acme/shop", actor: "alice", head: "a", title: "A", body: "Hypothesis: #1" }));
    const second = await w.measure(() => g.openPullRequest({ repo: "acme/shop", actor: "alice", head: "b", title: "B", body: "Hypothesis: #1" }));

    expect(second.length).toBeLessThan(first.length);
    expect(describeCalls(second)).toEqual(["GET /repos/{owner}/{repo}/pulls/{pull_number} → 200", "POST /repos/{owner}/{repo}/check-runs → 201"]);
  });

  it(`pull_request edited: at most ${PR_EDITED}, one write`, async () => {
    const w = await world();
    await h.time.advanceSeconds(PAST_THE_CONFIG_BOUND);

    const calls = await w.measure(() => w.github.editPullRequest({ repo: "acme/shop", actor: "alice", number: w.pr, title: "Reorder button (Hypothesis: #1)" }));

    within(calls, PR_EDITED, 1);
  });

  it(`pull_request synchronize: at most ${PR_SYNCHRONIZE}, one write`, async () => {
    const w = await world();
    await h.time.advanceSeconds(PAST_THE_CONFIG_BOUND);

    const calls = await w.measure(() => w.github.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Tidy", files: { "reorder.js": "reorder(basket)\n" } }] }));

    within(calls, PR_SYNCHRONIZE, 1);
    expect(describeCalls(writes(calls))).toEqual(["POST /repos/{owner}/{repo}/check-runs → 201"]);
  });

  it(`issues edited: at most ${ISSUE_EDITED}, one write`, async () => {
    const w = await world();
    await h.time.advanceSeconds(PAST_THE_CONFIG_BOUND);

    const calls = await w.measure(() => w.github.editIssue({ repo: "acme/shop", actor: "pam", number: 1, title: "Hypothesis: returning customers reorder" }));

    within(calls, ISSUE_EDITED, 1);
    expect(describeCalls(writes(calls))).toEqual(["PATCH /repos/{owner}/{repo}/check-runs/{check_run_id} → 200"]);
  });

  it(`deployment_status: at most ${DEPLOYMENT_STATUS}`, async () => {
    const w = await world();
    await w.measure(() => w.github.mergePullRequest({ repo: "acme/shop", actor: "pam", number: w.pr }));
    await h.time.advanceSeconds(PAST_THE_CONFIG_BOUND);

    const calls = await w.measure(() => deploy(w, "main"));

    within(calls, DEPLOYMENT_STATUS);
    expect(describeCalls(writes(calls))).toEqual(["POST /repos/{owner}/{repo}/issues → 201", "POST /repos/{owner}/{repo}/issues/{issue_number}/comments → 201"]);
  });

  it(`the sweep with one item due: at most ${SWEEP_ONE_DUE}`, async () => {
    const w = await world();
    await w.measure(() => w.github.mergePullRequest({ repo: "acme/shop", actor: "pam", number: w.pr }));
    await w.measure(() => deploy(w, "main"));
    await h.time.advanceDays(15);

    const calls = await w.measure(() => sweepNow(h));

    within(calls, SWEEP_ONE_DUE);
    expect(writes(calls)).toHaveLength(2);
  });

  it(`issue_comment /respond: at most ${RESPOND}`, async () => {
    const w = await world();
    await w.measure(() => w.github.mergePullRequest({ repo: "acme/shop", actor: "pam", number: w.pr }));
    await w.measure(() => deploy(w, "main"));
    await h.time.advanceDays(15);
    await w.measure(() => sweepNow(h));
    await h.time.advanceSeconds(PAST_THE_CONFIG_BOUND);
    const sense = w.github.state.requireRepo("acme/shop").issues.find((i) => i.title.startsWith("Sense:"))!;

    const calls = await w.measure(() => w.github.comment({ repo: "acme/shop", actor: "pam", number: sense.number, body: "/respond persevere Repeat purchases rose 6% among returning customers" }));

    within(calls, RESPOND);
  });

  it(`a delivery GitHub sends again: ${DUPLICATE} calls`, async () => {
    const w = await world();
    const [opened] = w.github.deliveries({ event: "pull_request" });

    const calls = await w.measure(() => w.github.redeliver({ id: opened!.id }));

    expect(describeCalls(calls)).toEqual([]);
    expect(calls.length).toBeLessThanOrEqual(DUPLICATE);
    expect((await deliveryRow(h, opened!.guid))?.duplicates).toBe(1);
  });
});
