import type { ShipEvent } from "../domain/ship-event.js";
import { announceShip } from "../services/ship-intake.js";
import { readPayload, repositoryOf, type Handler } from "./context.js";
import { DeploymentStatusEvent, MergedPullRequestEvent, ReleaseEvent } from "./payloads.js";

/** A successful, non-transient deployment: whether its environment counts is the ship job's call (config). */
export const onDeploymentStatus: Handler = async ({ scope, payload, installationId }) => {
  const event = readPayload(DeploymentStatusEvent, payload);
  const { deployment, deployment_status: status } = event;
  if (status.state !== "success" || deployment.transient_environment) {
    scope.log.debug({ state: status.state, environment: deployment.environment }, "deployment status is not a ship");
    return [];
  }
  return announceShip(scope, repositoryOf(event.repository), {
    installationId,
    repositoryId: event.repository.id,
    source: "deployment",
    sourceRef: String(deployment.id),
    environment: deployment.environment,
    sha: deployment.sha,
    shippedAt: status.created_at,
    url: status.log_url || status.target_url || null,
    label: `deployment ${deployment.id}`,
  });
};

/** A published release (or a pre-release promoted to a release) that is neither a draft nor a pre-release: its tag's commit shipped. */
export const onReleasePublished: Handler = async ({ scope, payload, installationId }) => {
  const event = readPayload(ReleaseEvent, payload);
  const { release } = event;
  if (release.draft || release.prerelease) {
    scope.log.debug({ tag: release.tag_name }, "draft or pre-release: not a ship");
    return [];
  }
  return announceShip(scope, repositoryOf(event.repository), {
    installationId,
    repositoryId: event.repository.id,
    source: "release",
    sourceRef: release.tag_name,
    environment: null,
    sha: null,
    tag: release.tag_name,
    shippedAt: release.published_at ?? release.created_at ?? scope.clock.now().toISOString(),
    url: release.html_url,
    label: `release ${release.tag_name}`,
  });
};

/** For teams without deployments: a PR merged into the default branch ships at merge time (if `ship.on` says so). */
export function mergeShip(payload: unknown, installationId: number): ShipEvent | undefined {
  const event = MergedPullRequestEvent.safeParse(payload);
  if (!event.success) return undefined;
  const { pull_request: pr, repository } = event.data;
  if (!pr.merged || !pr.merged_at || !pr.merge_commit_sha || pr.base.ref !== repository.default_branch) return undefined;
  return {
    installationId,
    repositoryId: repository.id,
    source: "merge",
    sourceRef: String(pr.number),
    environment: null,
    sha: pr.merge_commit_sha,
    shippedAt: pr.merged_at,
    url: pr.html_url,
    label: `the merge of #${pr.number}`,
  };
}
