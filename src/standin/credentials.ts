import { ApiError, badCredentials } from "./errors.js";
import { randomToken } from "./ids.js";
import type { Installation, Permissions, User } from "./model.js";
import type { State } from "./state.js";

const HOUR = 3600_000;
export const USER_TOKEN_SECONDS = 8 * 3600;
export const REFRESH_TOKEN_SECONDS = 15_897_600;

export interface InstallationToken {
  kind: "installation";
  token: string;
  installationId: number;
  /** Real time (ms) the token stops working; see `realNow`. */
  expiresAtMs: number;
  expiresAt: string;
  permissions: Permissions;
  /** Set when the token was narrowed to some repositories. */
  repoIds: Set<number> | undefined;
}

export interface UserToken {
  kind: "user" | "personal";
  token: string;
  userId: number;
  expiresAtMs: number;
  refreshToken: string | undefined;
}

interface RefreshGrant {
  userId: number;
  accessToken: string;
  expiresAtMs: number;
}

interface AuthorizationCode {
  userId: number;
  clientId: string;
  redirectUri: string;
  expiresAtMs: number;
}

/**
 * Every credential the stand-in issued. Lifetimes run on real time, not the stand-in's clock:
 * clients cache tokens by their own clock, and moving the demo's clock a week on must not
 * make GitHub refuse every token they hold (`expireTokens` does that deliberately).
 */
export class Credentials {
  private readonly tokens = new Map<string, InstallationToken | UserToken>();
  private readonly refreshGrants = new Map<string, RefreshGrant>();
  private readonly codes = new Map<string, AuthorizationCode>();
  /** Users who authorised the app (signed in through OAuth). */
  readonly authorized = new Set<number>();

  constructor(
    private readonly state: State,
    private readonly realNow: () => number,
  ) {}

  issueInstallationToken(installation: Installation, scope: { repoIds?: Set<number>; permissions?: Permissions }): InstallationToken {
    const expiresAtMs = this.realNow() + HOUR;
    const expiresAt = new Date(this.state.clock.now().getTime() + HOUR).toISOString().replace(/\.\d{3}Z$/, "Z");
    const record: InstallationToken = { kind: "installation", token: randomToken("ghs_"), installationId: installation.id, expiresAtMs, expiresAt, permissions: scope.permissions ?? { ...installation.permissions }, repoIds: scope.repoIds };
    this.tokens.set(record.token, record);
    return record;
  }

  personalToken(user: User): UserToken {
    const record: UserToken = { kind: "personal", token: randomToken("ghp_"), userId: user.id, expiresAtMs: Number.POSITIVE_INFINITY, refreshToken: undefined };
    this.tokens.set(record.token, record);
    return record;
  }

  /** A one-time code for the OAuth web flow, valid ten minutes. */
  issueCode(user: User, clientId: string, redirectUri: string): string {
    const code = randomToken("", 20).toLowerCase();
    this.codes.set(code, { userId: user.id, clientId, redirectUri, expiresAtMs: this.realNow() + 10 * 60_000 });
    return code;
  }

  redeemCode(code: string, clientId: string, redirectUri: string | undefined): UserToken | undefined {
    const grant = this.codes.get(code);
    this.codes.delete(code);
    if (!grant || grant.clientId !== clientId || grant.expiresAtMs < this.realNow()) return undefined;
    if (redirectUri !== undefined && redirectUri !== grant.redirectUri) return undefined;
    this.authorized.add(grant.userId);
    return this.issueUserToken(grant.userId);
  }

  /** Refreshing revokes the old pair, as GitHub does for GitHub App user tokens. */
  refresh(refreshToken: string): UserToken | undefined {
    const grant = this.refreshGrants.get(refreshToken);
    this.refreshGrants.delete(refreshToken);
    if (!grant || grant.expiresAtMs < this.realNow() || !this.authorized.has(grant.userId)) return undefined;
    this.tokens.delete(grant.accessToken);
    return this.issueUserToken(grant.userId);
  }

  private issueUserToken(userId: number): UserToken {
    const refreshToken = randomToken("ghr_", 76);
    const record: UserToken = { kind: "user", token: randomToken("ghu_"), userId, expiresAtMs: this.realNow() + USER_TOKEN_SECONDS * 1000, refreshToken };
    this.tokens.set(record.token, record);
    this.refreshGrants.set(refreshToken, { userId, accessToken: record.token, expiresAtMs: this.realNow() + REFRESH_TOKEN_SECONDS * 1000 });
    return record;
  }

  /** The user revoked the app: every user token and refresh token of theirs stops working. */
  revokeUser(userId: number): boolean {
    const had = this.authorized.delete(userId);
    for (const [token, record] of this.tokens) if (record.kind === "user" && record.userId === userId) this.tokens.delete(token);
    for (const [token, grant] of this.refreshGrants) if (grant.userId === userId) this.refreshGrants.delete(token);
    return had;
  }

  /** The user a live user token belongs to. */
  ownerOf(token: string): User | undefined {
    const record = this.tokens.get(token);
    if (!record || record.kind !== "user" || record.expiresAtMs <= this.realNow()) return undefined;
    return this.state.usersById.get(record.userId);
  }

  revokeToken(token: string): boolean {
    return this.tokens.delete(token);
  }

  /** Makes every installation token (of one installation, or all) refuse from now on. */
  expireInstallationTokens(installationId?: number): number {
    let count = 0;
    for (const record of this.tokens.values()) {
      if (record.kind === "installation" && (installationId === undefined || record.installationId === installationId)) {
        record.expiresAtMs = 0;
        count++;
      }
    }
    return count;
  }

  /** The live record of a bearer token, or a GitHub-style refusal. */
  lookup(token: string): InstallationToken | UserToken {
    const record = this.tokens.get(token);
    if (!record || record.expiresAtMs <= this.realNow()) throw badCredentials();
    if (record.kind === "installation") {
      const installation = this.state.installations.get(record.installationId);
      if (!installation || installation.deleted) throw badCredentials();
      if (installation.suspendedAt) throw new ApiError(403, "This installation has been suspended");
    }
    return record;
  }
}
