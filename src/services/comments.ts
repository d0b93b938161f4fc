import { renderCommentMarker } from "../domain/markers.js";
import type { CommentRef, GitHub, RepoRef } from "../github/port.js";
import type { Runtime } from "../runtime.js";
import { ensureWrite } from "./write-ledger.js";

/**
 * Posts a bot comment once per key. The key travels in a hidden marker, so after an attempt
 * whose outcome is unknown the comment is looked for (among our own bot's comments) first.
 */
export async function ensureComment(rt: Runtime, gh: GitHub, key: string, ref: RepoRef, number: number, body: string): Promise<{ comment: CommentRef; created: boolean }> {
  const marker = renderCommentMarker(key);
  const own = { appId: rt.bot.appId, login: rt.bot.login };
  const { result, created } = await ensureWrite(rt, key, {
    find: () => gh.findOwnComment(ref, number, marker, own),
    create: () => gh.createComment(ref, number, `${body}\n\n${marker}`),
  });
  return { comment: result, created };
}
