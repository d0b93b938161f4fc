import { createRequire } from "node:module";
import { APP_ID, INSTALLATION_ID, SHOP, type TestRepo } from "./ids.js";
import { issueFields, pullRequestFields, user, type IssueOptions, type PullRequestOptions } from "./rest-objects.js";

export { botSender, issueObject, pullRequestObject, user, type IssueOptions, type PullRequestOptions } from "./rest-objects.js";

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

/** A webhook `repository`: GitHub's example one, renamed to `repo`. */
export function repositoryPayload(repo: TestRepo): Record<string, unknown> {
  const base = example("pull_request", "opened").repository as Record<string, any>;
  const renamed = JSON.parse(JSON.stringify(base).replaceAll(base.full_name as string, repo.fullName)) as Record<string, unknown>;
  // GitHub's example predates fields the schema now requires.
  const current = { is_template: false, web_commit_signoff_required: false, topics: [], custom_properties: {} };
  return { ...renamed, ...current, id: repo.id, node_id: `R_${repo.id}`, name: repo.name, full_name: repo.fullName, private: true, owner: user(repo.owner, "Organization"), visibility: "private", default_branch: "main" };
}

/** Any event about a repository, for events Senseloop does not handle (`star.created`, …). */
export function repositoryEvent(event: string, action: string, o: { repo?: TestRepo; sender?: Record<string, unknown> } = {}) {
  return envelope(event, action, o.repo ?? SHOP, o.sender ?? user("alice"));
}

function envelope(event: string, action: string, repo: TestRepo, sender: Record<string, unknown>) {
  const payload = example(event, action);
  const standIn = payload.action !== action;
  payload.action = action;
  payload.repository = repositoryPayload(repo);
  payload.installation = { id: INSTALLATION_ID, node_id: "I_42" };
  payload.sender = sender;
  delete payload.organization;
  delete payload.enterprise;
  // An example of another action stands in when GitHub's examples have none for this one:
  // only `edited` deliveries say what changed.
  if (standIn && action === "edited") payload.changes = {};
  else if (standIn) delete payload.changes;
  return payload;
}

/** The webhook shape of a pull request: GitHub's example one, with what the test says. */
export function pullRequestPayload(o: PullRequestOptions = {}): Record<string, any> {
  return { ...example("pull_request", "opened").pull_request, ...pullRequestFields(o, repositoryPayload) };
}

export function pullRequestEvent(action: string, o: PullRequestOptions & { sender?: Record<string, unknown> } = {}) {
  const repo = o.repo ?? SHOP;
  const payload = envelope("pull_request", action, repo, o.sender ?? user(o.author ?? "alice"));
  payload.pull_request = pullRequestPayload(o);
  payload.number = payload.pull_request.number;
  return payload;
}

/** The webhook shape of an issue: GitHub's example one, with what the test says. */
export function issuePayload(o: IssueOptions = {}): Record<string, any> {
  const issue = example("issues", "opened").issue as Record<string, unknown>;
  delete issue.pull_request;
  return { ...issue, ...issueFields(o) };
}

export function issuesEvent(action: string, o: IssueOptions & { sender?: Record<string, unknown> } = {}) {
  const payload = envelope("issues", action, o.repo ?? SHOP, o.sender ?? user(o.author ?? "pam"));
  payload.issue = issuePayload(o);
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
    node_id: `CR_${o.checkRunId ?? 555}`,
    url: `https://api.github.com/repos/${repo.fullName}/check-runs/${o.checkRunId ?? 555}`,
    html_url: `https://github.com/${repo.fullName}/runs/${o.checkRunId ?? 555}`,
    // GitHub sends an empty string for a check run created without an external id.
    external_id: o.externalId === undefined ? `senseloop:${repo.id}:7` : (o.externalId ?? ""),
    pull_requests: (o.prNumbers ?? [7]).map((number) => checkRunPullRequest(repo, number)),
    app: webhookApp(payload.check_run.app, o.appId ?? APP_ID),
  };
  payload.check_run.check_suite = { ...payload.check_run.check_suite, app: webhookApp(payload.check_run.check_suite.app, o.appId ?? APP_ID), pull_requests: payload.check_run.pull_requests };
  if (action === "requested_action") payload.requested_action = { identifier: o.identifier ?? "recheck" };
  return payload;
}

