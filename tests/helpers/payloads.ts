import { createRequire } from "node:module";
import { BOT_LOGIN, INSTALLATION_ID, SHOP, type TestRepo } from "./ids.js";

interface ExampleSet {
  name: string;
  actions: string[];
  examples: Record<string, unknown>[];
}

const sets = createRequire(import.meta.url)("@octokit/webhooks-examples") as ExampleSet[];

/** A deep copy of GitHub's own example payload for an event, preferring one of the same action. */
export function example(event: string, action?: string): Record<string, any> {
  const set = sets.find((s) => s.name === event);
  if (!set) throw new Error(`no webhook example for ${event}`);
  const chosen = set.examples.find((e) => e.action === action) ?? set.examples[0]!;
  return structuredClone(chosen) as Record<string, any>;
}

export function repositoryPayload(repo: TestRepo): Record<string, unknown> {
  return {
    id: repo.id,
    node_id: `R_${repo.id}`,
    name: repo.name,
    full_name: repo.fullName,
    private: true,
    owner: { login: repo.owner, id: 5000, type: "Organization" },
    html_url: `https://github.com/${repo.fullName}`,
    url: `https://api.github.com/repos/${repo.fullName}`,
    default_branch: "main",
  };
}

export const user = (login: string, type = "User") => ({ login, id: login.length * 1000 + login.charCodeAt(0), type });
export const botSender = () => user(BOT_LOGIN, "Bot");

/** Any event about a repository, for events Senseloop does not handle (`star.created`, …). */
export function repositoryEvent(event: string, action: string, o: { repo?: TestRepo; sender?: Record<string, unknown> } = {}) {
  return envelope(event, action, o.repo ?? SHOP, o.sender ?? user("alice"));
}

