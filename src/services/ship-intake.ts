import type { FollowUp } from "../domain/effects.js";
import type { ShipEvent } from "../domain/ship-event.js";
import { rememberRepository, type RepositorySnapshot } from "./repositories.js";
import type { Scope } from "./scope.js";

/** A deployment, release or merge announced by a webhook: worked out in the ship queue, in order. */
export async function announceShip(scope: Scope, repository: RepositorySnapshot, ship: ShipEvent): Promise<FollowUp[]> {
  await rememberRepository(scope, ship.installationId, repository);
  return [{ kind: "ship", ship }];
}

export interface PullRequestChange {
  installationId: number;
  repository: RepositorySnapshot;
  number: number;
  /** Set when the PR was merged into the default branch: a ship, when `ship.on` has `merge`. */
  merge?: ShipEvent | undefined;
}

/** Any change that can alter a PR's check, and closing (to record the merge): check it again. */
export async function onPullRequestChanged(scope: Scope, change: PullRequestChange): Promise<FollowUp[]> {
  await rememberRepository(scope, change.installationId, change.repository);
  const recheck: FollowUp = { kind: "recheck-pr", installationId: change.installationId, repositoryId: change.repository.id, number: change.number };
  return change.merge ? [recheck, { kind: "ship", ship: change.merge }] : [recheck];
}
