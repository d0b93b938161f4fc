import { api, newCapture, recorded, type Captured } from "./github.js";
import { BOT_LOGIN, SHOP, type TestRepo } from "./ids.js";
import { issueObject, pullRequestObject, user, type PullRequestOptions } from "./payloads.js";

export interface TestCommit {
  sha: string;
  message: string;
}

export const sha = (n: number | string) => String(n).padStart(40, "0");

/** `compare/base...head`: paginated by 100 like GitHub; each page is mocked. */
export function nockCompare(repo: TestRepo, base: string, head: string, status: "ahead" | "behind" | "identical" | "diverged", commits: TestCommit[], options: { behindBy?: number } = {}) {
  const pages = Math.max(1, Math.ceil(commits.length / 100));
  for (let page = 1; page <= pages; page++) {
    const slice = commits.slice((page - 1) * 100, page * 100);
    api()
      .get(`/repos/${repo.fullName}/compare/${base}...${head}`)
      .query((q) => Number(q.page ?? 1) === page)
      .reply(200, {
        status,
        ahead_by: status === "behind" || status === "identical" ? 0 : commits.length,
        behind_by: options.behindBy ?? (status === "behind" ? 1 : 0),
        total_commits: commits.length,
        commits: slice.map((c) => ({ sha: c.sha, commit: { message: c.message }, parents: [] })),
      });
  }
}

/** `commits/{sha}/pulls`: the merged PRs of a commit. */
export function nockCommitPulls(repo: TestRepo, commitSha: string, prNumbers: number[]) {
  api()
    .get(`/repos/${repo.fullName}/commits/${commitSha}/pulls`)
    .query(true)
    .reply(
      200,
      prNumbers.map((number) => ({ number, merged_at: "2026-03-01T12:00:00Z", state: "closed" })),
    );
}

export function nockDeployments(repo: TestRepo, environment: string, deployments: { id: number; sha: string; createdAt: string }[]) {
  api()
    .get(`/repos/${repo.fullName}/deployments`)
    .query((q) => q.environment === environment)
    .reply(
      200,
      deployments.map((d) => ({ id: d.id, sha: d.sha, created_at: d.createdAt, environment })),
    );
}

export function nockDeploymentState(repo: TestRepo, deploymentId: number, state: string) {
  api()
    .get(`/repos/${repo.fullName}/deployments/${deploymentId}/statuses`)
    .query(true)
    .reply(200, [{ id: 1, state }]);
}

export function nockResolveCommit(repo: TestRepo, ref: string, commitSha: string) {
  api()
    .get(`/repos/${repo.fullName}/commits/${ref}`)
    .query(true)
    .reply(200, { sha: commitSha, commit: { message: "release" }, parents: [] });
}

/** Lists the issues our bot opened, for the marker search after an unknown outcome. */
export function nockOwnIssues(repo: TestRepo, issues: { number: number; body: string; byOwnApp?: boolean }[]) {
  api()
    .get(`/repos/${repo.fullName}/issues`)
    .query((q) => q.creator === BOT_LOGIN && q.state === "all")
    .reply(
      200,
      issues.map((i) => ({ ...issueObject({ repo, number: i.number, labels: ["sense"] }), body: i.body, user: user(i.byOwnApp === false ? "mallory" : BOT_LOGIN, "Bot"), performed_via_github_app: i.byOwnApp === false ? null : { id: 123 } })),
    );
}

export function nockCreateIssue(repo: TestRepo = SHOP, number = 100, status = 201): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues`)
    .reply(recorded(captured, status, status < 300 ? { number, id: number * 10, html_url: `https://github.com/${repo.fullName}/issues/${number}` } : { message: "Server Error" }));
  return captured;
}

/** An issue edit (body, state), answered with `status`. */
export function nockUpdateIssue(repo: TestRepo, number: number, status = 200): Captured {
  const captured = newCapture();
  api()
    .patch(`/repos/${repo.fullName}/issues/${number}`)
    .reply(recorded(captured, status, status === 200 ? { number } : { message: "Not Found" }));
  return captured;
}

export function nockCreateComment(repo: TestRepo, number: number, id = 5000): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues/${number}/comments`)
    .reply(recorded(captured, 201, { id, html_url: `https://github.com/${repo.fullName}/issues/${number}#issuecomment-${id}` }));
  return captured;
}

/** The issue create hits the primary rate limit, which resets at `resetAt`: GitHub wrote nothing. */
export function nockCreateIssueRateLimited(repo: TestRepo, resetAt: Date): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues`)
    .reply(recorded(captured, 403, { message: "API rate limit exceeded for installation ID 42." }, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(resetAt.getTime() / 1000)) }));
  return captured;
}

/** GET a merged pull request, as a ship reads a PR its check never saw. */
export function nockMergedPullRequest(repo: TestRepo, number: number, o: Omit<PullRequestOptions, "repo" | "number"> = {}) {
  const pr = pullRequestObject({ repo, number, state: "closed", merged: true, title: `PR ${number}`, ...o });
  api().get(`/repos/${repo.fullName}/pulls/${number}`).reply(200, pr);
  return pr;
}

/** An issue create that only matches the issue with this title: for several creates in one test. */
export function nockCreateIssueTitled(repo: TestRepo, number: number, title: string): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues`, (body: { title?: string }) => body.title === title)
    .reply(recorded(captured, 201, { number, id: number * 10, html_url: `https://github.com/${repo.fullName}/issues/${number}` }));
  return captured;
}

/** Reading `.github/senseloop.yml` fails with a server error. */
export function nockConfigFailing(repo: TestRepo, status = 500) {
  api()
    .get((uri) => decodeURIComponent(uri.split("?")[0]!) === `/repos/${repo.fullName}/contents/.github/senseloop.yml`)
    .reply(status, { message: "Server Error" });
}
