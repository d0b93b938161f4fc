import { nodeId } from "./ids.js";
import { fullName, type CheckRun, type CheckSuite, type Deployment, type DeploymentStatus, type Release, type Repo } from "./model.js";
import { pullRefObject } from "./render-pull.js";
import { repoObject } from "./render-repo.js";
import { appObject, userObject } from "./render-user.js";
import type { State } from "./state.js";
import type { Urls } from "./urls.js";

/** Open PRs whose head is this commit, as check runs and suites list them. */
function pullsAt(urls: Urls, repo: Repo, sha: string) {
  return repo.issues.filter((i) => i.pull && i.state === "open" && i.pull.headSha === sha).map((i) => pullRefObject(urls, repo, i as Parameters<typeof pullRefObject>[2]));
}

export function checkRunObject(urls: Urls, state: State, repo: Repo, run: CheckRun, rest = true) {
  const api = `${urls.api}/repos/${fullName(repo)}/check-runs/${run.id}`;
  return {
    id: run.id,
    head_sha: run.headSha,
    node_id: nodeId("CR", run.id),
    // GitHub answers "" for an unset external id, and the app's homepage for an unset details URL.
    external_id: run.externalId ?? "",
    url: api,
    html_url: `${urls.web}/${fullName(repo)}/runs/${run.id}`,
    details_url: run.detailsUrl ?? `${urls.web}/apps/${state.app.slug}`,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.startedAt,
    completed_at: run.completedAt,
    output: { title: run.output.title, summary: run.output.summary, text: run.output.text, annotations_count: 0, annotations_url: `${api}/annotations` },
    name: run.name,
    check_suite: rest ? { id: run.suiteId } : checkSuiteObject(urls, state, repo, suiteOf(repo, run), "embedded"),
    app: appObject(urls, state.app, rest),
    pull_requests: pullsAt(urls, repo, run.headSha),
  };
}

export const suiteOf = (repo: Repo, run: CheckRun) => repo.checkSuites.find((s) => s.id === run.suiteId)!;

const FAILING = ["action_required", "cancelled", "timed_out", "failure", "startup_failure", "stale"];

/** A suite's status and conclusion summarise its runs: the most severe conclusion wins. */
export function suiteSummary(repo: Repo, suite: CheckSuite): { status: string; conclusion: string | null; runs: CheckRun[] } {
  const runs = repo.checkRuns.filter((r) => r.suiteId === suite.id);
  if (runs.length === 0) return { status: "queued", conclusion: null, runs };
  if (runs.some((r) => r.status !== "completed")) return { status: runs.some((r) => r.status === "in_progress") ? "in_progress" : "queued", conclusion: null, runs };
  const conclusions = runs.map((r) => r.conclusion ?? "neutral");
  const failing = FAILING.find((c) => conclusions.includes(c));
  const conclusion = failing ?? (conclusions.includes("success") ? "success" : conclusions.every((c) => c === "skipped") ? "skipped" : "neutral");
  return { status: "completed", conclusion, runs };
}

/**
 * A check suite in one of its three shapes: the REST answer, the `check_suite` event's, and the
 * short one embedded in a `check_run` event (webhook schemas forbid fields the others carry).
 */
export function checkSuiteObject(urls: Urls, state: State, repo: Repo, suite: CheckSuite, form: "rest" | "event" | "embedded" = "rest") {
  const summary = suiteSummary(repo, suite);
  const commit = repo.git.get(suite.headSha);
  const api = `${urls.api}/repos/${fullName(repo)}`;
  return {
    id: suite.id,
    node_id: nodeId("CS", suite.id),
    head_branch: suite.headBranch,
    head_sha: suite.headSha,
    status: summary.status,
    conclusion: summary.conclusion,
    url: `${api}/check-suites/${suite.id}`,
    before: suite.before,
    after: suite.after,
    pull_requests: pullsAt(urls, repo, suite.headSha),
    app: appObject(urls, state.app, form === "rest"),
    created_at: suite.createdAt,
    updated_at: suite.updatedAt,
    ...(form === "rest" ? { repository: repoObject(urls, repo) } : {}),
    ...(form !== "embedded"
      ? {
          head_commit: { id: commit.sha, tree_id: commit.treeSha, message: commit.message, timestamp: commit.author.date, author: { name: commit.author.name, email: commit.author.email }, committer: { name: commit.committer.name, email: commit.committer.email } },
          latest_check_runs_count: summary.runs.length,
          check_runs_url: `${api}/check-suites/${suite.id}/check-runs`,
          rerequestable: true,
          runs_rerequestable: true,
        }
      : {}),
  };
}

export function deploymentObject(urls: Urls, state: State, repo: Repo, deployment: Deployment) {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  return {
    url: `${api}/deployments/${deployment.id}`,
    id: deployment.id,
    node_id: nodeId("DE", deployment.id),
    sha: deployment.sha,
    ref: deployment.ref,
    task: deployment.task,
    payload: deployment.payload,
    original_environment: deployment.environment,
    environment: deployment.environment,
    description: deployment.description,
    creator: userObject(urls, deployment.creator),
    created_at: deployment.createdAt,
    updated_at: deployment.updatedAt,
    statuses_url: `${api}/deployments/${deployment.id}/statuses`,
    repository_url: api,
    transient_environment: deployment.transient,
    production_environment: deployment.production,
    performed_via_github_app: deployment.viaApp ? appObject(urls, state.app) : null,
  };
}

export function deploymentStatusObject(urls: Urls, state: State, repo: Repo, deployment: Deployment, status: DeploymentStatus) {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  return {
    url: `${api}/deployments/${deployment.id}/statuses/${status.id}`,
    id: status.id,
    node_id: nodeId("DES", status.id),
    state: status.state,
    creator: userObject(urls, status.creator),
    description: status.description,
    environment: status.environment,
    target_url: status.targetUrl,
    created_at: status.createdAt,
    updated_at: status.updatedAt,
    deployment_url: `${api}/deployments/${deployment.id}`,
    repository_url: api,
    environment_url: status.environmentUrl,
    log_url: status.logUrl,
    performed_via_github_app: status.viaApp ? appObject(urls, state.app) : null,
  };
}

export function releaseObject(urls: Urls, repo: Repo, release: Release) {
  const api = `${urls.api}/repos/${fullName(repo)}`;
  const tag = encodeURIComponent(release.tagName);
  return {
    url: `${api}/releases/${release.id}`,
    assets_url: `${api}/releases/${release.id}/assets`,
    upload_url: `${urls.web}/api/uploads/repos/${fullName(repo)}/releases/${release.id}/assets{?name,label}`,
    html_url: `${urls.web}/${fullName(repo)}/releases/tag/${tag}`,
    id: release.id,
    author: userObject(urls, release.author),
    node_id: nodeId("RE", release.id),
    tag_name: release.tagName,
    target_commitish: release.targetCommitish,
    name: release.name,
    draft: release.draft,
    prerelease: release.prerelease,
    created_at: release.createdAt,
    published_at: release.publishedAt,
    assets: [],
    tarball_url: release.draft ? null : `${api}/tarball/${tag}`,
    zipball_url: release.draft ? null : `${api}/zipball/${tag}`,
    body: release.body,
  };
}
