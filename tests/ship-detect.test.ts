import { describe, expect, it } from "vitest";
import { LOOKUPS_PER_JOB } from "../src/services/ship-detect.js";
import { nockConfig } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { cachedCommitRows, deployBaseline, environmentRow, nockHypothesis, nockRange, nockShippedPrs, senseItemPrRows, senseItemRows, senseMarker, shipRows, type RangeCommit } from "./helpers/ship-flow.js";
import { nockCompare, nockCreateComment, nockCreateIssue, nockDeployments, nockDeploymentState, sha } from "./helpers/ship-github.js";
import { deploymentStatusEvent } from "./helpers/ship-payloads.js";
import { jobsIn } from "./helpers/state.js";

const h = useHarness();

/** The sense issue's job after a ship of #7 (and more) for hypothesis #12: issue, comment (its config read is cached by then). */
function nockSenseIssue(number = 100) {
  const issue = nockCreateIssue(SHOP, number);
  const comment = nockCreateComment(SHOP, 12);
  return { issue, comment };
}

/** `count` commits after sha(1): commit i is sha(1000 + i); the PRs of some commits given. */
function longRange(count: number, prs: Record<number, number[]>): RangeCommit[] {
  return Array.from({ length: count }, (_, i) => ({ sha: sha(1000 + i), message: `Commit ${i}`, prs: prs[i] ?? [] }));
}

