import type { Logger } from "probot";
import type { Db } from "../../db/client.js";
import { dropAccess } from "../../db/queries/web-access.js";
import { signOutEverywhere } from "./sign-out.js";

export interface AccessChangeScope {
  db: Db;
  log: Logger;
}

/**
 * What a webhook says about who may see what. Losing access drops the cached answers that held
 * it; gaining access cannot be tied to a person (GitHub does not say who may now see an added
 * repository), so every cached answer is dropped and read again on each person's next page.
 */
export type AccessChange =
  | { kind: "installation-lost"; installationId: number }
  | { kind: "installation-gained"; installationId: number }
  | { kind: "collaborator"; userId: number }
  | { kind: "authorization-revoked"; userId: number };

export async function onAccessChanged(scope: AccessChangeScope, change: AccessChange): Promise<void> {
  switch (change.kind) {
    case "installation-lost": {
      const dropped = await dropAccess(scope.db, { installationId: change.installationId });
      scope.log.info({ installation: change.installationId, dropped }, "installation access narrowed; cached access dropped");
      return;
    }
    case "installation-gained": {
      const dropped = await dropAccess(scope.db, { all: true });
      scope.log.info({ installation: change.installationId, dropped }, "installation access widened; cached access dropped");
      return;
    }
    case "collaborator":
      await dropAccess(scope.db, { userIds: [change.userId] });
      scope.log.info({ user: change.userId }, "collaborator access changed; their cached access dropped");
      return;
    case "authorization-revoked":
      await signOutEverywhere(scope.db, change.userId);
      scope.log.info({ user: change.userId }, "the person revoked the app: signed out everywhere");
      return;
  }
}
