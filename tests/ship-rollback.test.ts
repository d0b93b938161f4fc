import { describe, expect, it } from "vitest";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { deployBaseline, nockHypothesis, nockRange, nockShippedPrs, senseItemPrRows, senseItemRows, shipRows } from "./helpers/ship-flow.js";
import { nockCompare, nockCreateComment, nockCreateIssue, nockUpdateIssue, sha } from "./helpers/ship-github.js";
import { deploymentStatusEvent } from "./helpers/ship-payloads.js";
import { jobsIn } from "./helpers/state.js";

const h = useHarness();

const REVERT_OF_7 = `Revert "Add reorder button (#7)" (#10)\n\nThis reverts commit ${sha(2)}.`;

/** Baseline sha(1), then deploy 2 ships sha(2) (#7, hypothesis #12) and opens sense issue #100. */
async function shipPr7() {
  await deployBaseline(h);
  nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
  nockShippedPrs({ 7: "Hypothesis: #12" });
  nockHypothesis();
  nockCreateIssue(SHOP, 100);
  nockCreateComment(SHOP, 12);
  await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), at: "2026-03-03T09:00:00Z" }));
  await h.drain();
}

describe("rollbacks", () => {
  it("marks the item rolled back when a deploy goes behind: nothing opened, body updated, one rollback comment", async () => {
    await shipPr7();
    nockCompare(SHOP, sha(2), sha(1), "behind", [], { behindBy: 1 });
    nockCompare(SHOP, sha(1), sha(2), "ahead", [{ sha: sha(2), message: "Add reorder button (#7)" }]);
    const update = nockUpdateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 100);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 3, sha: sha(1), at: "2026-03-04T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).at(-1)).toMatchObject({ kind: "rollback", baseSha: sha(2), sha: sha(1), prNumbers: [7] });
    const [item] = await senseItemRows(h);
    expect(item!.state).toBe("rolled_back");
    expect(item!.rolledBackAt?.toISOString()).toBe("2026-03-04T09:00:00.000Z");
    expect(update.calls).toHaveLength(1);
    expect(update.body.body).toContain("> This work was rolled back from production. No reminder will come; what the team learned from it is still worth recording with `/respond`.");
    expect(update.body.body).toContain("- ~~[#7](https://github.com/acme/shop/pull/7) PR 7~~ (left production)");
    expect(comment.calls).toHaveLength(1);
    expect(comment.body.body).toMatch(/^This work left production in \[deployment 3\]\(https:\/\/ci\.example\.com\/deploys\/3\) \(rolled back or reverted\)\./);
    expect(comment.body.body).toMatch(/<!-- senseloop:comment key=rolled-back:1:2026-03-04T09:00:00\.000Z -->$/);
  });

  it("moves a rolled-back item back to sensing when its work ships again, and says so on the sense issue", async () => {
    await shipPr7();
    nockCompare(SHOP, sha(2), sha(1), "behind", [], { behindBy: 1 });
    nockCompare(SHOP, sha(1), sha(2), "ahead", [{ sha: sha(2), message: "Add reorder button (#7)" }]);
    nockUpdateIssue(SHOP, 100);
    nockCreateComment(SHOP, 100);
    await h.receive("deployment_status", deploymentStatusEvent({ id: 3, sha: sha(1), at: "2026-03-04T09:00:00Z" }));
    await h.drain();

    // Shipping sha(2) again: its commit-to-PR lookup is cached.
    nockCompare(SHOP, sha(1), sha(2), "ahead", [{ sha: sha(2), message: "Add reorder button (#7)" }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    const update = nockUpdateIssue(SHOP, 100);
    const again = nockCreateComment(SHOP, 100);
    await h.receive("deployment_status", deploymentStatusEvent({ id: 4, sha: sha(2), at: "2026-03-05T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    const [item] = await senseItemRows(h);
    expect([item!.state, item!.rolledBackAt, item!.dueAt.toISOString()]).toEqual(["sensing", null, "2026-03-17T09:00:00.000Z"]);
    expect((await senseItemPrRows(h)).map((p) => [p.prNumber, p.left])).toEqual([[7, false]]);
    expect(update.body.body).not.toContain("rolled back");
    expect(update.body.body).toContain("- [#7](https://github.com/acme/shop/pull/7) PR 7");
    expect(update.body.body).toContain("First shipped in [deployment 2]");
    expect(again.calls).toHaveLength(1);
    expect(again.body.body).toMatch(/^More work for this hypothesis shipped to production in \[deployment 4\]/);
  });
});

describe("reverts", () => {
  it("does not count a PR reverted in the same range: no sense issue when it was the only PR", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(3), [
      { sha: sha(2), message: "Add reorder button (#7)", prs: [7] },
      { sha: sha(3), message: `Revert "Add reorder button (#7)"\n\nThis reverts commit ${sha(2)}.`, prs: [10] },
    ]);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(3), at: "2026-03-03T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).at(-1)).toMatchObject({ kind: "ahead", commitCount: 2, prNumbers: [] });
    expect(await senseItemRows(h)).toEqual([]);
    expect(await jobsIn(h, "sense-issue")).toBe(0);
  });

  it("still ships the other PRs of a range in which one PR was reverted", async () => {
    await deployBaseline(h);
    nockRange(sha(1), sha(4), [
      { sha: sha(2), message: "Add reorder button (#7)", prs: [7] },
      { sha: sha(3), message: "Remember last basket (#8)", prs: [8] },
      { sha: sha(4), message: `Revert "Add reorder button (#7)"`, prs: [10] },
    ]);
    nockShippedPrs({ 8: "Hypothesis: #12" });
    nockHypothesis();
    const issue = nockCreateIssue(SHOP, 100);
    nockCreateComment(SHOP, 12);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(4), at: "2026-03-03T09:00:00Z" }));
    await h.drain();

    expect((await shipRows(h)).at(-1)).toMatchObject({ prNumbers: [8] });
    expect(issue.body.body).toContain("[#8](https://github.com/acme/shop/pull/8) PR 8");
    expect(issue.body.body).not.toContain("#7");
  });

  it("rolls back the item of a PR that shipped earlier and is reverted in a later deploy", async () => {
    await shipPr7();
    // The reverted commit is outside this range: its PR comes from the cache, not from GitHub.
    nockRange(sha(2), sha(3), [{ sha: sha(3), message: REVERT_OF_7, prs: [10] }]);
    const update = nockUpdateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 100);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 3, sha: sha(3), at: "2026-03-04T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).at(-1)).toMatchObject({ kind: "ahead", prNumbers: [] });
    const [item] = await senseItemRows(h);
    expect([item!.state, item!.rolledBackAt?.toISOString()]).toEqual(["rolled_back", "2026-03-04T09:00:00.000Z"]);
    expect(update.body.body).toContain("- ~~[#7](https://github.com/acme/shop/pull/7) PR 7~~ (left production)");
    expect(comment.body.body).toMatch(/^This work left production in \[deployment 3\]/);
  });

  it("re-links the PR when a revert of its revert ships: the item is sensing again and the PR listed as live", async () => {
    await shipPr7();
    nockRange(sha(2), sha(3), [{ sha: sha(3), message: REVERT_OF_7, prs: [10] }]);
    nockUpdateIssue(SHOP, 100);
    nockCreateComment(SHOP, 100);
    await h.receive("deployment_status", deploymentStatusEvent({ id: 3, sha: sha(3), at: "2026-03-04T09:00:00Z" }));
    await h.drain();

    // The revert it reverts is outside this range: its PR (#10) comes from the cache.
    nockRange(sha(3), sha(4), [{ sha: sha(4), message: `Revert "Revert "Add reorder button (#7)" (#10)" (#11)\n\nThis reverts commit ${sha(3)}.`, prs: [11] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    const update = nockUpdateIssue(SHOP, 100);
    const again = nockCreateComment(SHOP, 100);
    await h.receive("deployment_status", deploymentStatusEvent({ id: 4, sha: sha(4), at: "2026-03-05T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).at(-1)).toMatchObject({ kind: "ahead", prNumbers: [7] });
    const [item] = await senseItemRows(h);
    expect([item!.state, item!.rolledBackAt]).toEqual(["sensing", null]);
    expect((await senseItemPrRows(h)).map((p) => [p.prNumber, p.left])).toEqual([[7, false]]);
    expect(update.body.body).toContain("- [#7](https://github.com/acme/shop/pull/7) PR 7");
    expect(again.body.body).toMatch(/^More work for this hypothesis shipped to production in \[deployment 4\]/);
  });
});
