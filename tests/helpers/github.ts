import { createHash } from "node:crypto";
import nock from "nock";
import { parseReferences } from "../../src/domain/references.js";
import { INSTALLATION_ID, SHOP, type TestRepo } from "./ids.js";
import { checkRunObject, commitObject, errorBody, fullRepositoryObject, issueObject, pullRequestObject, restExample, type IssueOptions, type PullRequestOptions } from "./rest-objects.js";
import { collaboratorPermissionObject, installationObject, installationTokenObject } from "./rest-ship-objects.js";

/** What a mocked write was sent, for asserting bodies, not only that a call happened. */
export interface Captured<T = any> {
  body?: T;
  calls: T[];
}

export const newCapture = (): Captured => ({ calls: [] });

/**
 * Replies with `status` and `body`, recording what the app sent. Recording in the reply (not in
 * a body matcher, which nock also runs for requests to other paths) counts only the requests
 * this interceptor answered, whatever order the app makes its calls in.
 */
export function recorded(captured: Captured, status: number, body: unknown, headers: Record<string, string> = {}) {
  return async (request: Request) => {
    const sent = (await request.json()) as unknown;
    captured.body = sent;
    captured.calls.push(sent);
    return [status, body, headers] as const;
  };
}

export const api = () => nock("https://api.github.com");

/** The installation token Probot asks for before its first call; optional, since some tests make none. */
export function nockInstallationToken(installationId = INSTALLATION_ID) {
  api()
    .post(`/app/installations/${installationId}/access_tokens`)
    .optionally()
    .reply(201, installationTokenObject(installationId))
    .persist();
}

/** The contents path, however Octokit escapes the slashes of `path` (a regular expression, so a pending mock names its file). */
const contentsOf = (fullName: string, path: string) => new RegExp(`^/repos/${[fullName, "contents", path].join("/").replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/\//g, "(?:/|%2F)")}(?:\\?.*)?$`);

/** GitHub's ETag of a raw file: its blob SHA, quoted. */
export const blobEtag = (text: string) => `"${createHash("sha1").update(`blob ${Buffer.byteLength(text)}\0${text}`).digest("hex")}"`;

/**
 * One file of a repository's default branch, asked for raw: its text with its ETag, or a 404
 * for null. With `ifNoneMatch` the request must carry that ETag.
 */
export function nockContents(fullName: string, path: string, text: string | null, o: { ifNoneMatch?: string; optional?: boolean } = {}) {
  const scope = api().get(contentsOf(fullName, path));
  if (o.optional) scope.optionally();
  if (o.ifNoneMatch !== undefined) scope.matchHeader("if-none-match", o.ifNoneMatch);
  if (text === null) scope.reply(404, errorBody("Not Found", 404));
  // GitHub labels raw file contents this way; without the charset Octokit hands back bytes, not text.
  else scope.reply(200, text, { "content-type": "application/vnd.github.v3.raw; charset=utf-8", etag: blobEtag(text) });
}

/** Asked with the ETag of `text`, GitHub answers 304: the file is unchanged (and the request is free). */
export function nockContentsUnchanged(fullName: string, path: string, text: string) {
  api()
    .get(contentsOf(fullName, path))
    .matchHeader("if-none-match", blobEtag(text))
    .reply(304, "", { etag: blobEtag(text) });
}

/**
 * `.github/senseloop.yml`: its text, or null for none (then the organisation's `.github`
 * repository is asked too, and has none). Senseloop caches what it reads: for ten minutes after
 * a read, the file is not asked for again unless a push changed it.
 */
export function nockConfig(repo: TestRepo = SHOP, yaml: string | null = null) {
  nockContents(repo.fullName, ".github/senseloop.yml", yaml);
  if (yaml === null) nockContents(`${repo.owner}/.github`, ".github/senseloop.yml", null);
}

export function nockPullRequest(o: PullRequestOptions = {}) {
  const repo = o.repo ?? SHOP;
  const pr = pullRequestObject(o);
  api().get(`/repos/${repo.fullName}/pulls/${pr.number}`).reply(200, pr);
  return pr;
}

/** GitHub answers 404 for the pull request: it was deleted, or the app lost access. */
export function nockPullRequestGone(repo: TestRepo, number: number) {
  api().get(`/repos/${repo.fullName}/pulls/${number}`).reply(404, errorBody("Not Found", 404));
}

/** Reading the pull request fails with a server error. */
export function nockPullRequestFailing(repo: TestRepo, number: number, status = 502) {
  api().get(`/repos/${repo.fullName}/pulls/${number}`).reply(status, errorBody("Server Error", status));
}

/** Reading the pull request hits the primary rate limit, which resets at `resetAt`. */
export function nockPullRequestRateLimited(repo: TestRepo, number: number, resetAt: Date) {
  api()
    .get(`/repos/${repo.fullName}/pulls/${number}`)
    .reply(403, errorBody("API rate limit exceeded for installation ID 42.", 403), { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Math.floor(resetAt.getTime() / 1000)) });
}

/**
 * Everything one check of a PR reads before resolving references: the PR, the config (unless
 * `"cached"`: read by an earlier job within ten minutes), and the commits, which are listed only
 * when the title and description name no hypothesis (their trailers are read only then).
 */
export function nockCheckReads(o: PullRequestOptions & { config?: string | null | "cached"; commits?: string[] } = {}) {
  const repo = o.repo ?? SHOP;
  const pr = nockPullRequest(o);
  if (o.config !== "cached") nockConfig(repo, o.config ?? null);
  if (parseReferences({ title: pr.title, body: pr.body, commitMessages: [], webHost: "github.com" }).references.length === 0) nockPullRequestCommits(repo, pr.number, o.commits);
  return pr;
}

