import { loadRepoConfig } from "../config/load.js";
import { ConfigInvalid, type ConfigProblem } from "../config/problems.js";
import { durationHours, type RepoConfig } from "../config/schema.js";
import { getRepository } from "../db/queries/repositories.js";
import type { RepoRef } from "../github/port.js";
import { cachedConfigFiles } from "./config-cache.js";
import type { Scope } from "./scope.js";

export type ConfigResult = { ok: true; config: RepoConfig } | { ok: false; problems: ConfigProblem[] };

/** Reads and validates a repository's config (through the shared cache), and remembers whether it is valid. */
export async function readRepoConfig(scope: Scope, repositoryId: number, ref: RepoRef): Promise<ConfigResult> {
  try {
    const installationId = (await getRepository(scope.db, repositoryId))?.installationId;
    const config = await loadRepoConfig(cachedConfigFiles(scope, installationId), ref);
    const timing = { graceDays: config.respond.graceDays, escalateAfterDays: config.respond.escalateAfterDays, readingEveryHours: durationHours(config.signals.every)!, hypothesisLabel: config.hypotheses.label.toLowerCase() };
    await scope.store.configRead(repositoryId, { status: "ok", problems: null, timing }, scope.clock.now());
    return { ok: true, config };
  } catch (err) {
    if (!(err instanceof ConfigInvalid)) throw err;
    await scope.store.configRead(repositoryId, { status: "invalid", problems: err.problems }, scope.clock.now());
    scope.log.warn({ repo: `${ref.owner}/${ref.repo}`, problems: err.problems }, "repository config is invalid");
    return { ok: false, problems: err.problems };
  }
}
