import { describe, expect, it } from "vitest";
import { nockConfig, nockCreateCheckRun, nockPullRequest } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { pullRequestEvent } from "./helpers/payloads.js";
import { deployBaseline, nockHypothesis, nockRange, nockShippedPrs, senseItemPrRows, senseItemRows, shipRows } from "./helpers/ship-flow.js";
import { nockCreateComment, nockCreateIssue, nockResolveCommit, sha } from "./helpers/ship-github.js";
import { deploymentStatusEvent, releaseEvent } from "./helpers/ship-payloads.js";
import { jobsIn } from "./helpers/state.js";

const h = useHarness();

const RELEASES = "ship:\n  on: [release]\n";
const MERGES = "mode: off\nship:\n  on: [merge]\n";
const DEPLOYS_AND_MERGES = "ship:\n  on: [deployment, merge]\n";

const merged = (o: { number?: number; baseRef?: string; mergeCommitSha?: string } = {}) => ({
  number: 7,
  state: "closed" as const,
  merged: true,
  mergedAt: "2026-03-02T12:00:00Z",
  mergeCommitSha: sha(2),
  body: "Hypothesis: #12",
  ...o,
});

describe("ship sources: releases", () => {
  it("ships the commits since the last release when a release is published", async () => {
    nockConfig(SHOP, RELEASES);
    nockResolveCommit(SHOP, "v1.0.0", sha(1));
    await h.receive("release", releaseEvent("published", { tag: "v1.0.0", at: "2026-03-02T09:00:00Z" }));
    await h.drain();
    nockResolveCommit(SHOP, "v1.1.0", sha(2));
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);

    await h.receive("release", releaseEvent("published", { tag: "v1.1.0", at: "2026-03-03T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).map((s) => [s.source, s.sourceRef, s.environment, s.kind, s.sha])).toEqual([
      ["release", "v1.0.0", "production", "baseline", sha(1)],
      ["release", "v1.1.0", "production", "ahead", sha(2)],
    ]);
    expect(issue.body.body).toContain("First shipped in [release v1.1.0](https://github.com/acme/shop/releases/tag/v1.1.0)");
    expect(comment.body.body).toMatch(/^Shipped to production in \[release v1\.1\.0\]\(https:\/\/github\.com\/acme\/shop\/releases\/tag\/v1\.1\.0\); sensing until 2026-03-17; follow-up in #100\./);
  });

  it("ships a pre-release once it is promoted to a release (release.released), and once only when GitHub also sends published", async () => {
    nockConfig(SHOP, RELEASES);
    nockResolveCommit(SHOP, "v1.0.0", sha(1));
    await h.receive("release", releaseEvent("published", { tag: "v1.0.0", at: "2026-03-02T09:00:00Z" }));
    await h.drain();
    await h.receive("release", releaseEvent("published", { tag: "v1.1.0", prerelease: true, at: "2026-03-03T09:00:00Z" }));
    await h.drain();
    const beforePromotion = await shipRows(h);
    nockResolveCommit(SHOP, "v1.1.0", sha(2));
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    const issue = nockCreateIssue(SHOP, 100);
    nockCreateComment(SHOP, 12);

    await h.receive("release", releaseEvent("released", { tag: "v1.1.0", at: "2026-03-03T09:00:00Z" }));
    await h.drain();
    const afterPromotion = await shipRows(h);
    await h.receive("release", releaseEvent("published", { tag: "v1.1.0", at: "2026-03-03T09:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(beforePromotion.map((s) => s.sourceRef)).toEqual(["v1.0.0"]);
    expect(afterPromotion.map((s) => s.sourceRef)).toEqual(["v1.0.0", "v1.1.0"]);
    expect((await shipRows(h)).map((s) => [s.source, s.sourceRef, s.kind, s.sha])).toEqual([
      ["release", "v1.0.0", "baseline", sha(1)],
      ["release", "v1.1.0", "ahead", sha(2)],
    ]);
    expect(issue.body.body).toContain("First shipped in [release v1.1.0](https://github.com/acme/shop/releases/tag/v1.1.0)");
  });

  it.each([
    ["a draft", { draft: true }],
    ["a pre-release", { prerelease: true }],
  ])("ignores %s", async (_name, o) => {
    await h.receive("release", releaseEvent("published", { tag: "v2.0.0-rc.1", ...o }));
    await h.drain();

    expect(await jobsIn(h, "ship")).toBe(0);
    expect(await shipRows(h)).toEqual([]);
  });

  it("ignores deployments when only releases ship", async () => {
    nockConfig(SHOP, RELEASES);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1) }));
    await h.drain();

    expect(await shipRows(h)).toEqual([]);
  });
});

