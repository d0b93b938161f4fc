import { describe, expect, it } from "vitest";
import { installationOctokit, seedShop, startStandin } from "./helpers.js";

async function page(url: string) {
  const res = await fetch(url, { redirect: "manual" });
  return { status: res.status, type: res.headers.get("content-type"), location: res.headers.get("location"), html: await res.text() };
}

describe("pages for people", () => {
  it("shows an issue's body escaped, its hidden markers dimmed, and comments with authors and reactions", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    const issue = standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Sense: <script>alert(1)</script>", body: "What shipped <b>bold</b>\n<!-- senseloop:sense item=7 -->", labels: ["sense"] });
    const { data: comment } = await installationOctokit(standin, installationId).rest.issues.createComment({ owner: "acme", repo: "shop", issue_number: issue.number, body: "Shipped to production <!-- senseloop:comment key=x -->" });
    standin.react({ repo: "acme/shop", actor: "alice", commentId: comment.id, content: "+1" });

    const shown = await page(comment.html_url.replace(/#.*$/, ""));

    expect(shown.status).toBe(200);
    expect(shown.type).toMatch(/^text\/html/);
    expect(shown.html).toContain("Sense: &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(shown.html).not.toContain("<script>alert(1)");
    expect(shown.html).toContain("What shipped &lt;b&gt;bold&lt;/b&gt;");
    expect(shown.html).toContain('<span class="hidden-comment" title="hidden when GitHub renders it">&lt;!-- senseloop:sense item=7 --&gt;</span>');
    expect(shown.html).toContain(`id="issuecomment-${comment.id}"`);
    expect(shown.html).toMatch(/senseloop\[bot\]<\/a> <span class="label">bot<\/span>/);
    expect(shown.html).toContain("👍 1");
    expect(shown.html).toContain(">sense</span>");
  });

  it("shows a PR with its check runs: conclusion, title and summary", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    const { head } = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Add reorder", files: { "r.js": "r\n" } }] });
    const pr = standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "reorder", title: "Reorder button" });
    await installationOctokit(standin, installationId).rest.checks.create({ owner: "acme", repo: "shop", name: "Senseloop / hypothesis", head_sha: head, conclusion: "failure", output: { title: "No hypothesis linked — add `Hypothesis: #12`", summary: "Open hypotheses:\n- #12 <Reorder>" } });

    const shown = await page(pr.htmlUrl);
    const viaIssues = await page(pr.htmlUrl.replace("/pull/", "/issues/"));

    expect(shown.status).toBe(200);
    expect(shown.html).toContain('<strong class="conclusion-failure">failure</strong>');
    expect(shown.html).toContain("No hypothesis linked — add `Hypothesis: #12`");
    expect(shown.html).toContain("- #12 &lt;Reorder&gt;");
    expect(shown.html).toContain("Add reorder");
    expect(viaIssues).toMatchObject({ status: 302, location: "/acme/shop/pull/1" });
  });

  it("serves a page for every html_url the API hands out, and 404 for what does not exist", async () => {
    const standin = await startStandin();
    const { installationId } = seedShop(standin);
    const octokit = installationOctokit(standin, installationId);
    const { data: repo } = await octokit.rest.repos.get({ owner: "acme", repo: "shop" });
    const { data: commit } = await octokit.rest.repos.getCommit({ owner: "acme", repo: "shop", ref: "main" });
    const release = standin.publishRelease({ repo: "acme/shop", actor: "pam", tag: "v1.0.0", name: "First <release>" });
    const urls = [repo.html_url, repo.owner.html_url, commit.html_url, release.htmlUrl, `${standin.url}/`, `${standin.url}/apps/senseloop`];

    const pages = await Promise.all(urls.map(page));
    const missing = await Promise.all([`${standin.url}/acme/shop/issues/42`, `${standin.url}/acme/nope`, `${standin.url}/acme/shop/runs/1`].map(page));

    expect(pages.map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(pages[3]!.html).toContain("First &lt;release&gt;");
    expect(pages[2]!.html).toContain("Initial commit");
    expect(missing.map((p) => p.status)).toEqual([404, 404, 404]);
  });
});
