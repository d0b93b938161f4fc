import { describe, expect, it } from "vitest";
import { APP_ID, installationOctokit, seedShop, startReceiver, startStandin } from "./helpers.js";

/** An app wider than Senseloop's: it hears pushes and may merge, so merges can be driven through the API. */
const WIDE_APP = {
  permissions: { checks: "write", issues: "write", pull_requests: "write", contents: "write", deployments: "write", metadata: "read" },
  events: ["check_run", "deployment_status", "issue_comment", "issues", "pull_request", "release", "push"],
} as const;

async function shopWithReceiver() {
  const receiver = await startReceiver();
  const standin = await startStandin({ webhook: { url: receiver.url }, app: { permissions: { ...WIDE_APP.permissions }, events: [...WIDE_APP.events] } });
  const seeded = seedShop(standin);
  await standin.settle();
  receiver.received.length = 0;
  return { standin, receiver, ...seeded, octokit: installationOctokit(standin, seeded.installationId) };
}

const feature = (name: string, file: string, content = `${name}\n`) => ({ message: `Add ${name}`, files: { [file]: content } });

describe("pull requests and webhooks", () => {
  it("delivers only the events the installation subscribed to, and refuses writes its permissions lack", async () => {
    const receiver = await startReceiver();
    const standin = await startStandin({ webhook: { url: receiver.url } });
    const { installationId } = seedShop(standin);
    standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [feature("reorder", "reorder.js")] });
    standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button" });
    await standin.settle();

    const merge = await installationOctokit(standin, installationId).rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: 1 }).catch((e: { status: number; message: string }) => e);

    expect(receiver.names()).toEqual(["installation.created", "pull_request.opened"]);
    expect(merge).toMatchObject({ status: 403, message: expect.stringContaining("Resource not accessible by integration") });
  });

  it("delivers pull_request.opened signed with the webhook secret, with GitHub's headers", async () => {
    const { standin, receiver, installationId } = await shopWithReceiver();
    const pushed = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [feature("reorder", "reorder.js")] });

    const pr = standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button", body: "Hypothesis: #1" });
    await standin.settle();

    const opened = receiver.received.find((r) => r.event === "pull_request")!;
    expect(receiver.names()).toEqual(["push", "pull_request.opened"]);
    expect(opened.signatureValid).toBe(true);
    expect(opened.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(opened.headers["x-github-hook-installation-target-id"]).toBe(String(APP_ID));
    expect(opened.headers["x-github-hook-installation-target-type"]).toBe("integration");
    expect(opened.headers["user-agent"]).toMatch(/^GitHub-Hookshot\//);
    expect(opened.payload).toMatchObject({ action: "opened", number: pr.number, installation: { id: installationId }, sender: { login: "alice", type: "User" }, pull_request: { head: { ref: "reorder", sha: pushed.head }, base: { ref: "main" }, body: "Hypothesis: #1", html_url: `${standin.url}/acme/shop/pull/${pr.number}` } });
  });

  it("announces a push to the PR's branch as push (with changed files) then synchronize", async () => {
    const { standin, receiver, octokit } = await shopWithReceiver();
    const first = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [feature("reorder", "reorder.js")] });
    standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button" });
    await standin.settle();
    receiver.received.length = 0;

    const second = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Tidy", files: { "reorder.js": "reorder(basket)\n", "README.md": null, "docs/reorder.md": "# Reorder\n" } }] });
    await standin.settle();

    const [push, sync] = receiver.received;
    expect(receiver.names()).toEqual(["push", "pull_request.synchronize"]);
    expect(push!.payload).toMatchObject({ ref: "refs/heads/reorder", before: first.head, after: second.head, commits: [{ id: second.head, message: "Tidy", added: ["docs/reorder.md"], removed: ["README.md"], modified: ["reorder.js"] }] });
    expect(sync!.payload).toMatchObject({ before: first.head, after: second.head, pull_request: { head: { sha: second.head }, commits: 2 } });
    const { data: files } = await octokit.rest.pulls.listFiles({ owner: "acme", repo: "shop", pull_number: 1 });
    expect(files.map((f) => [f.filename, f.status])).toEqual([["README.md", "removed"], ["docs/reorder.md", "added"], ["reorder.js", "added"]]);
    const { data: commits } = await octokit.rest.pulls.listCommits({ owner: "acme", repo: "shop", pull_number: 1 });
    expect(commits.map((c) => c.commit.message)).toEqual(["Add reorder", "Tidy"]);
  });

  it.each(["merge", "squash", "rebase"] as const)("merges with %s onto main: closed+merged, a push to main, and commits map back to the PR", async (method) => {
    const { standin, receiver, octokit } = await shopWithReceiver();
    const mainBefore = standin.state.requireRepo("acme/shop").git.branches.get("main")!;
    const pushed = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [feature("reorder", "reorder.js"), feature("button", "button.js")] });
    standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button" });

    const { data: merged } = await octokit.rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: 1, merge_method: method, sha: pushed.head });
    await standin.settle();

    const { data: pr } = await octokit.rest.pulls.get({ owner: "acme", repo: "shop", pull_number: 1 });
    const { data: compare } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: "acme", repo: "shop", basehead: `${mainBefore}...main` });
    const { data: viaMerge } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: "acme", repo: "shop", commit_sha: merged.sha });
    const { data: viaOwnCommit } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner: "acme", repo: "shop", commit_sha: pushed.shas[0]! });
    expect(pr).toMatchObject({ state: "closed", merged: true, merge_commit_sha: merged.sha, merged_by: { login: "senseloop[bot]" } });
    expect(receiver.names().slice(-2)).toEqual(["pull_request.closed", "push"]);
    expect(receiver.received.at(-2)!.payload.pull_request).toMatchObject({ merged: true, merge_commit_sha: merged.sha });
    expect(compare).toMatchObject({ status: "ahead", behind_by: 0, ahead_by: { merge: 3, squash: 1, rebase: 2 }[method] });
    expect(compare.commits.at(-1)!.sha).toBe(merged.sha);
    expect(viaMerge.map((p) => p.number)).toEqual([1]);
    // Squash and rebase leave the PR's own commits off main; GitHub still maps them to the PR.
    expect(viaOwnCommit.map((p) => p.number)).toEqual([1]);
    const tree = standin.state.requireRepo("acme/shop").git.get(merged.sha).tree;
    expect([tree.get("reorder.js"), tree.get("button.js")]).toEqual(["reorder\n", "button\n"]);
  });

  it("refuses a merge whose head moved (409) and one that conflicts (405)", async () => {
    const { standin, octokit } = await shopWithReceiver();
    const first = standin.push({ repo: "acme/shop", actor: "alice", branch: "a", commits: [feature("a", "shared.txt", "from a\n")] });
    standin.push({ repo: "acme/shop", actor: "alice", branch: "b", commits: [feature("b", "shared.txt", "from b\n")] });
    standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "a", title: "A" });
    standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "b", title: "B" });
    standin.push({ repo: "acme/shop", actor: "alice", branch: "a", commits: [feature("a2", "a2.txt")] });

    const moved = await octokit.rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: 1, sha: first.head }).catch((e: { status: number }) => e);
    await octokit.rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: 1 });
    const conflict = await octokit.rest.pulls.merge({ owner: "acme", repo: "shop", pull_number: 2 }).catch((e: { status: number }) => e);
    const { data: b } = await octokit.rest.pulls.get({ owner: "acme", repo: "shop", pull_number: 2 });

    expect(moved).toMatchObject({ status: 409 });
    expect(conflict).toMatchObject({ status: 405 });
    expect(b).toMatchObject({ mergeable: false, mergeable_state: "dirty", merged: false });
  });
});

