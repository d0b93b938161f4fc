import { readFileSync } from "node:fs";
import { join } from "node:path";
import { inject } from "vitest";
import { APP_ID, BOT_LOGIN, SHOP, type TestRepo } from "./ids.js";
import type { ResponseExamples } from "./openapi-compact.js";

let examples: ResponseExamples | undefined;

/**
 * A deep copy of the example response GitHub's OpenAPI description gives for an operation and
 * status, with its sample repository renamed to `repo`: REST mocks start from GitHub's own
 * shapes, as webhook payloads start from @octokit/webhooks-examples, and override only what a
 * test is about.
 */
export function restExample(operationId: string, status = 200, repo: TestRepo = SHOP): any {
  examples ??= JSON.parse(readFileSync(join(inject("openapiContract"), "examples.json"), "utf8")) as ResponseExamples;
  const value = examples[operationId]?.[String(status)];
  if (value === undefined) throw new Error(`GitHub's description has no example response for ${operationId} ${status}`);
  return JSON.parse(JSON.stringify(value).replace(/octocat\/(Hello-World|example)|github\/hello-world/g, repo.fullName)) as unknown;
}

const at = "2026-02-01T10:00:00Z";

/** An error as GitHub answers one: a message, the docs link, and (in newer answers) the status. */
export const errorBody = (message: string, status?: number) => ({ message, documentation_url: "https://docs.github.com/rest", ...(status ? { status: String(status) } : {}) });

/** A user as both REST (`simple-user`) and webhooks (`user`) carry it. Bots link to their app. */
export function user(login: string, type = "User") {
  const id = login.length * 1000 + login.charCodeAt(0);
  const api = `https://api.github.com/users/${encodeURIComponent(login)}`;
  return {
    login,
    id,
    node_id: `U_${id}`,
    avatar_url: `https://avatars.githubusercontent.com/u/${id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: type === "Bot" ? `https://github.com/apps/${login.replace(/\[bot\]$/, "")}` : `https://github.com/${encodeURIComponent(login)}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type,
    site_admin: false,
  };
}

export const botSender = () => user(BOT_LOGIN, "Bot");

/** No reactions yet, as issues and comments count them. */
export const reactionRollup = (url: string) => ({ url, total_count: 0, "+1": 0, "-1": 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 });

export const labelObject = (repo: TestRepo, name: string, i: number) => ({
  id: repo.id * 100 + i + 1,
  node_id: `LA_${repo.id}_${i + 1}`,
  url: `https://api.github.com/repos/${repo.fullName}/labels/${encodeURIComponent(name)}`,
  name,
  description: null,
  color: "ededed",
  default: false,
});

/** An app as `performed_via_github_app` and check runs name it: ours unless told otherwise. */
export function appObject(id = APP_ID) {
  const app = restExample("apps/get-authenticated");
  return { ...app, id, slug: id === APP_ID ? BOT_LOGIN.replace(/\[bot\]$/, "") : `app-${id}`, node_id: `A_${id}`, name: id === APP_ID ? "Senseloop" : `App ${id}` };
}

/** The REST `repository` a pull request's head and base carry. */
export function repositoryObject(repo: TestRepo) {
  return { ...restExample("pulls/get", 200, repo).base.repo, id: repo.id, node_id: `R_${repo.id}`, name: repo.name, full_name: repo.fullName, owner: user(repo.owner, "Organization"), private: true, default_branch: "main" };
}

/** `GET /repos/{owner}/{repo}`: a `full-repository` (GitHub's example lacks `language`, which it requires). */
export function fullRepositoryObject(repo: TestRepo) {
  const full = restExample("repos/get", 200, repo);
  delete full.source;
  delete full.parent;
  delete full.template_repository;
  return { ...full, id: repo.id, node_id: `R_${repo.id}`, name: repo.name, full_name: repo.fullName, owner: user(repo.owner, "Organization"), organization: user(repo.owner, "Organization"), private: true, fork: false, default_branch: "main", language: null };
}

