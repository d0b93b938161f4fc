import { describe, expect, it } from "vitest";
import { installationOctokit, seedShop, startStandin, tokenOctokit } from "./helpers.js";

describe("issues", () => {
  it("writes a hypothesis from the issue form as GitHub renders it, with the form's label", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);

    const submitted = standin.submitIssueForm({
      repo: "acme/shop",
      actor: "pam",
      title: "Hypothesis: returning customers reorder",
      fields: { belief: "A reorder button on past orders", who: "Returning customers", "does-what": "Reorder a past basket", "by-how-much": "Repeat purchases +5% in 30 days", "sense-after": "14" },
    });
    const { data } = await installationOctokit(standin, installationId).rest.issues.get({ owner: "acme", repo: "shop", issue_number: submitted.number });

    expect(data.body).toBe(
      [
        "### We believe\n\nA reorder button on past orders",
        "### Who\n\nReturning customers",
        "### Does what\n\nReorder a past basket",
        "### By how much\n\nRepeat purchases +5% in 30 days",
        "### Signal\n\n_No response_",
        "### Signal query\n\n_No response_",
        "### Sense after (days)\n\n14",
      ].join("\n\n"),
    );
    expect(data.labels.map((l) => (typeof l === "string" ? l : l.name))).toEqual(["hypothesis"]);
    expect(data).toMatchObject({ title: "Hypothesis: returning customers reorder", user: { login: "pam", type: "User" }, performed_via_github_app: null, html_url: `${standin.url}/acme/shop/issues/1` });
  });

  it("refuses a form without a required field, naming it", async () => {
    const standin = await startStandin();
    seedShop(standin);

    expect(() => standin.submitIssueForm({ repo: "acme/shop", actor: "pam", title: "Hypothesis: x", fields: { belief: "b", who: "w", "by-how-much": "1%" } })).toThrow(/Validation Failed/);
  });

  it("lists issues and PRs newest first with Link pagination, PRs carrying pull_request", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    for (let i = 1; i <= 4; i++) standin.openIssue({ repo: "acme/shop", actor: "pam", title: `Issue ${i}`, labels: i % 2 === 0 ? ["hypothesis"] : [] });
    standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Add reorder button", files: { "app.js": "reorder()\n" } }] });
    standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button" });
    const octokit = installationOctokit(standin, installationId);

    const first = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "shop", per_page: 2 });
    const all = await octokit.paginate(octokit.rest.issues.listForRepo, { owner: "acme", repo: "shop", per_page: 2 });
    const labelled = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "shop", labels: "HYPOTHESIS", sort: "created", direction: "asc" });
    const byCreator = await octokit.rest.issues.listForRepo({ owner: "acme", repo: "shop", creator: "alice", state: "all" });

    expect(first.data.map((i) => i.number)).toEqual([5, 4]);
    expect(first.headers.link).toContain(`<${standin.urls.api}/repos/acme/shop/issues?per_page=2&page=2>; rel="next"`);
    expect(first.headers.link).toContain('rel="last"');
    expect(all.map((i) => i.number)).toEqual([5, 4, 3, 2, 1]);
    expect(all[0]!.pull_request).toMatchObject({ url: `${standin.urls.api}/repos/acme/shop/pulls/5`, merged_at: null });
    expect(all[1]!.pull_request).toBeUndefined();
    expect(labelled.data.map((i) => i.number)).toEqual([2, 4]);
    expect(byCreator.data.map((i) => i.number)).toEqual([5]);
  });

  it("answers 422 with GitHub's errors for an assignee who has no access", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);

    const refused = await installationOctokit(standin, installationId)
      .rest.issues.create({ owner: "acme", repo: "shop", title: "Sense: reorder", assignees: ["mallory"] })
      .catch((e: { status: number; response: { data: unknown } }) => e);

    expect(refused).toMatchObject({ status: 422, response: { data: { message: "Validation Failed", errors: [{ value: "mallory", resource: "Issue", field: "assignees", code: "invalid" }] } } });
    expect(standin.state.requireRepo("acme/shop").issues).toHaveLength(0);
  });

  it("updates state, state_reason, title and body", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Sense: reorder" });
    const octokit = installationOctokit(standin, installationId);

    const closed = await octokit.rest.issues.update({ owner: "acme", repo: "shop", issue_number: 1, state: "closed", state_reason: "not_planned", body: "done" });
    const reopened = await octokit.rest.issues.update({ owner: "acme", repo: "shop", issue_number: 1, state: "open", title: "Sense: reorder (again)" });

    expect(closed.data).toMatchObject({ state: "closed", state_reason: "not_planned", body: "done", closed_by: { login: "senseloop[bot]" } });
    expect(closed.data.closed_at).not.toBeNull();
    expect(reopened.data).toMatchObject({ state: "open", state_reason: "reopened", closed_at: null, title: "Sense: reorder (again)" });
  });

  it("adds labels (creating missing ones) and answers 404 when removing a label the issue lacks", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Sense: reorder", labels: ["sense"] });
    const octokit = installationOctokit(standin, installationId);

    const added = await octokit.rest.issues.addLabels({ owner: "acme", repo: "shop", issue_number: 1, labels: ["needs-response", "sense"] });
    const removed = await octokit.rest.issues.removeLabel({ owner: "acme", repo: "shop", issue_number: 1, name: "needs-response" });
    const missing = await octokit.rest.issues.removeLabel({ owner: "acme", repo: "shop", issue_number: 1, name: "needs-response" }).catch((e: { status: number; response: { data: { message: string } } }) => e);

    expect(added.data.map((l) => l.name)).toEqual(["sense", "needs-response"]);
    expect(removed.data.map((l) => l.name)).toEqual(["sense"]);
    expect(missing).toMatchObject({ status: 404, response: { data: { message: "Label does not exist" } } });
  });

  it("answers 201 for a new reaction and 200 for the same one again", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Sense: reorder" });
    const { id } = standin.comment({ repo: "acme/shop", number: 1, actor: "pam", body: "/respond pivot they reorder once" });
    const octokit = installationOctokit(standin, installationId);

    const first = await octokit.rest.reactions.createForIssueComment({ owner: "acme", repo: "shop", comment_id: id, content: "+1" });
    const again = await octokit.rest.reactions.createForIssueComment({ owner: "acme", repo: "shop", comment_id: id, content: "+1" });
    const { data: comments } = await octokit.rest.issues.listComments({ owner: "acme", repo: "shop", issue_number: 1 });

    expect([first.status, again.status]).toEqual([201, 200]);
    expect(again.data.id).toBe(first.data.id);
    expect(comments[0]!.reactions).toMatchObject({ total_count: 1, "+1": 1 });
  });

  it("creates comments as the app's bot, marked as performed via the app", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Hypothesis: x" });

    const { data } = await installationOctokit(standin, installationId).rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: 1, body: "Shipped <!-- senseloop:comment key=a -->" });

    expect(data).toMatchObject({ user: { login: "senseloop[bot]", type: "Bot" }, performed_via_github_app: { id: 321, slug: "senseloop" }, html_url: `${standin.url}/acme/shop/issues/1#issuecomment-${data.id}` });
  });
});

