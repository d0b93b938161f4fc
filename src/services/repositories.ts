import { upsertRepository } from "../db/queries/repositories.js";
import type { Scope } from "./scope.js";

/** A repository as a webhook payload names it. */
export interface RepositorySnapshot {
  id: number;
  owner: string;
  name: string;
  defaultBranch?: string | undefined;
  private?: boolean | undefined;
}

/** Keeps the repository row current from the payload that mentions it (renames included). */
export async function rememberRepository(scope: Pick<Scope, "db" | "clock">, installationId: number, repository: RepositorySnapshot): Promise<void> {
  await upsertRepository(scope.db, { ...repository, installationId }, scope.clock.now());
}
