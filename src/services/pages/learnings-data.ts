import { z } from "zod";
import type { Db } from "../../db/client.js";
import { learnings, type LearningRow } from "../../db/queries/web-learnings.js";
import type { Decision } from "../../domain/commands.js";
import { decodeCursor, encodeCursor } from "./cursor.js";
import { fullName, type VisibleOwner, type VisibleRepository } from "./visible.js";

const Cursor = z.object({ at: z.iso.datetime(), id: z.number().int().positive() });

export interface LearningQuery {
  decision?: Decision | undefined;
  /** owner/name or name of one repository of the owner. */
  repository?: string | undefined;
  text?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export type LearningEntry = LearningRow & { repository: VisibleRepository };

export type LearningPage = { ok: true; rows: LearningEntry[]; nextCursor: string | null; repository: VisibleRepository | undefined } | { ok: false; problem: string };

/** The learning log of one owner, newest first, filtered, one page at a time. */
export async function learningLog(db: Db, owner: VisibleOwner, query: LearningQuery): Promise<LearningPage> {
  const repository = query.repository ? owner.repositories.find((repo) => [repo.name.toLowerCase(), fullName(repo).toLowerCase()].includes(query.repository!.toLowerCase())) : undefined;
  // A repository the person may not see filters everything out, exactly like one that does not exist.
  const repositories = query.repository ? (repository ? [repository] : []) : owner.repositories;
  const before = query.cursor ? decodeCursor(Cursor, query.cursor) : undefined;
  if (query.cursor && !before) return { ok: false, problem: "cursor is not one this server gave out" };
  const rows = await learnings(db, {
    repositoryIds: repositories.map((repo) => repo.id),
    decision: query.decision,
    text: query.text?.trim() || undefined,
    before: before ? { respondedAt: new Date(before.at), id: before.id } : undefined,
    limit: query.limit + 1,
  });
  const byId = new Map(repositories.map((repo) => [repo.id, repo]));
  const page = rows.slice(0, query.limit).map((row) => ({ ...row, repository: byId.get(row.repositoryId)! }));
  const last = page.at(-1);
  return { ok: true, rows: page, nextCursor: rows.length > query.limit && last ? encodeCursor({ at: last.respondedAt.toISOString(), id: last.id }) : null, repository };
}
