import { api, newCapture, recorded, type Captured } from "./github.js";
import { BOT_LOGIN, SHOP, type TestRepo } from "./ids.js";
import { commentObject, errorBody, issueObject, ownIssueObject, pullRequestObject, type PullRequestOptions } from "./rest-objects.js";
import { comparisonObject, deploymentObject, deploymentStatusObject, pullRequestSimpleObject, singleCommitObject } from "./rest-ship-objects.js";

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
      .reply(
        200,
        comparisonObject(repo, {
          base,
          head,
          status,
          aheadBy: status === "behind" || status === "identical" ? 0 : commits.length,
          behindBy: options.behindBy ?? (status === "behind" ? 1 : 0),
          totalCommits: commits.length,
          commits: slice,
        }),
      );
  }
}

/** `commits/{sha}/pulls`: the merged PRs of a commit. */
export function nockCommitPulls(repo: TestRepo, commitSha: string, prNumbers: number[]) {
  api()
    .get(`/repos/${repo.fullName}/commits/${commitSha}/pulls`)
    .query(true)
    .reply(
      200,
      prNumbers.map((number) => pullRequestSimpleObject(repo, number)),
    );
}

export function nockDeployments(repo: TestRepo, environment: string, deployments: { id: number; sha: string; createdAt: string }[]) {
  api()
    .get(`/repos/${repo.fullName}/deployments`)
    .query((q) => q.environment === environment)
    .reply(
      200,
      deployments.map((d) => deploymentObject(repo, { ...d, environment })),
    );
}

export function nockDeploymentState(repo: TestRepo, deploymentId: number, state: string) {
  api()
    .get(`/repos/${repo.fullName}/deployments/${deploymentId}/statuses`)
    .query(true)
    .reply(200, [deploymentStatusObject(repo, deploymentId, state)]);
}

export function nockResolveCommit(repo: TestRepo, ref: string, commitSha: string) {
  api()
    .get(`/repos/${repo.fullName}/commits/${ref}`)
    .query(true)
    .reply(200, singleCommitObject(repo, commitSha, "release"));
}

/** Lists the issues our bot opened, for the marker search after an unknown outcome. */
export function nockOwnIssues(repo: TestRepo, issues: { number: number; body: string; byOwnApp?: boolean }[]) {
  api()
    .get(`/repos/${repo.fullName}/issues`)
    .query((q) => q.creator === BOT_LOGIN && q.state === "all")
    .reply(
      200,
      issues.map((i) => ownIssueObject(repo, i)),
    );
}

/** The issue GitHub answers a create with: our bot's, through our app. */
const createdIssue = (repo: TestRepo, number: number) => ownIssueObject(repo, { number, body: "" });

export function nockCreateIssue(repo: TestRepo = SHOP, number = 100, status = 201): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues`)
    .reply(recorded(captured, status, status < 300 ? createdIssue(repo, number) : errorBody("Server Error", status)));
  return captured;
}

/** An issue edit (body, state), answered with `status`. */
export function nockUpdateIssue(repo: TestRepo, number: number, status = 200): Captured {
  const captured = newCapture();
  api()
    .patch(`/repos/${repo.fullName}/issues/${number}`)
    .reply(recorded(captured, status, status === 200 ? issueObject({ repo, number, labels: ["sense"] }) : errorBody("Not Found", status)));
  return captured;
}

export function nockCreateComment(repo: TestRepo, number: number, id = 5000): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues/${number}/comments`)
    .reply(recorded(captured, 201, commentObject(repo, number, { id })));
  return captured;
}

/** The issue create hits the primary rate limit, which resets at `resetAt`: GitHub wrote nothing. */
export function nockCreateIssueRateLimited(repo: TestRepo, resetAt: Date): Captured {
  const captured = newCapture();
  api()
    .post(`/repos/${repo.fullName}/issues`)
    .reply(recorded(captured, 403, errorBody("API rate limit exceeded for installation ID 42.", 403), { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(resetAt.getTime() / 1000)) }));
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
    .reply(recorded(captured, 201, createdIssue(repo, number)));
  return captured;
}
