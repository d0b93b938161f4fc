import type { IssueSnapshot } from "../db/queries/hypotheses.js";
import { findSenseItemByIssue } from "../db/queries/sense-items.js";
import type { FollowUp } from "../domain/effects.js";
import { onIssueChanged } from "./hypothesis-events.js";
import { rememberRepository, type RepositorySnapshot } from "./repositories.js";
import type { Scope } from "./scope.js";
import { onSenseIssueClosed } from "./sense-closed.js";

export interface IssueEvent {
  installationId: number;
  deliveryId: string;
  action: string;
  repository: RepositorySnapshot;
  issue: IssueSnapshot;
  senderLogin: string;
}

/** An `issues` event: about one of our sense issues (closed too early?), or maybe a hypothesis. */
export async function onIssueEvent(scope: Scope, event: IssueEvent): Promise<FollowUp[]> {
  await rememberRepository(scope, event.installationId, event.repository);
  const senseItem = await findSenseItemByIssue(scope.db, event.repository.id, event.issue.number);
  if (senseItem) return event.action === "closed" ? onSenseIssueClosed(scope, senseItem, { by: event.senderLogin, deliveryId: event.deliveryId }) : [];
  return onIssueChanged(scope, { installationId: event.installationId, action: event.action, repository: event.repository, issue: event.issue });
}
