import type { Db } from "../../db/client.js";
import { forgetAccess } from "../../db/queries/web-access.js";
import { deleteSessionsOf } from "../../db/queries/web-sessions.js";
import { deleteUserTokens } from "../../db/queries/web-users.js";

/**
 * Signs a person out everywhere and forgets what they could see: their tokens are dead (the app
 * was revoked, a refresh was refused), so no session of theirs can be served any more.
 */
export async function signOutEverywhere(db: Db, userId: number): Promise<void> {
  await db.transaction(async (tx) => {
    await deleteSessionsOf(tx, userId);
    await deleteUserTokens(tx, userId);
    await forgetAccess(tx, userId);
  });
}
