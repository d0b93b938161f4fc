import { findInstallationRepository, upsertRepository, type RepositoryRow } from "../db/queries/repositories.js";
import type { GitHub } from "../github/port.js";
import { appGitHub, type Runtime } from "../runtime.js";

/**
 * The repository `owner/name` if it belongs to this installation, else null. A repository of
 * another installation, public or private, is treated as not found, and nothing about it is
 * stored or shown.
 */
export async function resolveInstallationRepository(rt: Runtime, gh: GitHub, installationId: number, fullName: string): Promise<RepositoryRow | null> {
  const known = await findInstallationRepository(rt.db, installationId, fullName);
  if (known) return known;
  const [owner, repo] = fullName.split("/") as [string, string];
  const holder = await (await appGitHub(rt)).getRepositoryInstallationId({ owner, repo });
  if (holder !== installationId) return null;
  const data = await gh.getRepository({ owner, repo });
  if (!data) return null;
  await upsertRepository(rt.db, { id: data.id, installationId, owner: data.owner, name: data.name, defaultBranch: data.defaultBranch, private: data.private }, rt.clock.now());
  return (await findInstallationRepository(rt.db, installationId, data.fullName)) ?? null;
}