describe("ship sources: merges", () => {
  it("ships a PR merged into the default branch at merge time", async () => {
    // The PR event also queues its check: closed PRs are only recorded.
    nockPullRequest(merged());
    nockConfig(SHOP, MERGES);
    // The check never evaluated it (mode: off), so the ship reads the PR once from GitHub.
    nockShippedPrs({ 7: "Hypothesis: #12" });
    nockHypothesis();
    const issue = nockCreateIssue(SHOP, 100);
    const comment = nockCreateComment(SHOP, 12);

    await h.receive("pull_request", pullRequestEvent("closed", merged()));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect((await shipRows(h)).map((s) => [s.source, s.sourceRef, s.kind, s.sha, s.shippedAt.toISOString(), s.prNumbers])).toEqual([["merge", "7", "merge", sha(2), "2026-03-02T12:00:00.000Z", [7]]]);
    expect(issue.body.body).toContain("First shipped in [the merge of #7](https://github.com/acme/shop/pull/7)");
    expect(issue.body.body).toContain("**Respond by 2026-03-16**");
    expect(comment.body.body).toMatch(/^Shipped to production in \[the merge of #7\]\(https:\/\/github\.com\/acme\/shop\/pull\/7\); sensing until 2026-03-16; follow-up in #100\./);
  });

  it.each([
    ["merged into another branch", merged({ baseRef: "release-1.x" })],
    ["closed without merging", { number: 7, state: "closed" as const, merged: false }],
  ])("ships nothing for a PR %s", async (_name, pr) => {
    nockPullRequest(pr);
    nockConfig(SHOP, MERGES);

    await h.receive("pull_request", pullRequestEvent("closed", pr));
    await h.drain();

    expect(await jobsIn(h, "ship")).toBe(0);
  });

  it("counts a PR shipped by its merge and then by the deploy once: no 'more shipped' comment", async () => {
    await deployBaseline(h, { config: DEPLOYS_AND_MERGES });
    // Opened: the check sees it and stores its references (the description names #12: no commits listed).
    nockPullRequest({ number: 7, body: "Hypothesis: #12" });
    nockHypothesis();
    nockCreateCheckRun(SHOP);
    await h.receive("pull_request", pullRequestEvent("opened", { number: 7, body: "Hypothesis: #12" }));
    await h.drain();
    // Merged: recorded by the check, shipped from what the check saw.
    nockPullRequest(merged());
    const issue = nockCreateIssue(SHOP, 100);
    nockCreateComment(SHOP, 12);
    await h.receive("pull_request", pullRequestEvent("closed", merged()));
    await h.drain();
    // Then the deploy carries the merge commit.
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), at: "2026-03-02T15:00:00Z" }));
    const counts = await h.drain();

    expect(counts.dead).toBe(0);
    expect(issue.calls).toHaveLength(1);
    expect(await jobsIn(h, "sense-issue")).toBe(1);
    const ships = await shipRows(h);
    expect(ships.map((s) => [s.source, s.kind, s.prNumbers])).toEqual([
      ["deployment", "baseline", []],
      ["merge", "merge", [7]],
      ["deployment", "ahead", [7]],
    ]);
    expect((await senseItemPrRows(h)).map((p) => [p.prNumber, p.shipId])).toEqual([[7, ships[1]!.id]]);
    expect((await senseItemRows(h))[0]!.dueAt.toISOString()).toBe("2026-03-16T12:00:00.000Z");
  });
});
