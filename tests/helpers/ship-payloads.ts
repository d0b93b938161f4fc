import { INSTALLATION_ID, SHOP, type TestRepo } from "./ids.js";
import { example, repositoryPayload, user } from "./payloads.js";

export interface DeploymentOptions {
  repo?: TestRepo;
  id?: number;
  sha?: string;
  environment?: string;
  state?: string;
  transient?: boolean;
  at?: string;
}

export function deploymentStatusEvent(o: DeploymentOptions = {}) {
  const payload = example("deployment_status", "created");
  const repo = o.repo ?? SHOP;
  const id = o.id ?? 9001;
  const environment = o.environment ?? "production";
  payload.action = "created";
  payload.repository = repositoryPayload(repo);
  payload.installation = { id: INSTALLATION_ID, node_id: "I_42" };
  payload.sender = user("deployer-bot", "Bot");
  const deployment = `https://api.github.com/repos/${repo.fullName}/deployments/${id}`;
  payload.deployment = {
    ...payload.deployment,
    id,
    node_id: `DE_${id}`,
    url: deployment,
    statuses_url: `${deployment}/statuses`,
    repository_url: `https://api.github.com/repos/${repo.fullName}`,
    sha: o.sha ?? "b".repeat(40),
    environment,
    original_environment: environment,
    transient_environment: o.transient ?? false,
    created_at: o.at ?? "2026-03-02T10:00:00Z",
    updated_at: o.at ?? "2026-03-02T10:00:00Z",
    creator: user("deployer-bot", "Bot"),
  };
  payload.deployment_status = {
    ...payload.deployment_status,
    state: o.state ?? "success",
    environment,
    created_at: o.at ?? "2026-03-02T10:00:00Z",
    updated_at: o.at ?? "2026-03-02T10:00:00Z",
    log_url: `https://ci.example.com/deploys/${id}`,
    target_url: `https://ci.example.com/deploys/${id}`,
    deployment_url: deployment,
    repository_url: `https://api.github.com/repos/${repo.fullName}`,
    creator: user("deployer-bot", "Bot"),
  };
  delete payload.organization;
  return payload;
}

export interface ReleaseOptions {
  repo?: TestRepo;
  tag?: string;
  draft?: boolean;
  prerelease?: boolean;
  at?: string;
}

export function releaseEvent(action: string, o: ReleaseOptions = {}) {
  const payload = example("release", action);
  const repo = o.repo ?? SHOP;
  const tag = o.tag ?? "v1.0.0";
  payload.action = action;
  payload.repository = repositoryPayload(repo);
  payload.installation = { id: INSTALLATION_ID, node_id: "I_42" };
  payload.sender = user("releaser");
  payload.release = {
    ...payload.release,
    id: 777,
    node_id: "RE_777",
    tag_name: tag,
    name: tag,
    body: "",
    draft: o.draft ?? false,
    prerelease: o.prerelease ?? false,
    published_at: o.at ?? "2026-03-02T10:00:00Z",
    html_url: `https://github.com/${repo.fullName}/releases/tag/${tag}`,
    author: user("releaser"),
  };
  delete payload.organization;
  return payload;
}
