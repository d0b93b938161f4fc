import type { ConfigFileSource } from "../config/load.js";
import { ConfigInvalid } from "../config/problems.js";
import { getCachedConfigFile, invalidateConfigFiles, type CachedConfigFile } from "../db/queries/config-cache.js";
import { repoKey } from "../db/queries/repositories.js";
import { ConfigFileUnreadable } from "../github/errors.js";
import type { RepoRef } from "../github/port.js";
import type { Scope } from "./scope.js";

/**
 * How long a config file GitHub confirmed (200, 304 or 404) is used without asking again. A push
 * to the default branch that touches the file ends it at once; this bound is for a push whose
 * webhook never came (or an installation that has not accepted the `push` event): such a change
 * is seen within 10 minutes. Past it, the file is asked for with its ETag, and an unchanged file
 * costs a 304, which GitHub does not count against the rate limit.
 */
export const CONFIG_TRUSTED_MS = 10 * 60_000;

export const isTrusted = (file: CachedConfigFile, now: Date) => file.invalidatedAt === null && now.getTime() - file.fetchedAt.getTime() < CONFIG_TRUSTED_MS;

/** Config files as one installation reads them, through the shared cache (none without an installation); a dry run's store keeps what it fetched to itself. */
export function cachedConfigFiles(scope: Scope, installationId: number | undefined): ConfigFileSource {
  return async (ref, path) => {
    if (installationId === undefined) {
      const read = await readFile(scope, ref, path, undefined);
      return read.status === "found" ? read.text : null;
    }
    const key = { installationId, repository: repoKey(ref.owner, ref.repo), path };
    const cached = await getCachedConfigFile(scope.db, key);
    const askedAt = scope.clock.now();
    if (cached && isTrusted(cached, askedAt)) return cached.content;

    const read = await readFile(scope, ref, path, cached?.etag ?? undefined);
    if (read.status === "unchanged") {
      if (!cached) throw new Error(`GitHub answered 304 for ${key.repository}:${path}, which was asked for without an ETag`);
      await scope.store.configFileFetched(key, "unchanged", scope.clock.now(), askedAt);
      return cached.content;
    }
    const answer = read.status === "found" ? { content: read.text, etag: read.etag } : { content: null, etag: null };
    await scope.store.configFileFetched(key, answer, scope.clock.now(), askedAt);
    return answer.content;
  };
}

async function readFile(scope: Scope, ref: RepoRef, path: string, etag: string | undefined) {
  try {
    return await scope.gh.config.read(ref, path, etag);
  } catch (err) {
    if (err instanceof ConfigFileUnreadable) throw new ConfigInvalid([{ path: "(file)", message: err.message }]);
    throw err;
  }
}

/** What a `push` webhook says, as far as cached config goes. */
export interface PushedChange {
  repository: { owner: string; name: string; defaultBranch: string | undefined };
  /** `refs/heads/<branch>`, or a tag's ref. */
  ref: string;
  forced: boolean;
  deleted: boolean;
  /** Each pushed commit's changed paths; GitHub lists at most 2,048 commits. */
  commits: readonly { added: readonly string[]; modified: readonly string[]; removed: readonly string[] }[];
}

/** GitHub's push payload lists at most this many commits: a longer push is not known file by file. */
const MAX_LISTED_COMMITS = 2048;

/**
 * A push to a repository's default branch: the cached files it touched are asked for again at
 * their next read. Every file of the organisation's `.github` repository counts (it holds the
 * defaults of every repository), and so does every file of a push whose files are not all
 * listed (forced, or too many commits, or none listed). Other branches and tags change nothing.
 */
export async function onPushed(scope: Scope, push: PushedChange): Promise<void> {
  const { repository } = push;
  if (push.deleted || !repository.defaultBranch || push.ref !== `refs/heads/${repository.defaultBranch}`) return;
  const unlisted = push.forced || push.commits.length === 0 || push.commits.length >= MAX_LISTED_COMMITS;
  const paths = unlisted || repository.name === ".github" ? "all" : [...new Set(push.commits.flatMap((c) => [...c.added, ...c.modified, ...c.removed]))];
  const invalidated = await invalidateConfigFiles(scope.db, repoKey(repository.owner, repository.name), paths, scope.clock.now());
  if (invalidated > 0) scope.log.info({ repo: `${repository.owner}/${repository.name}`, files: invalidated }, "a push changed cached config; it is read again when next needed");
}