describe("contents", () => {
  it("serves raw text with an ETag, answers 304 to If-None-Match, and base64 JSON otherwise", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    const octokit = installationOctokit(standin, installationId);

    const raw = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner: "acme", repo: "shop", path: ".github/senseloop.yml", mediaType: { format: "raw" } });
    const again = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { owner: "acme", repo: "shop", path: ".github/senseloop.yml", mediaType: { format: "raw" }, headers: { "if-none-match": raw.headers.etag! } }).catch((e: { status: number }) => e);
    const json = await octokit.rest.repos.getContent({ owner: "acme", repo: "shop", path: ".github/senseloop.yml" });
    const jsonAgain = await octokit.rest.repos.getContent({ owner: "acme", repo: "shop", path: ".github/senseloop.yml", headers: { "if-none-match": json.headers.etag! } }).catch((e: { status: number }) => e);

    expect(raw.data).toBe("mode: enforce\n");
    expect(raw.headers["content-type"]).toBe("application/vnd.github.raw; charset=utf-8");
    expect(again).toMatchObject({ status: 304 });
    expect(json.data).toMatchObject({ type: "file", encoding: "base64", path: ".github/senseloop.yml" });
    expect(Buffer.from((json.data as { content: string }).content, "base64").toString()).toBe("mode: enforce\n");
    expect(json.headers.etag).toMatch(/^W\/"/);
    expect(jsonAgain).toMatchObject({ status: 304 });
  });

  it("is read by Probot's config plugin, falling back to the organisation's .github repository", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    standin.createRepo({ owner: "acme", name: "plain" });
    standin.createRepo({ owner: "acme", name: ".github", files: { ".github/senseloop.yml": "mode: advisory\n" } });
    const octokit = installationOctokit(standin, installationId);

    const own = await octokit.config.get({ owner: "acme", repo: "shop", path: ".github/senseloop.yml" });
    const inherited = await octokit.config.get({ owner: "acme", repo: "plain", path: ".github/senseloop.yml" });

    expect(own.config).toEqual({ mode: "enforce" });
    expect(inherited.config).toEqual({ mode: "advisory" });
    expect(standin.requests({ pathPrefix: "/api/v3/repos/acme/plain/contents" }).map((r) => r.status)).toEqual([404]);
  });

  it("answers a missing file with 404 and lists a directory", async () => {
    const standin = await startStandin();
    seedShop(standin);
    const octokit = tokenOctokit(standin, standin.createUser({ login: "reader" }).token);
    standin.grantAccess({ repo: "acme/shop", login: "reader", role: "read" });

    const missing = await octokit.rest.repos.getContent({ owner: "acme", repo: "shop", path: "nope.txt" }).catch((e: { status: number }) => e);
    const dir = await octokit.rest.repos.getContent({ owner: "acme", repo: "shop", path: ".github" });

    expect(missing).toMatchObject({ status: 404 });
    expect((dir.data as { name: string; type: string }[]).map((e) => [e.name, e.type])).toEqual([["ISSUE_TEMPLATE", "dir"], ["senseloop.yml", "file"]]);
  });
});
