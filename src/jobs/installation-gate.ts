import type { Logger } from "probot";
import { holdInstallation, installationAccess } from "../db/queries/installation-access.js";
import { recordPermissionRefusal } from "../db/queries/permission-refusals.js";
import { setInstallationActive, setInstallationSuspended } from "../db/queries/repositories.js";
import { nextHold } from "../domain/rate-limit-hold.js";
import { CallHeld, GitHubError, goneInstallation, InstallationUnavailable, permissionFor, repositoryOfRequest } from "../github/errors.js";
import type { CallHooks } from "../github/octokit/index.js";
import type { AppPort } from "../github/port.js";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";

export interface GateOptions {
  /** False for dry runs: refuse calls as a real run would, but record nothing. */
  record: boolean;
  app: () => Promise<AppPort>;
  /** Replaces a cached installation token GitHub refused, so the retry does not present it again. */
  refreshToken: () => Promise<unknown>;
}

/**
 * The installation's state, kept in the database and checked before every call its jobs make:
 * no call goes out for a removed or suspended installation, nor before a rate limit GitHub set
 * on it resets (other installations are not held). Every failure GitHub answers is read here
 * first: a rate limit becomes a fact of the installation, a refused token marks it gone or
 * suspended, a missing permission is recorded for the status page.
 */
export function installationGate(rt: { db: Db; clock: Clock }, installationId: number, log: Logger, options: GateOptions): CallHooks {
  const { db, clock } = rt;
  return {
    async before() {
      const access = await installationAccess(db, installationId);
      if (!access) return;
      if (!access.active) throw new InstallationUnavailable(installationId, "gone");
      if (access.suspended) throw new InstallationUnavailable(installationId, "suspended");
      if (access.hold && access.hold.until.getTime() > clock.now().getTime()) throw new CallHeld(installationId, access.hold.until, access.hold.kind);
    },

    async failed(err) {
      if (!(err instanceof GitHubError)) return err;
      if (err.failure === "rate_limited" && err.rateLimit) {
        const now = clock.now();
        const hold = nextHold((await installationAccess(db, installationId))?.hold ?? null, err.rateLimit, now);
        if (options.record) await holdInstallation(db, installationId, hold, now);
        log.warn({ installation: installationId, kind: hold.kind, until: hold.until.toISOString(), request: err.request }, "GitHub rate-limited the installation; none of its calls go out before the limit resets");
        return new CallHeld(installationId, hold.until, hold.kind);
      }
      if (err.failure === "not_permitted") {
        const refusal = { installationId, repository: repositoryOfRequest(err.request), permission: permissionFor(err.request), request: err.request, message: err.message };
        const first = options.record ? await recordPermissionRefusal(db, refusal, clock.now()) : true;
        if (first) log.warn({ installation: installationId, repository: refusal.repository, permission: refusal.permission, request: err.request }, "GitHub refused a permission this installation has not granted; what needs it is off there until the owner accepts it");
        return err;
      }
      const tokenRefused = goneInstallation(err) !== undefined;
      if (tokenRefused && err.status === 404) return unavailable("gone");
      if (tokenRefused && err.status === 403) return unavailable("suspended");
      if (err.status === 401) return verify(err);
      return err;
    },
  };

  async function unavailable(state: "gone" | "suspended"): Promise<InstallationUnavailable> {
    const now = clock.now();
    if (options.record) await (state === "gone" ? setInstallationActive(db, installationId, false, now) : setInstallationSuspended(db, installationId, true, now));
    log.warn({ installation: installationId, state }, "GitHub refused the installation's token: marked so, its jobs end until it comes back");
    return new InstallationUnavailable(installationId, state);
  }

  /**
   * A 401 means the token was refused, but not why: asked as the app, GitHub says whether the
   * installation is gone or suspended. If it is neither, the token was stale and a retry gets a
   * fresh one; if the app's own credentials are refused, that is no installation's fault.
   */
  async function verify(err: GitHubError): Promise<unknown> {
    let state: Awaited<ReturnType<AppPort["installationState"]>>;
    try {
      state = await (await options.app()).installationState(installationId);
    } catch (verifyErr) {
      log.error({ installation: installationId, err: verifyErr }, "GitHub refused an installation token and the app's own credentials; check APP_ID and the private key");
      return new GitHubError(err.message, err.status, "transient", err.request, undefined, err.responseBody);
    }
    if (state !== "active") return unavailable(state);
    await options.refreshToken().catch(() => {});
    log.warn({ installation: installationId, request: err.request }, "GitHub refused a token of an installation that is still there; retrying with a fresh one");
    return new GitHubError(err.message, err.status, "transient", err.request, undefined, err.responseBody);
  }
}