describe("ship detection: where a ship starts from", () => {
  it("records the first deploy seen as the baseline: nothing compared, nothing opened", async () => {
    nockConfig(SHOP, null);
    nockDeployments(SHOP, "production", [{ id: 1, sha: sha(1), createdAt: "2026-03-02T09:00:00Z" }]);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), at: "2026-03-02T09:30:00Z" }));
    const counts = await h.drain();

    expect(counts).toMatchObject({ dead: 0, retry: 0 });
    expect(await environmentRow(h)).toMatchObject({ liveSha: sha(1), liveSince: new Date("2026-03-02T09:30:00Z") });
    expect((await shipRows(h)).map((s) => [s.kind, s.sha, s.baseSha, s.prNumbers])).toEqual([["baseline", sha(1), null, []]]);
    expect(await senseItemRows(h)).toEqual([]);
    expect(await jobsIn(h, "sense-issue")).toBe(0);
  });

  it("compares from the previous successful deployment made after installation when no live SHA is recorded", async () => {
    // The app was installed when this delivery was first processed (09:00); deployment 4 at 09:30 was missed.
    nockConfig(SHOP, null);
    nockDeployments(SHOP, "production", [
      { id: 5, sha: sha(5), createdAt: "2026-03-02T09:55:00Z" },
      { id: 4, sha: sha(4), createdAt: "2026-03-02T09:30:00Z" },
      { id: 3, sha: sha(3), createdAt: "2026-02-20T10:00:00Z" },
    ]);
    nockDeploymentState(SHOP, 4, "inactive");
    nockRange(sha(4), sha(5), [{ sha: sha(5), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    const { issue } = nockSenseIssue();

    await h.receive("deployment_status", deploymentStatusEvent({ id: 5, sha: sha(5), at: "2026-03-02T10:00:00Z" }));
    await h.drain();

    expect((await shipRows(h)).map((s) => [s.kind, s.baseSha, s.prNumbers])).toEqual([["ahead", sha(4), [7]]]);
    expect(issue.body.body).toContain("[#7](https://github.com/acme/shop/pull/7) PR 7");
    expect((await environmentRow(h))?.liveSha).toBe(sha(5));
  });

  it("records a baseline when the only earlier successful deployment was made before installation", async () => {
    nockConfig(SHOP, null);
    nockDeployments(SHOP, "production", [
      { id: 5, sha: sha(5), createdAt: "2026-03-02T09:55:00Z" },
      { id: 4, sha: sha(4), createdAt: "2026-03-02T09:30:00Z" },
      { id: 3, sha: sha(3), createdAt: "2026-02-20T10:00:00Z" },
    ]);
    // Deployment 4 failed, so it is skipped; deployment 3 is older than the installation.
    nockDeploymentState(SHOP, 4, "failure");

    await h.receive("deployment_status", deploymentStatusEvent({ id: 5, sha: sha(5), at: "2026-03-02T10:00:00Z" }));
    await h.drain();

    expect((await shipRows(h)).map((s) => [s.kind, s.baseSha])).toEqual([["baseline", null]]);
    expect((await environmentRow(h))?.liveSha).toBe(sha(5));
    expect(await senseItemRows(h)).toEqual([]);
  });

  it("does nothing but record an identical redeploy of the live SHA", async () => {
    await deployBaseline(h);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(1), at: "2026-03-03T09:00:00Z" }));
    await h.drain();

    expect((await shipRows(h)).map((s) => [s.sourceRef, s.kind])).toEqual([
      ["1", "baseline"],
      ["2", "identical"],
    ]);
    expect(await senseItemRows(h)).toEqual([]);
  });

  it("treats an older deployment arriving after a newer one as superseded, not as a rollback", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(3), [
      { sha: sha(2), message: "Add reorder button (#7)", prs: [7] },
      { sha: sha(3), message: "Remember last basket (#8)", prs: [8] },
    ]);
    nockShippedPrs({ 7: "Hypothesis: #12", 8: "Refactor" });
    nockHypothesis();
    nockSenseIssue();
    await h.receive("deployment_status", deploymentStatusEvent({ id: 3, sha: sha(3), at: "2026-03-02T11:00:00Z" }));
    await h.drain();

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), at: "2026-03-02T10:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).map((s) => [s.sourceRef, s.kind])).toEqual([
      ["1", "baseline"],
      ["3", "ahead"],
      ["2", "superseded"],
    ]);
    expect((await environmentRow(h))?.liveSha).toBe(sha(3));
    expect((await senseItemRows(h)).map((i) => [i.state, i.rolledBackAt])).toEqual([["sensing", null]]);
    expect((await senseItemPrRows(h)).map((p) => [p.prNumber, p.left])).toEqual([[7, false]]);
  });

  it("keeps the live time when a late copy of the live SHA arrives, so an older deploy after it is still superseded", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(3), [{ sha: sha(3), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    nockSenseIssue();
    await h.receive("deployment_status", deploymentStatusEvent({ id: 3, sha: sha(3), at: "2026-03-02T11:00:00Z" }));
    await h.drain();

    // A redeploy of sha(3) that finished at 10:30, then a deploy of sha(1) that finished at 10:45, both reported late.
    await h.receive("deployment_status", deploymentStatusEvent({ id: 4, sha: sha(3), at: "2026-03-02T10:30:00Z" }));
    await h.drain();
    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(1), at: "2026-03-02T10:45:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).map((s) => [s.sourceRef, s.kind])).toEqual([
      ["1", "baseline"],
      ["3", "ahead"],
      ["4", "identical"],
      ["2", "superseded"],
    ]);
    expect(await environmentRow(h)).toMatchObject({ liveSha: sha(3), liveSince: new Date("2026-03-02T11:00:00Z") });
    expect((await senseItemRows(h)).map((i) => i.state)).toEqual(["sensing"]);
  });

  it("ships the commits between the merge base and the new head when the deploy diverged", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(5), [{ sha: sha(5), message: "Add reorder button (#7)", prs: [7] }], "diverged");
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    const { issue } = nockSenseIssue();

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(5), at: "2026-03-03T09:00:00Z" }));
    await h.drain();

    expect((await shipRows(h))[1]).toMatchObject({ kind: "diverged", baseSha: sha(1), prNumbers: [7] });
    expect(issue.calls).toHaveLength(1);
  });
});

