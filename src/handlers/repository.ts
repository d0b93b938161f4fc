import { upsertRepository } from "../db/queries/repositories.js";
import type { Runtime } from "../runtime.js";
import type { Repository } from "./payloads.js";

/** Keeps the repository row current from the payload that mentions it (renames included). */
export async function rememberRepository(rt: Runtime, installationId: number, repository: Repository): Promise<void> {
  await upsertRepository(
    rt.db,
    {
      id: repository.id,
      installationId,
      owner: repository.owner.login,
      name: repository.name,
      defaultBranch: repository.default_branch,
      private: repository.private,
    },
    rt.clock.now(),
  );
}
