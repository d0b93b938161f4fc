import { loadRepoConfig } from "../config/load.js";
import { ConfigInvalid, type ConfigProblem } from "../config/problems.js";
import type { RepoConfig } from "../config/schema.js";
import { setConfigStatus } from "../db/queries/repositories.js";
import { toGitHubError } from "../github/errors.js";
import type { GitHub, RepoRef } from "../github/port.js";
import type { Runtime } from "../runtime.js";

export type ConfigResult = { ok: true; config: RepoConfig } | { ok: false; problems: ConfigProblem[] };

/** Reads and validates a repository's config, and remembers whether it is valid. */
export async function readRepoConfig(rt: Runtime, gh: GitHub, repositoryId: number, ref: RepoRef): Promise<ConfigResult> {
  await gh.ensureAccess();
  try {
    const config = await loadRepoConfig(gh.octokit, ref.owner, ref.repo);
    await setConfigStatus(rt.db, repositoryId, "ok", null, rt.clock.now(), { graceDays: config.respond.graceDays, escalateAfterDays: config.respond.escalateAfterDays });
    return { ok: true, config };
  } catch (err) {
    if (!(err instanceof ConfigInvalid)) throw toGitHubError(err, rt.clock.now());
    await setConfigStatus(rt.db, repositoryId, "invalid", err.problems, rt.clock.now());
    rt.log.warn({ repo: `${ref.owner}/${ref.repo}`, problems: err.problems }, "repository config is invalid");
    return { ok: false, problems: err.problems };
  }
}