describe("ship detection: which deploys count", () => {
  it("ignores a successful deploy to an environment that is not configured (staging)", async () => {
    nockConfig(SHOP, null);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), environment: "staging" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(await shipRows(h)).toEqual([]);
    expect(await environmentRow(h, "staging")).toBeUndefined();
  });

  it.each([
    ["a transient environment", { transient: true }],
    ["a failed deploy", { state: "failure" }],
    ["a deploy still in progress", { state: "in_progress" }],
    ["an errored deploy", { state: "error" }],
  ])("queues nothing and calls nothing for %s", async (_name, o) => {
    await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), ...o }));
    await h.drain();

    expect(await jobsIn(h, "ship")).toBe(0);
    expect(await shipRows(h)).toEqual([]);
  });

  it("matches environments by glob: prod-* ships prod-eu and ignores production", async () => {
    const config = 'ship:\n  environments: ["prod-*"]\n';
    await deployBaseline(h, { environment: "prod-eu", config });
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), environment: "prod-eu", at: "2026-03-03T09:00:00Z" }));
    await h.receive("deployment_status", deploymentStatusEvent({ id: 3, sha: sha(2), environment: "production", at: "2026-03-03T09:00:00Z" }));
    await h.drain();

    expect(issue.body.body).toContain("shipped to **prod-eu**");
    expect(issue.body.body).toContain(senseMarker("prod-eu"));
    expect(comment.body.body).toMatch(/^Shipped to prod-eu in \[deployment 2\]/);
    expect((await senseItemRows(h)).map((i) => i.environment)).toEqual(["prod-eu"]);
    expect((await shipRows(h)).map((s) => [s.environment, s.kind])).toEqual([
      ["prod-eu", "baseline"],
      ["prod-eu", "ahead"],
    ]);
    expect(await environmentRow(h, "production")).toBeUndefined();
  });
});

describe("ship detection: large deploys", () => {
  it("reads every page of a 300-commit compare and maps every commit", async () => {
    await deployBaseline(h);
    const commits = longRange(300, { 5: [8], 150: [9], 299: [7] });
    const head = commits.at(-1)!.sha;
    nockRange(sha(1), head, commits);
    // More lookups than one job may make: the next job reads the compare again and continues from the cache.
    nockCompare(SHOP, sha(1), head, "ahead", commits);
    nockShippedPrs({ 7: "Hypothesis: #12", 8: "Hypothesis: #12", 9: "Cleanup" });
    nockHypothesis();
    const { issue } = nockSenseIssue();

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: head, at: "2026-03-03T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(await cachedCommitRows(h)).toHaveLength(300);
    expect((await shipRows(h))[1]).toMatchObject({ kind: "ahead", commitCount: 300, prNumbers: [8, 9, 7] });
    expect(issue.body.body).toContain("- [#7](https://github.com/acme/shop/pull/7) PR 7\n- [#8](https://github.com/acme/shop/pull/8) PR 8");
  });

  // 510 commit lookups across three jobs, each mocked and contract-checked: slow on a busy machine.
  it("continues a deploy needing more lookups than one job may make in further jobs, never looking a commit up twice", async () => {
    await deployBaseline(h);
    const count = 2 * LOOKUPS_PER_JOB + 10;
    const commits = longRange(count, { 0: [7], [count - 1]: [8] });
    const head = commits.at(-1)!.sha;
    // Each job reads the compare again (three jobs); each commit's PRs are mocked once, so a second lookup fails the test.
    nockRange(sha(1), head, commits);
    for (let job = 2; job <= 3; job++) {
      nockCompare(SHOP, sha(1), head, "ahead", commits);
    }
    nockShippedPrs({ 7: "Hypothesis: #12", 8: "Hypothesis: #12" });
    nockHypothesis();
    const { issue } = nockSenseIssue();

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: head, at: "2026-03-03T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts).toMatchObject({ dead: 0, retry: 0 });
    // The baseline's job, then three for this deploy.
    expect(await jobsIn(h, "ship")).toBe(4);
    expect(await cachedCommitRows(h)).toHaveLength(count);
    const ships = await shipRows(h);
    expect(ships).toHaveLength(2);
    expect(ships[1]).toMatchObject({ kind: "ahead", commitCount: count, prNumbers: [7, 8] });
    expect(issue.calls).toHaveLength(1);
    expect((await environmentRow(h))?.liveSha).toBe(head);
  }, 120_000);
});
