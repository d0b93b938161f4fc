import { accessFetchedAt, cachedVisibleRepositories, knownRepositories, replaceAccess, type VisibleRepository } from "../../db/queries/web-access.js";
import { isNotFound } from "../../github/errors.js";
import { UserAuthRefused } from "../../github/user-port.js";
import { signOutEverywhere } from "./sign-out.js";
import { currentAccessToken } from "./user-token.js";
import { SignedOut, type ViewerScope } from "./viewer-scope.js";

/** GitHub is asked again after this long, or sooner when a webhook says access changed. */
export const ACCESS_TTL_MS = 5 * 60_000;

/**
 * The repositories a person may see: those both they and one of our installations can reach,
 * as GitHub answers `GET /user/installations` and `GET /user/installations/{id}/repositories`
 * with their own token. The answer is cached for five minutes; webhooks about installations,
 * collaborators and revoked authorisations drop it sooner. Every page and API query takes this
 * list, and nothing else, as what it may read.
 */
export async function visibleRepositories(scope: ViewerScope, userId: number): Promise<VisibleRepository[]> {
  if (!(await accessIsFresh(scope, userId))) await refreshOnce(scope, userId);
  return cachedVisibleRepositories(scope.db, userId);
}

async function accessIsFresh(scope: ViewerScope, userId: number): Promise<boolean> {
  const fetchedAt = await accessFetchedAt(scope.db, userId);
  return fetchedAt !== undefined && scope.clock.now().getTime() - fetchedAt.getTime() < ACCESS_TTL_MS;
}

/** The reads of GitHub under way in this process, per database and person. */
const refreshing = new WeakMap<ViewerScope["db"], Map<number, Promise<void>>>();

/**
 * One read of GitHub at a time per person: a page opening several requests at once (or a
 * script's parallel calls) shares the first one's answer instead of each asking GitHub.
 * A request that found the cache stale just before another's read finished looks again before
 * asking, so it takes that answer too. Another replica may ask as well; that costs a call,
 * never a wrong answer.
 */
function refreshOnce(scope: ViewerScope, userId: number): Promise<void> {
  let byUser = refreshing.get(scope.db);
  if (!byUser) refreshing.set(scope.db, (byUser = new Map()));
  const running = byUser.get(userId);
  if (running) return running;
  const started = (async () => {
    if (!(await accessIsFresh(scope, userId))) await refreshAccess(scope, userId);
  })().finally(() => byUser.delete(userId));
  byUser.set(userId, started);
  return started;
}

/** Asks GitHub what the person can reach now, and caches what of it Senseloop knows. */
async function refreshAccess(scope: ViewerScope, userId: number): Promise<void> {
  const token = await currentAccessToken(scope, userId);
  const startedAt = scope.clock.now();
  try {
    const reachable = new Map<number, number>();
    for (const installation of await scope.github.installations(token)) {
      const repos = await scope.github.installationRepositories(token, installation.id).catch((err: unknown) => {
        // Uninstalled between the two calls: it offers nothing.
        if (isNotFound(err)) return [];
        throw err;
      });
      for (const repo of repos) reachable.set(repo.id, installation.id);
    }
    // Only where GitHub and our tables agree on the installation: a repository that moved is read again once its events arrive.
    const known = (await knownRepositories(scope.db, [...reachable.keys()])).filter((repo) => reachable.get(repo.id) === repo.installationId);
    await replaceAccess(scope.db, userId, known.map((repo) => ({ repositoryId: repo.id, installationId: repo.installationId })), startedAt);
    scope.log.debug({ user: userId, reachable: reachable.size, known: known.length }, "access read from GitHub");
  } catch (err) {
    if (!(err instanceof UserAuthRefused)) throw err;
    // A token that was valid a moment ago and is refused now: the person revoked the app.
    await signOutEverywhere(scope.db, userId);
    scope.log.info({ user: userId }, "signed out: GitHub refused the user token");
    throw new SignedOut(err.message);
  }
}