export interface IssueOptions {
  repo?: TestRepo;
  number?: number;
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  labels?: string[];
  author?: string;
  assignees?: string[];
  updatedAt?: string;
  pullRequest?: boolean;
}

/** What a test says about an issue, in the fields REST and webhooks share. */
export function issueFields(o: IssueOptions = {}) {
  const repo = o.repo ?? SHOP;
  const number = o.number ?? 12;
  const url = `https://api.github.com/repos/${repo.fullName}/issues/${number}`;
  const assignees = (o.assignees ?? []).map((login) => user(login));
  const state = o.state ?? "open";
  return {
    id: repo.id * 100_000 + number,
    node_id: `I_${repo.id}_${number}`,
    number,
    title: o.title ?? "Returning customers reorder a past basket",
    body: o.body === undefined ? null : o.body,
    state,
    state_reason: state === "closed" ? "completed" : null,
    locked: false,
    labels: (o.labels ?? ["hypothesis"]).map((name, i) => labelObject(repo, name, i)),
    user: user(o.author ?? "pam"),
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: 0,
    performed_via_github_app: null,
    html_url: `https://github.com/${repo.fullName}/issues/${number}`,
    url,
    repository_url: `https://api.github.com/repos/${repo.fullName}`,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    timeline_url: `${url}/timeline`,
    created_at: at,
    updated_at: o.updatedAt ?? at,
    closed_at: state === "closed" ? (o.updatedAt ?? at) : null,
    author_association: "MEMBER",
    ...(o.pullRequest ? { pull_request: { url: `https://api.github.com/repos/${repo.fullName}/pulls/${number}`, html_url: `https://github.com/${repo.fullName}/pull/${number}`, diff_url: `https://github.com/${repo.fullName}/pull/${number}.diff`, patch_url: `https://github.com/${repo.fullName}/pull/${number}.patch`, merged_at: null } } : {}),
  };
}

/** The REST shape of an issue (`issue`). */
export function issueObject(o: IssueOptions = {}): Record<string, any> {
  const issue = restExample("issues/get", 200, o.repo ?? SHOP);
  delete issue.repository;
  delete issue.pull_request;
  return { ...issue, closed_by: null, ...issueFields(o) };
}

/** An issue as our own app wrote it: by its bot, through the app (or, with `byOwnApp: false`, by someone else). */
export function ownIssueObject(repo: TestRepo, o: { number: number; body: string; byOwnApp?: boolean; labels?: string[] }) {
  const own = o.byOwnApp !== false;
  return { ...issueObject({ repo, number: o.number, labels: o.labels ?? ["sense"], body: o.body }), user: own ? botSender() : user("mallory"), performed_via_github_app: own ? appObject() : null };
}

export interface PullRequestOptions {
  repo?: TestRepo;
  number?: number;
  title?: string;
  body?: string | null;
  headSha?: string;
  draft?: boolean;
  state?: "open" | "closed";
  merged?: boolean;
  mergeCommitSha?: string | null;
  mergedAt?: string | null;
  labels?: string[];
  author?: string;
  baseRef?: string;
}

