import { OAuthApp } from "@octokit/oauth-app";
import { exchangeWebFlowCode } from "@octokit/oauth-methods";
import type { Clock } from "../../clock.js";
import { toGitHubError } from "../errors.js";
import { senseloopOctokit } from "../pacing.js";
import { UserAuthRefused, type GitHubUser, type UserInstallation, type UserRepository, type UserTokenPort, type UserTokens } from "../user-port.js";

/** A page view waits on these calls: better a clear "GitHub did not answer" than a hung page. */
const CALL_TIMEOUT_MS = 10_000;
/** 100 per page; a person reaching more than 5,000 repositories of one installation sees the first 5,000. */
const MAX_PAGES = 50;

export interface UserTokenOptions {
  clientId: string;
  clientSecret: string;
  /** GitHub's REST root; OAuth's web root is derived from it (GitHub Enterprise Server drops `/api/v3`). */
  apiUrl: string;
  clock: Clock;
}

/** OAuth errors come back as 200s carrying `error`; @octokit/oauth-methods throws them as 400s naming it. */
const REFUSED = /bad_verification_code|bad_refresh_token|incorrect_client_credentials|unauthorized|redirect_uri_mismatch/;

/** The user-token port over @octokit/oauth-app (exchange, refresh) and Probot's Octokit (reads). */
export function octokitUserTokens(options: UserTokenOptions): UserTokenPort {
  const Octokit = senseloopOctokit({ throttle: false }).defaults({ baseUrl: options.apiUrl });
  const oauth = new OAuthApp({ clientType: "github-app", clientId: options.clientId, clientSecret: options.clientSecret, Octokit });
  const signal = () => AbortSignal.timeout(CALL_TIMEOUT_MS);

  const refusedOr = (err: unknown): unknown => {
    const e = err as { status?: number; message?: string };
    if (e?.status === 401 || (e?.status === 400 && REFUSED.test(e.message ?? ""))) return new UserAuthRefused(`GitHub refused the credentials: ${(e.message ?? "").slice(0, 200)}`);
    return toGitHubError(err, options.clock.now());
  };
  const guarded = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      throw refusedOr(err);
    }
  };
  const asUser = (token: string) => new Octokit({ auth: { token } });
  const tokens = (a: { token: string; expiresAt?: string; refreshToken?: string; refreshTokenExpiresAt?: string }): UserTokens => ({
    accessToken: a.token,
    accessExpiresAt: a.expiresAt ? new Date(a.expiresAt) : null,
    refreshToken: a.refreshToken ?? null,
    refreshExpiresAt: a.refreshTokenExpiresAt ? new Date(a.refreshTokenExpiresAt) : null,
  });

  return {
    authorizationUrl: ({ state, redirectUrl }) => oauth.getWebFlowAuthorizationUrl({ state, redirectUrl }).url,
    // The call OAuthApp.createToken makes, without the check it adds afterwards: createToken
    // refreshes at once when GitHub's Date plus the lifetime is past by this machine's clock,
    // spending the pair just issued; expiry is ours to judge, on the injected clock.
    exchangeCode: ({ code, redirectUrl }) =>
      guarded(async () => tokens((await exchangeWebFlowCode({ clientType: "github-app", clientId: options.clientId, clientSecret: options.clientSecret, code, redirectUrl, request: oauth.octokit.request })).authentication)),
    refresh: (refreshToken) => guarded(async () => tokens((await oauth.refreshToken({ refreshToken })).authentication)),
    user: (accessToken) =>
      guarded(async (): Promise<GitHubUser> => {
        const { data } = await asUser(accessToken).rest.users.getAuthenticated({ request: { signal: signal() } });
        return { id: data.id, login: data.login, name: data.name ?? null };
      }),
    installations: (accessToken) =>
      guarded(async (): Promise<UserInstallation[]> => {
        const octokit = asUser(accessToken);
        const found: UserInstallation[] = [];
        let pages = 0;
        for await (const page of octokit.paginate.iterator(octokit.rest.apps.listInstallationsForAuthenticatedUser, { per_page: 100, request: { signal: signal() } })) {
          for (const installation of page.data) {
            const account = installation.account as { login?: string; slug?: string } | null;
            found.push({ id: installation.id, accountLogin: account?.login ?? account?.slug ?? "" });
          }
          if (++pages >= MAX_PAGES) break;
        }
        return found;
      }),
    installationRepositories: (accessToken, installationId) =>
      guarded(async (): Promise<UserRepository[]> => {
        const octokit = asUser(accessToken);
        const found: UserRepository[] = [];
        let pages = 0;
        for await (const page of octokit.paginate.iterator(octokit.rest.apps.listInstallationReposForAuthenticatedUser, { installation_id: installationId, per_page: 100, request: { signal: signal() } })) {
          for (const repo of page.data) found.push({ id: repo.id, owner: repo.owner.login, name: repo.name, private: repo.private });
          if (++pages >= MAX_PAGES) break;
        }
        return found;
      }),
  };
}
