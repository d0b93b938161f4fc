/**
 * What the web dashboard asks GitHub as the person signed in: the OAuth web flow of the GitHub
 * App (code exchange, token refresh), who they are, and which installations and repositories
 * they can reach. `octokit/user-tokens.ts` implements it; tests answer its HTTP with nock or the
 * stand-in.
 */

/** A user-to-server token pair; the expiries are null when the app's user tokens do not expire. */
export interface UserTokens {
  accessToken: string;
  accessExpiresAt: Date | null;
  refreshToken: string | null;
  refreshExpiresAt: Date | null;
}

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
}

export interface UserInstallation {
  id: number;
  accountLogin: string;
}

export interface UserRepository {
  id: number;
  owner: string;
  name: string;
  private: boolean;
}

export interface UserTokenPort {
  /** Where to send the browser: GitHub's authorize page for this app, carrying `state`. */
  authorizationUrl(input: { state: string; redirectUrl: string }): string;
  /** Trades the callback's code for tokens. Throws `UserAuthRefused` for a used, wrong or expired code. */
  exchangeCode(input: { code: string; redirectUrl: string }): Promise<UserTokens>;
  /** A new pair; GitHub revokes the old one. Throws `UserAuthRefused` when the refresh token is dead or the app was revoked. */
  refresh(refreshToken: string): Promise<UserTokens>;
  user(accessToken: string): Promise<GitHubUser>;
  /** `GET /user/installations`: the app's installations the person can reach. */
  installations(accessToken: string): Promise<UserInstallation[]>;
  /** `GET /user/installations/{id}/repositories`: what both the person and the installation can reach. */
  installationRepositories(accessToken: string, installationId: number): Promise<UserRepository[]>;
}

/** GitHub refused the person's credentials for good: a dead code, refresh token or access token. */
export class UserAuthRefused extends Error {
  readonly code = "USER_AUTH_REFUSED";
}