/** What a test says about a pull request, in the fields REST and webhooks share. */
export function pullRequestFields(o: PullRequestOptions, repoObject: (repo: TestRepo) => Record<string, unknown>) {
  const repo = o.repo ?? SHOP;
  const number = o.number ?? 7;
  const mergedAt = o.mergedAt ?? (o.merged ? "2026-03-02T08:00:00Z" : null);
  const state = o.state ?? "open";
  const author = user(o.author ?? "alice");
  const api = `https://api.github.com/repos/${repo.fullName}`;
  return {
    number,
    id: repo.id * 100_000 + number,
    node_id: `PR_${repo.id}_${number}`,
    html_url: `https://github.com/${repo.fullName}/pull/${number}`,
    url: `${api}/pulls/${number}`,
    diff_url: `https://github.com/${repo.fullName}/pull/${number}.diff`,
    patch_url: `https://github.com/${repo.fullName}/pull/${number}.patch`,
    issue_url: `${api}/issues/${number}`,
    title: o.title ?? "Add reorder button",
    body: o.body === undefined ? "Adds a reorder button.\n\nHypothesis: #12" : o.body,
    state,
    locked: false,
    draft: o.draft ?? false,
    merged: o.merged ?? false,
    merged_at: mergedAt,
    closed_at: state === "closed" ? (mergedAt ?? "2026-03-02T08:00:00Z") : null,
    merge_commit_sha: o.mergeCommitSha ?? (o.merged ? "m".repeat(40) : null),
    merged_by: o.merged ? user("maria") : null,
    labels: (o.labels ?? []).map((name, i) => labelObject(repo, name, i)),
    user: author,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    milestone: null,
    auto_merge: null,
    active_lock_reason: null,
    head: { label: `${repo.owner}:feature`, ref: "feature", sha: o.headSha ?? "a".repeat(40), user: author, repo: repoObject(repo) },
    base: { label: `${repo.owner}:${o.baseRef ?? "main"}`, ref: o.baseRef ?? "main", sha: "0".repeat(40), user: user(repo.owner, "Organization"), repo: repoObject(repo) },
  };
}

/** The REST shape of a pull request (`pull-request`). */
export function pullRequestObject(o: PullRequestOptions = {}): Record<string, any> {
  return { ...restExample("pulls/get", 200, o.repo ?? SHOP), ...pullRequestFields(o, repositoryObject) };
}

/** A commit as lists of commits carry it (`commit`). */
export function commitObject(repo: TestRepo, sha: string, message: string, parents: string[] = []) {
  const [commit] = restExample("pulls/list-commits", 200, repo);
  return {
    ...commit,
    sha,
    node_id: `C_${sha}`,
    url: `https://api.github.com/repos/${repo.fullName}/commits/${sha}`,
    html_url: `https://github.com/${repo.fullName}/commit/${sha}`,
    comments_url: `https://api.github.com/repos/${repo.fullName}/commits/${sha}/comments`,
    commit: { ...commit.commit, message },
    parents: parents.map((p) => ({ sha: p, url: `https://api.github.com/repos/${repo.fullName}/commits/${p}`, html_url: `https://github.com/${repo.fullName}/commit/${p}` })),
  };
}

/** A check run (`check-run`), by our app unless `appId` says otherwise. */
export function checkRunObject(repo: TestRepo, o: { id: number; name?: string; appId?: number; headSha?: string }) {
  return {
    ...restExample("checks/create", 201, repo),
    id: o.id,
    node_id: `CR_${o.id}`,
    name: o.name ?? "Senseloop / hypothesis",
    head_sha: o.headSha ?? "a".repeat(40),
    url: `https://api.github.com/repos/${repo.fullName}/check-runs/${o.id}`,
    html_url: `https://github.com/${repo.fullName}/runs/${o.id}`,
    app: appObject(o.appId ?? APP_ID),
    pull_requests: [],
  };
}

/** An issue comment (`issue-comment`): our own unless `byOwnApp` is false (then mallory wrote it). */
export function commentObject(repo: TestRepo, issue: number, o: { id: number; body?: string; byOwnApp?: boolean }) {
  const own = o.byOwnApp !== false;
  return {
    ...restExample("issues/create-comment", 201, repo),
    id: o.id,
    node_id: `IC_${o.id}`,
    url: `https://api.github.com/repos/${repo.fullName}/issues/comments/${o.id}`,
    html_url: `https://github.com/${repo.fullName}/issues/${issue}#issuecomment-${o.id}`,
    issue_url: `https://api.github.com/repos/${repo.fullName}/issues/${issue}`,
    body: o.body ?? "",
    user: own ? botSender() : user("mallory"),
    performed_via_github_app: own ? appObject() : null,
  };
}
