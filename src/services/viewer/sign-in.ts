import { dropAccess } from "../../db/queries/web-access.js";
import { saveUserTokens, upsertWebUser } from "../../db/queries/web-users.js";
import { startSession } from "./sessions.js";
import { sealTokens } from "./user-token.js";
import type { ViewerScope } from "./viewer-scope.js";

/**
 * Finishes a sign-in once the callback's state was checked: trades the code for tokens, learns
 * who the person is, stores the tokens sealed, and opens a browser session. Access is read from
 * GitHub afresh on the first page, so signing in again is also how to see new access at once.
 */
export async function completeSignIn(scope: ViewerScope, input: { code: string; redirectUrl: string }): Promise<{ sessionId: string; expiresAt: Date; login: string }> {
  const tokens = await scope.github.exchangeCode(input);
  const user = await scope.github.user(tokens.accessToken);
  const now = scope.clock.now();
  await scope.db.transaction(async (tx) => {
    await upsertWebUser(tx, user, now);
    await saveUserTokens(tx, sealTokens(scope.cipher, user.id, tokens, now));
    await dropAccess(tx, { userIds: [user.id] });
  });
  const session = await startSession(scope, user.id, "browser");
  scope.log.info({ user: user.id, login: user.login }, "signed in");
  return { sessionId: session.id, expiresAt: session.expiresAt, login: user.login };
}