function envelope(event: string, action: string, repo: TestRepo, sender: Record<string, unknown>) {
  const payload = example(event, action);
  payload.action = action;
  payload.repository = repositoryPayload(repo);
  payload.installation = { id: INSTALLATION_ID, node_id: "I_42" };
  payload.sender = sender;
  delete payload.organization;
  delete payload.enterprise;
  return payload;
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

/** The REST shape of a pull request (webhooks carry the same object). */
export function pullRequestObject(o: PullRequestOptions = {}): Record<string, any> {
  const repo = o.repo ?? SHOP;
  const pr = example("pull_request", "opened").pull_request as Record<string, any>;
  const number = o.number ?? 7;
  return {
    ...pr,
    number,
    id: repo.id * 100_000 + number,
    html_url: `https://github.com/${repo.fullName}/pull/${number}`,
    url: `https://api.github.com/repos/${repo.fullName}/pulls/${number}`,
    title: o.title ?? "Add reorder button",
    body: o.body === undefined ? "Adds a reorder button.\n\nHypothesis: #12" : o.body,
    state: o.state ?? "open",
    draft: o.draft ?? false,
    merged: o.merged ?? false,
    merged_at: o.mergedAt ?? (o.merged ? "2026-03-02T08:00:00Z" : null),
    merge_commit_sha: o.mergeCommitSha ?? (o.merged ? "m".repeat(40) : null),
    labels: (o.labels ?? []).map((name, i) => ({ id: i + 1, name, color: "ededed" })),
    user: user(o.author ?? "alice"),
    head: { ...pr.head, sha: o.headSha ?? "a".repeat(40), ref: "feature" },
    base: { ...pr.base, ref: o.baseRef ?? "main", repo: repositoryPayload(repo) },
  };
}

export function pullRequestEvent(action: string, o: PullRequestOptions & { sender?: Record<string, unknown> } = {}) {
  const repo = o.repo ?? SHOP;
  const payload = envelope("pull_request", action, repo, o.sender ?? user(o.author ?? "alice"));
  payload.pull_request = pullRequestObject(o);
  payload.number = payload.pull_request.number;
  return payload;
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

/** The REST shape of an issue. */
export function issueObject(o: IssueOptions = {}): Record<string, any> {
  const repo = o.repo ?? SHOP;
  const number = o.number ?? 12;
  return {
    id: repo.id * 100_000 + number,
    node_id: `I_${number}`,
    number,
    title: o.title ?? "Returning customers reorder a past basket",
    body: o.body === undefined ? null : o.body,
    state: o.state ?? "open",
    labels: (o.labels ?? ["hypothesis"]).map((name, i) => ({ id: i + 1, name, color: "ededed" })),
    user: user(o.author ?? "pam"),
    assignees: (o.assignees ?? []).map((login) => user(login)),
    html_url: `https://github.com/${repo.fullName}/issues/${number}`,
    url: `https://api.github.com/repos/${repo.fullName}/issues/${number}`,
    repository_url: `https://api.github.com/repos/${repo.fullName}`,
    created_at: "2026-02-01T10:00:00Z",
    updated_at: o.updatedAt ?? "2026-02-01T10:00:00Z",
    ...(o.pullRequest ? { pull_request: { url: `https://api.github.com/repos/${repo.fullName}/pulls/${number}` } } : {}),
  };
}

export function issuesEvent(action: string, o: IssueOptions & { sender?: Record<string, unknown> } = {}) {
  const payload = envelope("issues", action, o.repo ?? SHOP, o.sender ?? user(o.author ?? "pam"));
  payload.issue = issueObject(o);
  return payload;
}

export interface CheckRunOptions {
  repo?: TestRepo;
  checkRunId?: number;
  headSha?: string;
  prNumbers?: number[];
  externalId?: string | null;
  identifier?: string;
  sender?: Record<string, unknown>;
  name?: string;
  appId?: number;
}

export function checkRunEvent(action: string, o: CheckRunOptions = {}) {
  const repo = o.repo ?? SHOP;
  const payload = envelope("check_run", action, repo, o.sender ?? user("maria"));
  payload.check_run = {
    ...payload.check_run,
    id: o.checkRunId ?? 555,
    name: o.name ?? "Senseloop / hypothesis",
    head_sha: o.headSha ?? "a".repeat(40),
    external_id: o.externalId === undefined ? `senseloop:${repo.id}:7` : o.externalId,
    pull_requests: (o.prNumbers ?? [7]).map((number) => ({ number, id: number, url: "" })),
    app: { ...(payload.check_run?.app ?? {}), id: o.appId ?? 123 },
  };
  if (action === "requested_action") payload.requested_action = { identifier: o.identifier ?? "recheck" };
  return payload;
}

/** `check_suite.rerequested`: "Re-run all checks" on our app's suite of PR 7's head commit. */
export function checkSuiteEvent(o: { repo?: TestRepo; sender?: Record<string, unknown>; headSha?: string; prNumbers?: number[]; appId?: number } = {}) {
  const repo = o.repo ?? SHOP;
  const payload = envelope("check_suite", "rerequested", repo, o.sender ?? user("maria"));
  const headSha = o.headSha ?? "a".repeat(40);
  payload.check_suite = {
    ...payload.check_suite,
    head_sha: headSha,
    pull_requests: (o.prNumbers ?? [7]).map((number) => ({ number, id: number, url: `https://api.github.com/repos/${repo.fullName}/pulls/${number}`, head: { ref: "feature", sha: headSha, repo: { id: repo.id, url: "", name: repo.name } }, base: { ref: "main", sha: "0".repeat(40), repo: { id: repo.id, url: "", name: repo.name } } })),
    app: { ...(payload.check_suite?.app ?? {}), id: o.appId ?? 123 },
  };
  return payload;
}

const installationRepo = (r: TestRepo) => ({ id: r.id, node_id: `R_${r.id}`, name: r.name, full_name: r.fullName, private: true });

export function installationEvent(action: string, repos: TestRepo[] = [SHOP]) {
  const payload = example("installation", action);
  payload.action = action;
  payload.installation = { ...payload.installation, id: INSTALLATION_ID, account: { login: "acme", id: 5000, type: "Organization" } };
  payload.repositories = repos.map(installationRepo);
  payload.sender = user("owner");
  return payload;
}

export function installationRepositoriesEvent(action: "added" | "removed", o: { added?: TestRepo[]; removed?: TestRepo[] }) {
  const payload = example("installation_repositories", action);
  payload.action = action;
  payload.installation = { ...payload.installation, id: INSTALLATION_ID, account: { login: "acme", id: 5000, type: "Organization" } };
  payload.repository_selection = "selected";
  payload.repositories_added = (o.added ?? []).map(installationRepo);
  payload.repositories_removed = (o.removed ?? []).map(installationRepo);
  payload.sender = user("owner");
  return payload;
}
