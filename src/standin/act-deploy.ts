import { requireRole } from "./access.js";
import { ApiError, validationFailed } from "./errors.js";
import type { Hub } from "./hub.js";
import type { Actor, Deployment, DeploymentStatus, Release, Repo } from "./model.js";
import { deploymentObject, deploymentStatusObject, releaseObject } from "./render-checks.js";

const STATES = ["error", "failure", "inactive", "in_progress", "queued", "pending", "success"];
const PASSING = ["success", "neutral", "skipped"];

export interface DeploymentInput {
  ref: string;
  task?: string;
  payload?: unknown;
  environment?: string;
  description?: string | null;
  transient_environment?: boolean;
  production_environment?: boolean;
  required_contexts?: string[];
}

export function createDeployment(hub: Hub, repo: Repo, actor: Actor, input: DeploymentInput): Deployment {
  requireRole(repo, actor, "write");
  const commit = typeof input.ref === "string" ? repo.git.resolve(input.ref) : undefined;
  if (!commit) throw new ApiError(422, `No ref found for: ${input.ref}`);
  // By default GitHub refuses to deploy a commit whose checks did not pass; [] skips the check.
  const runs = repo.checkRuns.filter((r) => r.headSha === commit.sha && (input.required_contexts === undefined || input.required_contexts.includes(r.name)));
  const failing = runs.filter((r) => r.status !== "completed" || !PASSING.includes(r.conclusion ?? ""));
  if (failing.length > 0 && !(input.required_contexts?.length === 0)) {
    throw new ApiError(409, `Conflict: Commit status checks failed for ${input.ref}.`, [{ resource: "Deployment", field: "required_contexts", code: "invalid", value: failing.map((r) => r.name) }]);
  }
  const environment = input.environment ?? "production";
  const now = hub.state.now();
  const deployment: Deployment = {
    id: hub.state.ids.next(),
    sha: commit.sha,
    ref: input.ref,
    task: input.task ?? "deploy",
    payload: input.payload ?? {},
    environment,
    description: input.description ?? "",
    creator: actor.user,
    viaApp: actor.viaApp,
    createdAt: now,
    updatedAt: now,
    transient: input.transient_environment ?? false,
    production: input.production_environment ?? environment === "production",
    statuses: [],
  };
  repo.deployments.push(deployment);
  hub.hooks.repoEvent("deployment", "created", repo, actor.user, { deployment: deploymentObject(hub.urls(), hub.state, repo, deployment), workflow: null, workflow_run: null });
  return deployment;
}

export function requireDeployment(repo: Repo, id: number): Deployment {
  const deployment = repo.deployments.find((d) => d.id === id);
  if (!deployment) throw new ApiError(404, "Not Found");
  return deployment;
}

export interface DeploymentStatusInput {
  state: string;
  target_url?: string;
  log_url?: string;
  description?: string;
  environment?: string;
  environment_url?: string;
  auto_inactive?: boolean;
}

export function createDeploymentStatus(hub: Hub, repo: Repo, actor: Actor, deploymentId: number, input: DeploymentStatusInput): DeploymentStatus {
  requireRole(repo, actor, "write");
  const deployment = requireDeployment(repo, deploymentId);
  if (!STATES.includes(input.state)) throw validationFailed({ resource: "DeploymentStatus", field: "state", code: "invalid", value: input.state });
  const now = hub.state.now();
  const status = newStatus(hub, actor, { ...input, environment: input.environment ?? deployment.environment }, now);
  deployment.statuses.unshift(status);
  deployment.updatedAt = now;
  if (input.environment) deployment.environment = input.environment;
  // GitHub's documented auto_inactive: prior non-transient, non-production deployments of the environment.
  if (status.state === "success" && input.auto_inactive !== false) {
    for (const prior of repo.deployments) {
      if (prior === deployment || prior.environment !== deployment.environment || prior.transient || prior.production) continue;
      if (prior.statuses[0]?.state === "inactive") continue;
      prior.statuses.unshift(newStatus(hub, actor, { state: "inactive", environment: prior.environment, description: "" }, now));
    }
  }
  hub.hooks.repoEvent("deployment_status", "created", repo, actor.user, { deployment_status: deploymentStatusObject(hub.urls(), hub.state, repo, deployment, status), deployment: deploymentObject(hub.urls(), hub.state, repo, deployment) });
  return status;
}

function newStatus(hub: Hub, actor: Actor, input: DeploymentStatusInput & { environment: string }, now: string): DeploymentStatus {
  return { id: hub.state.ids.next(), state: input.state, creator: actor.user, viaApp: actor.viaApp, description: input.description ?? "", environment: input.environment, targetUrl: input.target_url ?? input.log_url ?? "", logUrl: input.log_url ?? input.target_url ?? "", environmentUrl: input.environment_url ?? "", createdAt: now, updatedAt: now };
}

export interface ReleaseInput {
  tag_name: string;
  target_commitish?: string;
  name?: string | null;
  body?: string | null;
  draft?: boolean;
  prerelease?: boolean;
}

/** Creates a release (and its tag at `target_commitish` when the tag is new); a non-draft one is published. */
export function createRelease(hub: Hub, repo: Repo, actor: Actor, input: ReleaseInput): Release {
  requireRole(repo, actor, "write");
  if (!input.tag_name) throw validationFailed({ resource: "Release", field: "tag_name", code: "missing_field" });
  if (repo.releases.some((r) => r.tagName === input.tag_name)) throw validationFailed({ resource: "Release", code: "already_exists", field: "tag_name" });
  const target = input.target_commitish ?? repo.git.defaultBranch;
  if (!repo.git.tags.has(input.tag_name)) {
    const commit = repo.git.resolve(target);
    if (!commit) throw validationFailed({ resource: "Release", code: "invalid", field: "target_commitish" });
    if (!(input.draft ?? false)) repo.git.tags.set(input.tag_name, commit.sha);
  }
  const now = hub.state.now();
  const release: Release = { id: hub.state.ids.next(), tagName: input.tag_name, targetCommitish: target, name: input.name ?? null, body: input.body ?? null, draft: input.draft ?? false, prerelease: input.prerelease ?? false, author: actor.user, createdAt: now, publishedAt: input.draft ? null : now };
  repo.releases.push(release);
  const body = () => ({ release: releaseObject(hub.urls(), repo, release) });
  hub.hooks.repoEvent("release", "created", repo, actor.user, body());
  if (!release.draft) {
    hub.hooks.repoEvent("release", "published", repo, actor.user, body());
    if (!release.prerelease) hub.hooks.repoEvent("release", "released", repo, actor.user, body());
  }
  return release;
}