/** A pull request as a check run names it: number, head and base, nothing else. */
const checkRunPullRequest = (repo: TestRepo, number: number) => ({
  url: `https://api.github.com/repos/${repo.fullName}/pulls/${number}`,
  id: repo.id * 100_000 + number,
  number,
  head: { ref: "feature", sha: "a".repeat(40), repo: { id: repo.id, url: `https://api.github.com/repos/${repo.fullName}`, name: repo.name } },
  base: { ref: "main", sha: "0".repeat(40), repo: { id: repo.id, url: `https://api.github.com/repos/${repo.fullName}`, name: repo.name } },
});

/** An app as webhooks carry it; some of GitHub's examples give its times as numbers, which the schema refuses. */
const webhookApp = (app: Record<string, unknown>, id: number) => ({ ...app, id, node_id: `A_${id}`, created_at: "2020-01-01T00:00:00Z", updated_at: "2020-01-01T00:00:00Z" });

/** `check_suite.rerequested`: "Re-run all checks" on our app's suite of PR 7's head commit. */
export function checkSuiteEvent(o: { repo?: TestRepo; sender?: Record<string, unknown>; headSha?: string; prNumbers?: number[]; appId?: number } = {}) {
  const repo = o.repo ?? SHOP;
  const payload = envelope("check_suite", "rerequested", repo, o.sender ?? user("maria"));
  const headSha = o.headSha ?? "a".repeat(40);
  payload.check_suite = {
    ...payload.check_suite,
    head_sha: headSha,
    pull_requests: (o.prNumbers ?? [7]).map((number) => ({ ...checkRunPullRequest(repo, number), head: { ...checkRunPullRequest(repo, number).head, sha: headSha } })),
    app: webhookApp(payload.check_suite.app, o.appId ?? APP_ID),
  };
  return payload;
}

/** The installation itself, as installation events carry it (GitHub's examples predate its suspension fields). */
const installationPayload = (installation: Record<string, unknown>) => ({ suspended_at: null, suspended_by: null, ...installation, id: INSTALLATION_ID, account: user("acme", "Organization") });

const installationRepo = (r: TestRepo) => ({ id: r.id, node_id: `R_${r.id}`, name: r.name, full_name: r.fullName, private: true });

export function installationEvent(action: string, repos: TestRepo[] = [SHOP]) {
  const payload = example("installation", action);
  payload.action = action;
  payload.installation = installationPayload(payload.installation);
  payload.repositories = repos.map(installationRepo);
  payload.sender = user("owner");
  return payload;
}

export function installationRepositoriesEvent(action: "added" | "removed", o: { added?: TestRepo[]; removed?: TestRepo[] }) {
  const payload = example("installation_repositories", action);
  payload.action = action;
  payload.installation = installationPayload(payload.installation);
  payload.requester ??= null;
  payload.repository_selection = "selected";
  payload.repositories_added = (o.added ?? []).map(installationRepo);
  payload.repositories_removed = (o.removed ?? []).map(installationRepo);
  payload.sender = user("owner");
  return payload;
}

/**
 * A `push` to `branch` (the default branch, main, unless said) with one commit per entry of
 * `files`, each modifying those paths: GitHub's example of a branch push, moved to `repo`
 * (push payloads carry a repository shape of their own).
 */
export function pushEvent(o: { repo?: TestRepo; branch?: string; files?: string[][]; forced?: boolean } = {}) {
  const repo = o.repo ?? SHOP;
  const payload = sets.find((s) => s.name === "push")!.examples.find((e) => e.ref === "refs/heads/master" && e.installation)!;
  const push = structuredClone(payload) as Record<string, any>;
  const commit = push.commits[0] as Record<string, unknown>;
  const renamed = JSON.parse(JSON.stringify(push.repository).replaceAll("Codertocat/Hello-World", repo.fullName)) as Record<string, any>;
  push.ref = `refs/heads/${o.branch ?? "main"}`;
  push.forced = o.forced ?? false;
  push.repository = { ...renamed, id: repo.id, node_id: `R_${repo.id}`, name: repo.name, full_name: repo.fullName, owner: { ...renamed.owner, login: repo.owner, name: repo.owner }, default_branch: "main", master_branch: "main" };
  push.commits = (o.files ?? [["README.md"]]).map((files, i) => ({ ...commit, id: `${i + 1}`.padStart(40, "d"), added: [], removed: [], modified: files }));
  push.head_commit = push.commits.at(-1) ?? null;
  push.installation = { id: INSTALLATION_ID, node_id: "I_42" };
  push.sender = user("pam");
  return push;
}