describe("compare, deployments and rollbacks", () => {
  it("tells ahead, identical, behind (a rollback) and diverged, commits oldest first", async () => {
    const { standin, octokit } = await shopWithReceiver();
    const v1 = standin.state.requireRepo("acme/shop").git.branches.get("main")!;
    const v2 = standin.push({ repo: "acme/shop", actor: "pam", branch: "main", commits: [feature("one", "one.txt"), feature("two", "two.txt")] }).head;
    const side = standin.push({ repo: "acme/shop", actor: "pam", branch: "hotfix", from: v1, commits: [feature("fix", "fix.txt")] }).head;
    const compare = async (basehead: string) => (await octokit.rest.repos.compareCommitsWithBasehead({ owner: "acme", repo: "shop", basehead })).data;

    const ahead = await compare(`${v1}...${v2}`);
    const same = await compare(`${v2}...main`);
    const behind = await compare(`${v2}...${v1}`);
    const diverged = await compare(`main...hotfix`);

    expect([ahead.status, ahead.ahead_by, ahead.behind_by, ahead.total_commits]).toEqual(["ahead", 2, 0, 2]);
    expect(ahead.commits.map((c) => c.commit.message)).toEqual(["Add one", "Add two"]);
    expect(ahead.merge_base_commit.sha).toBe(v1);
    expect([same.status, same.ahead_by, same.behind_by, same.commits]).toEqual(["identical", 0, 0, []]);
    expect([behind.status, behind.ahead_by, behind.behind_by, behind.total_commits]).toEqual(["behind", 0, 2, 0]);
    expect([diverged.status, diverged.ahead_by, diverged.behind_by]).toEqual(["diverged", 1, 2]);
    expect(diverged.commits.map((c) => c.sha)).toEqual([side]);
  });

  it("pages compare's commits with page and per_page like GitHub", async () => {
    const { standin, octokit } = await shopWithReceiver();
    const base = standin.state.requireRepo("acme/shop").git.branches.get("main")!;
    standin.push({ repo: "acme/shop", actor: "pam", branch: "main", commits: Array.from({ length: 5 }, (_, i) => feature(`f${i}`, `f${i}.txt`)) });

    const page2 = await octokit.rest.repos.compareCommitsWithBasehead({ owner: "acme", repo: "shop", basehead: `${base}...main`, per_page: 2, page: 2 });

    expect(page2.data.total_commits).toBe(5);
    expect(page2.data.commits.map((c) => c.commit.message)).toEqual(["Add f2", "Add f3"]);
    expect(page2.data.files).toEqual([]);
    expect(page2.headers.link).toContain('rel="next"');
  });

  it("deploys any SHA: a rollback to an older commit, a revert, and what each deployment shipped", async () => {
    const { standin, receiver, octokit } = await shopWithReceiver();
    standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [feature("reorder", "reorder.js")] });
    standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button" });
    const v1 = standin.state.requireRepo("acme/shop").git.branches.get("main")!;
    const { sha: v2 } = standin.mergePullRequest({ repo: "acme/shop", number: 1, actor: "pam" });

    const first = standin.deploy({ repo: "acme/shop", actor: "pam", ref: "main", environment: "production" });
    const rollback = standin.deploy({ repo: "acme/shop", actor: "pam", ref: v1, environment: "production" });
    const { sha: reverted } = standin.revert({ repo: "acme/shop", actor: "pam", sha: v2 });
    await standin.settle();

    const { data: deployments } = await octokit.rest.repos.listDeployments({ owner: "acme", repo: "shop", environment: "production" });
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ owner: "acme", repo: "shop", deployment_id: rollback.deploymentId });
    const { data: back } = await octokit.rest.repos.compareCommitsWithBasehead({ owner: "acme", repo: "shop", basehead: `${first.sha}...${rollback.sha}` });
    const { data: revertCommit } = await octokit.rest.repos.getCommit({ owner: "acme", repo: "shop", ref: reverted });
    const deliveredStatus = receiver.received.filter((r) => r.event === "deployment_status").map((r) => [r.payload.deployment.sha, r.payload.deployment_status.state]);

    expect(first.sha).toBe(v2);
    expect(deployments.map((d) => [d.id, d.sha])).toEqual([[rollback.deploymentId, v1], [first.deploymentId, v2]]);
    expect(statuses.map((s) => s.state)).toEqual(["success"]);
    expect([back.status, back.behind_by]).toEqual(["behind", 2]);
    expect(revertCommit.commit.message).toBe(`Revert "Merge pull request #1 from acme/reorder"\n\nThis reverts commit ${v2}.`);
    expect(revertCommit.files?.map((f) => [f.filename, f.status])).toEqual([["reorder.js", "removed"]]);
    expect(deliveredStatus).toEqual([[v2, "success"], [v1, "success"]]);
  });

  it("answers 422 for an unknown commit and 404 for an unknown comparison", async () => {
    const { octokit } = await shopWithReceiver();

    const commit = await octokit.rest.repos.getCommit({ owner: "acme", repo: "shop", ref: "f".repeat(40) }).catch((e: { status: number }) => e);
    const compare = await octokit.rest.repos.compareCommitsWithBasehead({ owner: "acme", repo: "shop", basehead: `main...${"f".repeat(40)}` }).catch((e: { status: number }) => e);

    expect(commit).toMatchObject({ status: 422, message: expect.stringContaining("No commit found for SHA") });
    expect(compare).toMatchObject({ status: 404 });
  });
});
