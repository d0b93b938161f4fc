import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import type { HypothesisFields } from "../../domain/hypothesis-body.js";
import { hypotheses } from "../schema/index.js";

export type HypothesisRow = typeof hypotheses.$inferSelect;

/** The form fields read from the issue body (by the domain's parser), as stored: its problems are for logs only. */
export type StoredHypothesisFields = Omit<HypothesisFields, "problems">;

export interface IssueSnapshot {
  number: number;
  title: string;
  body: string | null;
  htmlUrl: string;
  state: "open" | "closed";
  labels: readonly string[];
  authorLogin: string | null;
  assignees: readonly string[];
  updatedAt: string | Date;
}

/**
 * Stores the hypothesis as the issue now reads. A snapshot older than the one held is ignored,
 * so webhooks arriving out of order never roll the mirror back.
 */
export async function upsertHypothesis(db: Db, repositoryId: number, issue: IssueSnapshot, fields: StoredHypothesisFields, at: Date): Promise<HypothesisRow> {
  const values = {
    repositoryId,
    number: issue.number,
    title: issue.title,
    htmlUrl: issue.htmlUrl,
    state: issue.state,
    labels: issue.labels.map((label) => label.toLowerCase()),
    authorLogin: issue.authorLogin,
    assignees: [...issue.assignees],
    ...fields,
    goneAt: null,
    githubUpdatedAt: new Date(issue.updatedAt),
    updatedAt: at,
  };
  const written = await db
    .insert(hypotheses)
    .values({ ...values, createdAt: at })
    .onConflictDoUpdate({
      target: [hypotheses.repositoryId, hypotheses.number],
      set: values,
      setWhere: sql`${hypotheses.githubUpdatedAt} <= excluded.github_updated_at`,
    })
    .returning();
  return written[0] ?? (await getHypothesis(db, repositoryId, issue.number))!;
}

export async function getHypothesis(db: Db, repositoryId: number, number: number): Promise<HypothesisRow | undefined> {
  return (
    await db
      .select()
      .from(hypotheses)
      .where(and(eq(hypotheses.repositoryId, repositoryId), eq(hypotheses.number, number)))
      .limit(1)
  )[0];
}

/** The issue was deleted or transferred away: it stops being a hypothesis here. */
export async function markHypothesisGone(db: Db, repositoryId: number, number: number, at: Date): Promise<HypothesisRow | undefined> {
  return (
    await db
      .update(hypotheses)
      .set({ goneAt: at, state: "closed", updatedAt: at })
      .where(and(eq(hypotheses.repositoryId, repositoryId), eq(hypotheses.number, number)))
      .returning()
  )[0];
}

export async function getHypothesisById(db: Db, id: number): Promise<HypothesisRow | undefined> {
  return (await db.select().from(hypotheses).where(eq(hypotheses.id, id)).limit(1))[0];
}
