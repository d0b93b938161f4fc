import { findInstallationRepository, upsertRepository, type RepositoryRow } from "../db/queries/repositories.js";
import type { Scope } from "./scope.js";

/**
 * The repository `owner/name` if it belongs to this installation, else null. A repository of
 * another installation, public or private, is treated as not found, and nothing about it is
 * stored or shown.
 */
export async function resolveInstallationRepository(scope: Scope, installationId: number, fullName: string): Promise<RepositoryRow | null> {
  const known = await findInstallationRepository(scope.db, installationId, fullName);
  if (known) return known;
  const [owner, repo] = fullName.split("/") as [string, string];
  const holder = await (await scope.app()).installationOf({ owner, repo });
  if (holder !== installationId) return null;
  const data = await scope.gh.repos.get({ owner, repo });
  if (!data) return null;
  await upsertRepository(scope.db, { id: data.id, installationId, owner: data.owner, name: data.name, defaultBranch: data.defaultBranch, private: data.private }, scope.clock.now());
  return (await findInstallationRepository(scope.db, installationId, data.fullName)) ?? null;
}
