import { count, eq } from "drizzle-orm";
import type { Db } from "../client.js";
import { extensions, responses } from "../schema/index.js";

export type ResponseRow = typeof responses.$inferSelect;

/** Records a response once: a second command (or the same one delivered twice) finds the first. */
export async function recordResponse(db: Db, row: typeof responses.$inferInsert): Promise<{ response: ResponseRow; created: boolean }> {
  const inserted = await db.insert(responses).values(row).onConflictDoNothing().returning();
  if (inserted[0]) return { response: inserted[0], created: true };
  return { response: (await getResponse(db, row.senseItemId))!, created: false };
}

export async function getResponse(db: Db, senseItemId: number): Promise<ResponseRow | undefined> {
  return (await db.select().from(responses).where(eq(responses.senseItemId, senseItemId)).limit(1))[0];
}

/** Records an extension once per command comment; false when this comment was already applied. */
export async function recordExtension(db: Db, row: typeof extensions.$inferInsert): Promise<boolean> {
  return (await db.insert(extensions).values(row).onConflictDoNothing().returning({ id: extensions.id })).length > 0;
}

export async function extensionByComment(db: Db, commentId: number) {
  return (await db.select().from(extensions).where(eq(extensions.commentId, commentId)).limit(1))[0];
}

export async function countExtensions(db: Db, senseItemId: number): Promise<number> {
  return (await db.select({ n: count() }).from(extensions).where(eq(extensions.senseItemId, senseItemId)))[0]?.n ?? 0;
}