export function nockPullRequestCommits(repo: TestRepo, number: number, messages: string[] = ["Add reorder button"]) {
  api()
    .get(`/repos/${repo.fullName}/pulls/${number}/commits`)
    .query(true)
    .reply(
      200,
      messages.map((message, i) => commitObject(repo, `${i}`.padStart(40, "c"), message)),
    );
}

export function nockPullRequestFiles(repo: TestRepo, number: number, files: string[]) {
  api()
    .get(`/repos/${repo.fullName}/pulls/${number}/files`)
    .query(true)
    .reply(
      200,
      files.map((filename) => ({ ...restExample("pulls/list-files", 200, repo)[0], filename, status: "modified" })),
    );
}

/** GET an issue: its REST shape, or 404 when `o` is null. */
export function nockIssue(repo: TestRepo, number: number, o: IssueOptions | null = {}) {
  const scope = api().get(`/repos/${repo.fullName}/issues/${number}`);
  if (o === null) scope.reply(404, errorBody("Not Found", 404));
  else scope.reply(200, issueObject({ repo, number, ...o }));
}

/** The issue was transferred: GitHub redirects its old address to where it lives now. */
export function nockIssueMoved(from: TestRepo, number: number, to: TestRepo, newNumber: number) {
  const now = `/repositories/${to.id}/issues/${newNumber}`;
  api().get(`/repos/${from.fullName}/issues/${number}`).reply(301, { ...errorBody("Moved Permanently"), url: `https://api.github.com${now}` }, { location: `https://api.github.com${now}` });
  api().get(now).reply(200, issueObject({ repo: to, number: newNumber }));
}

export function nockOpenHypotheses(repo: TestRepo, issues: IssueOptions[] = [], label = "hypothesis") {
  api()
    .get(`/repos/${repo.fullName}/issues`)
    .query((q) => q.labels === label && q.state === "open")
    .reply(
      200,
      issues.map((o) => issueObject({ repo, ...o })),
    );
}

export function nockCreateCheckRun(repo: TestRepo = SHOP, id = 555): Captured {
  const captured = newCapture();
  api().post(`/repos/${repo.fullName}/check-runs`).reply(recorded(captured, 201, checkRunObject(repo, { id })));
  return captured;
}

/** The check-run create fails with `status`: a 5xx leaves the outcome unknown, a 422 is permanent. */
export function nockCreateCheckRunFailing(repo: TestRepo, status: number, message = "Server Error"): Captured {
  const captured = newCapture();
  api().post(`/repos/${repo.fullName}/check-runs`).reply(recorded(captured, status, errorBody(message, status)));
  return captured;
}

export function nockUpdateCheckRun(repo: TestRepo = SHOP, id = 555): Captured {
  const captured = newCapture();
  api().patch(`/repos/${repo.fullName}/check-runs/${id}`).reply(recorded(captured, 200, checkRunObject(repo, { id })));
  return captured;
}

export function nockFindCheckRuns(repo: TestRepo, sha: string, runs: { id: number; appId?: number }[]) {
  api()
    .get(`/repos/${repo.fullName}/commits/${sha}/check-runs`)
    .query(true)
    .reply(200, { total_count: runs.length, check_runs: runs.map((r) => checkRunObject(repo, { id: r.id, appId: r.appId, headSha: sha })) });
}

/** Which installation holds a repository (asked with the app's JWT); null: GitHub says 404. */
export function nockRepoInstallation(repo: TestRepo, installationId: number | null) {
  const scope = api().get(`/repos/${repo.fullName}/installation`);
  if (installationId === null) scope.reply(404, errorBody("Not Found", 404));
  else scope.reply(200, installationObject(repo, installationId));
}

export function nockRepository(repo: TestRepo) {
  api()
    .get(`/repos/${repo.fullName}`)
    .reply(200, fullRepositoryObject(repo));
}

/** A collaborator's access (null: GitHub answers 404, no such user); `permission` defaults to what GitHub reports for the role (custom roles pass their base). */
export function nockRoleName(repo: TestRepo, login: string, role: string | null, basePermission?: string) {
  const scope = api().get(`/repos/${repo.fullName}/collaborators/${encodeURIComponent(login)}/permission`);
  if (role === null) {
    scope.reply(404, errorBody("Not Found", 404));
    return;
  }
  const permission = basePermission ?? (role === "maintain" ? "write" : role === "triage" ? "read" : role);
  scope.reply(200, collaboratorPermissionObject(repo, login, permission, role));
}

export function nockAddLabels(repo: TestRepo, number: number): Captured {
  const captured = newCapture();
  api().post(`/repos/${repo.fullName}/issues/${number}/labels`).reply(recorded(captured, 200, []));
  return captured;
}

/** Adding labels fails with `status` (404: the issue was deleted; 410, 422…). */
export function nockAddLabelsFailing(repo: TestRepo, number: number, status: number): Captured {
  const captured = newCapture();
  api().post(`/repos/${repo.fullName}/issues/${number}/labels`).reply(recorded(captured, status, { message: status === 404 ? "Not Found" : "Server Error" }));
  return captured;
}

/**
 * Removes every mock, the optional installation token included, so that any request at all
 * (even for a token) fails the test as unexpected.
 */
export function forbidGitHubCalls() {
  nock.cleanAll();
}
