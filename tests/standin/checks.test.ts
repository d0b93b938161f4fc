import { describe, expect, it } from "vitest";
import { APP_ID, installationOctokit, seedShop, startReceiver, startStandin } from "./helpers.js";

async function prWithReceiver(events?: string[]) {
  const receiver = await startReceiver();
  const standin = await startStandin({ webhook: { url: receiver.url }, ...(events ? { app: { events } } : {}) });
  const { installationId } = seedShop(standin);
  const { head } = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Add reorder", files: { "reorder.js": "reorder()\n" } }] });
  standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button" });
  await standin.settle();
  receiver.received.length = 0;
  return { standin, receiver, head, installationId, octokit: installationOctokit(standin, installationId) };
}

const check = {
  name: "Senseloop / hypothesis",
  status: "completed" as const,
  conclusion: "failure" as const,
  output: { title: "No hypothesis linked — add `Hypothesis: #12` to the description", summary: "Open hypotheses: none" },
  actions: [{ label: "Exempt this PR", description: "Add the no-hypothesis label", identifier: "exempt" }],
};

describe("check runs", () => {
  it("creates a completed check run on the PR's head and lists it by name and app", async () => {
    const { octokit, head } = await prWithReceiver();

    const { data: created, status } = await octokit.rest.checks.create({ owner: "acme", repo: "shop", head_sha: head, external_id: "pr-1", ...check });
    const { data: listed } = await octokit.rest.checks.listForRef({ owner: "acme", repo: "shop", ref: head, check_name: check.name, app_id: APP_ID, filter: "latest" });
    const { data: otherApp } = await octokit.rest.checks.listForRef({ owner: "acme", repo: "shop", ref: head, app_id: APP_ID + 1 });

    expect(status).toBe(201);
    expect(created).toMatchObject({ head_sha: head, status: "completed", conclusion: "failure", external_id: "pr-1", app: { id: APP_ID }, pull_requests: [{ number: 1 }], output: { title: check.output.title } });
    expect(created.html_url).toMatch(new RegExp(`/acme/shop/runs/${created.id}$`));
    expect(listed.total_count).toBe(1);
    expect(listed.check_runs[0]!.id).toBe(created.id);
    expect(otherApp.total_count).toBe(0);
  });

  it("updates the run in place and keeps only the newest run per name under filter=latest", async () => {
    const { octokit, head } = await prWithReceiver();
    const { data: first } = await octokit.rest.checks.create({ owner: "acme", repo: "shop", head_sha: head, ...check });
    const { data: second } = await octokit.rest.checks.create({ owner: "acme", repo: "shop", head_sha: head, ...check });

    const { data: updated } = await octokit.rest.checks.update({ owner: "acme", repo: "shop", check_run_id: second.id, conclusion: "success", output: { title: "Serves acme/shop#12", summary: "ok" } });
    const { data: latest } = await octokit.rest.checks.listForRef({ owner: "acme", repo: "shop", ref: head });
    const { data: all } = await octokit.rest.checks.listForRef({ owner: "acme", repo: "shop", ref: head, filter: "all" });

    expect(updated).toMatchObject({ id: second.id, conclusion: "success", output: { title: "Serves acme/shop#12" } });
    expect(latest.check_runs.map((r) => r.id)).toEqual([second.id]);
    expect(all.check_runs.map((r) => r.id)).toEqual([second.id, first.id]);
  });

  it.each([
    ["an action label over 20 characters", { actions: [{ label: "Exempt this pull request", description: "d", identifier: "exempt" }] }, "actions.label"],
    ["completed without a conclusion", { conclusion: undefined }, "conclusion"],
    ["an output without a summary", { output: { title: "t" } }, "output.summary"],
  ])("refuses %s with 422", async (_name, change, field) => {
    const { octokit, head } = await prWithReceiver();

    const refused = await octokit.rest.checks.create({ owner: "acme", repo: "shop", head_sha: head, ...check, ...(change as object) } as never).catch((e: { status: number; response: { data: { errors: { field: string }[] } } }) => e);

    expect(refused).toMatchObject({ status: 422 });
    expect((refused as { response: { data: { errors: { field: string }[] } } }).response.data.errors.map((e) => e.field)).toContain(field);
  });

  it("sends the app's own check runs back as webhooks from its bot, and a person's button press as requested_action", async () => {
    const { standin, receiver, octokit, head } = await prWithReceiver();
    const { data: run } = await octokit.rest.checks.create({ owner: "acme", repo: "shop", head_sha: head, ...check });

    standin.requestCheckRunAction({ repo: "acme/shop", actor: "alice", checkRunId: run.id, identifier: "exempt" });
    standin.rerequestCheckRun({ repo: "acme/shop", actor: "alice", checkRunId: run.id });
    await standin.settle();

    expect(receiver.names()).toEqual(["check_run.created", "check_run.completed", "check_run.requested_action", "check_run.rerequested"]);
    const [created, , pressed] = receiver.received;
    expect(created!.payload.sender).toMatchObject({ login: "senseloop[bot]", type: "Bot" });
    expect(created!.payload.check_run).toMatchObject({ id: run.id, app: { id: APP_ID }, pull_requests: [{ number: 1 }], check_suite: { head_sha: head } });
    expect(pressed!.payload).toMatchObject({ requested_action: { identifier: "exempt" }, sender: { login: "alice", type: "User" } });
    expect(() => standin.requestCheckRunAction({ repo: "acme/shop", actor: "alice", checkRunId: run.id, identifier: "nope" })).toThrow(/no action nope/);
  });

  it("asks for a check suite on each push and completes it when its runs complete, for an app that subscribed", async () => {
    const { standin, receiver, octokit } = await prWithReceiver(["check_run", "check_suite", "pull_request"]);
    const { head } = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "More", files: { "more.js": "more\n" } }] });
    await standin.settle();

    await octokit.rest.checks.create({ owner: "acme", repo: "shop", head_sha: head, ...check });
    await standin.settle();

    expect(receiver.names()).toEqual(["pull_request.synchronize", "check_suite.requested", "check_run.created", "check_run.completed", "check_suite.completed"]);
    expect(receiver.received.at(-1)!.payload.check_suite).toMatchObject({ head_sha: head, head_branch: "reorder", status: "completed", conclusion: "failure" });
  });
});

describe("webhooks caused by the app's own writes", () => {
  it("carry the bot as sender and performed_via_github_app on the issue and comment", async () => {
    const { standin, receiver, octokit } = await prWithReceiver();

    const { data: issue } = await octokit.rest.issues.create({ owner: "acme", repo: "shop", title: "Sense: reorder", body: "<!-- senseloop:sense -->", labels: ["sense"], assignees: ["pam"] });
    await octokit.rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: issue.number, body: "Shipped" });
    await octokit.rest.issues.update({ owner: "acme", repo: "shop", issue_number: issue.number, state: "closed" });
    await standin.settle();

    expect(receiver.names()).toEqual(["issues.opened", "issues.labeled", "issues.assigned", "issue_comment.created", "issues.closed"]);
    for (const r of receiver.received) expect(r.payload.sender).toMatchObject({ login: "senseloop[bot]", type: "Bot" });
    expect(receiver.received[0]!.payload.issue.performed_via_github_app).toMatchObject({ id: APP_ID, slug: "senseloop" });
    expect(receiver.received[3]!.payload.comment).toMatchObject({ user: { login: "senseloop[bot]" }, performed_via_github_app: { id: APP_ID } });
  });
});
