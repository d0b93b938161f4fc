import { getUserTokens, lockUserTokens, saveUserTokens, type UserTokenRow } from "../../db/queries/web-users.js";
import { UserAuthRefused, type UserTokens } from "../../github/user-port.js";
import { signOutEverywhere } from "./sign-out.js";
import { TokenUnreadable, type TokenCipher } from "./token-cipher.js";
import { SignedOut, type ViewerScope } from "./viewer-scope.js";

/** Refresh this long before GitHub's expiry, so a token never dies between our check and GitHub's. */
const REFRESH_MARGIN_MS = 5 * 60_000;

const usable = (row: UserTokenRow, now: Date) => row.accessExpiresAt === null || row.accessExpiresAt.getTime() - REFRESH_MARGIN_MS > now.getTime();

/** The sealed row for a token pair. */
export function sealTokens(cipher: TokenCipher, userId: number, tokens: UserTokens, at: Date): UserTokenRow {
  const owner = String(userId);
  return {
    userId,
    accessToken: cipher.seal(tokens.accessToken, owner),
    accessExpiresAt: tokens.accessExpiresAt,
    refreshToken: tokens.refreshToken === null ? null : cipher.seal(tokens.refreshToken, owner),
    refreshExpiresAt: tokens.refreshExpiresAt,
    updatedAt: at,
  };
}

/**
 * The person's access token, refreshed first when it has (nearly) expired. A refresh revokes the
 * old pair, so it happens under a row lock: of several requests (tabs, replicas) arriving at once,
 * one refreshes and the others wait and then read the new token. A refresh GitHub refuses (the
 * refresh token expired, or the person revoked the app) signs the person out everywhere.
 */
export async function currentAccessToken(scope: ViewerScope, userId: number): Promise<string> {
  try {
    return await accessToken(scope, userId);
  } catch (err) {
    // Sealed under another SESSION_SECRET (it was changed): nothing can be done with them but sign in again.
    if (!(err instanceof TokenUnreadable)) throw err;
    await signOutEverywhere(scope.db, userId);
    scope.log.warn({ user: userId }, "signed out: the stored GitHub token does not decrypt (was SESSION_SECRET changed?)");
    throw new SignedOut(err.message);
  }
}

async function accessToken(scope: ViewerScope, userId: number): Promise<string> {
  const owner = String(userId);
  const row = await getUserTokens(scope.db, userId);
  if (!row) throw new SignedOut("no tokens stored");
  if (usable(row, scope.clock.now())) return scope.cipher.open(row.accessToken, owner);

  const outcome = await scope.db.transaction(async (tx): Promise<{ token: string } | { signedOut: string }> => {
    const locked = await lockUserTokens(tx, userId);
    const now = scope.clock.now();
    if (!locked) return { signedOut: "no tokens stored" };
    if (usable(locked, now)) return { token: scope.cipher.open(locked.accessToken, owner) };
    if (locked.refreshToken === null || (locked.refreshExpiresAt !== null && locked.refreshExpiresAt.getTime() <= now.getTime())) return { signedOut: "the refresh token expired" };
    try {
      const next = await scope.github.refresh(scope.cipher.open(locked.refreshToken, owner));
      await saveUserTokens(tx, sealTokens(scope.cipher, userId, next, scope.clock.now()));
      scope.log.info({ user: userId }, "user token refreshed");
      return { token: next.accessToken };
    } catch (err) {
      if (err instanceof UserAuthRefused) return { signedOut: err.message };
      throw err;
    }
  });
  if ("token" in outcome) return outcome.token;
  await signOutEverywhere(scope.db, userId);
  scope.log.info({ user: userId, reason: outcome.signedOut }, "signed out: the GitHub token could not be refreshed");
  throw new SignedOut(outcome.signedOut);
}
