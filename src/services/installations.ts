import { clearPermissionRefusals } from "../db/queries/permission-refusals.js";
import { markRepositoryRemoved, setInstallationActive, setInstallationSuspended, upsertInstallation, upsertRepository } from "../db/queries/repositories.js";
import type { Scope } from "./scope.js";
import { onAccessChanged } from "./viewer/access-changes.js";

export interface InstallationAccount {
  id: number;
  accountLogin: string;
  accountType?: string | undefined;
}

export interface InstalledRepository {
  id: number;
  fullName: string;
  private?: boolean | undefined;
}

export type InstallationChange =
  | { action: "created" | "new_permissions_accepted"; installation: InstallationAccount; repositories: InstalledRepository[] }
  | { action: "deleted" | "suspend" | "unsuspend"; installation: InstallationAccount }
  | { action: "repositories"; installation: InstallationAccount; added: InstalledRepository[]; removed: InstalledRepository[] };

/**
 * An installation appeared, went, was suspended or changed its repositories: the tables and the
 * web dashboard's access cache follow. A new install, an unsuspend or newly accepted permissions
 * bring back an installation its jobs had found gone, suspended or short of a permission.
 */
export async function onInstallationChanged(scope: Pick<Scope, "db" | "clock" | "log">, change: InstallationChange): Promise<void> {
  const { db } = scope;
  const now = scope.clock.now();
  const { id } = change.installation;
  const addRepositories = async (repos: InstalledRepository[]) => {
    for (const repo of repos) {
      const [owner, name] = repo.fullName.split("/") as [string, string];
      await upsertRepository(db, { id: repo.id, installationId: id, owner, name, private: repo.private }, now);
    }
  };
  const gained = { kind: "installation-gained", installationId: id } as const;
  const lost = { kind: "installation-lost", installationId: id } as const;
  switch (change.action) {
    case "created":
    case "new_permissions_accepted":
      await upsertInstallation(db, change.installation, now);
      await setInstallationSuspended(db, id, false, now);
      await clearPermissionRefusals(db, id);
      await addRepositories(change.repositories);
      await onAccessChanged(scope, gained);
      break;
    case "repositories":
      await upsertInstallation(db, change.installation, now);
      await addRepositories(change.added);
      for (const repo of change.removed) await markRepositoryRemoved(db, repo.id, now);
      if (change.removed.length > 0) await onAccessChanged(scope, lost);
      if (change.added.length > 0) await onAccessChanged(scope, gained);
      break;
    case "deleted":
      await setInstallationActive(db, id, false, now);
      await onAccessChanged(scope, lost);
      break;
    case "suspend":
      await setInstallationSuspended(db, id, true, now);
      await onAccessChanged(scope, lost);
      break;
    case "unsuspend":
      // Its jobs may have found it refused before this event arrived, and marked it gone.
      await setInstallationSuspended(db, id, false, now);
      await setInstallationActive(db, id, true, now);
      await onAccessChanged(scope, gained);
      break;
  }
  scope.log.info({ installation: id, action: change.action }, "installation changed");
}
