import { and, asc, desc, eq, isNull, notExists, sql } from "drizzle-orm";
import type { Decision } from "../../domain/commands.js";
import type { SenseState } from "../../domain/sense-state.js";
import type { Db } from "../client.js";
import { hypotheses, responses, senseItems } from "../schema/index.js";
import { inIds } from "./id-list.js";

/** One loop as the repository page lists it. */
export interface RepositoryLoopRow {
  id: number;
  repositoryId: number;
  hypothesis: { number: number; title: string; htmlUrl: string };
  /** The hypothesis's *By how much*, which its readings are judged against. */
  byHowMuch: string | null;
  environment: string;
  state: SenseState;
  shippedAt: Date;
  dueAt: Date;
  assignees: string[];
  authorLogin: string | null;
  issueNumber: number | null;
  issueUrl: string | null;
  response: { decision: Decision; learning: string; respondedAt: Date; actorLogin: string; commentUrl: string } | null;
}

/** Every loop of these repositories with its hypothesis and response, newest ship first. */
export async function repositoryLoops(db: Db, params: { repositoryIds: readonly number[] }): Promise<RepositoryLoopRow[]> {
  if (params.repositoryIds.length === 0) return [];
  // Only the columns the page shows: a large repository sends a few thousand of these rows.
  const found = await db
    .select({
      item: { id: senseItems.id, repositoryId: senseItems.repositoryId, environment: senseItems.environment, state: senseItems.state, shippedAt: senseItems.shippedAt, dueAt: senseItems.dueAt, issueNumber: senseItems.issueNumber, issueUrl: senseItems.issueUrl },
      hypothesis: { number: hypotheses.number, title: hypotheses.title, htmlUrl: hypotheses.htmlUrl, assignees: hypotheses.assignees, authorLogin: hypotheses.authorLogin, byHowMuch: hypotheses.byHowMuch },
      response: { decision: responses.decision, learning: responses.learning, respondedAt: responses.respondedAt, actorLogin: responses.actorLogin, commentUrl: responses.commentUrl },
    })
    .from(senseItems)
    // A loop's hypothesis and response are of its repository: saying so lets each join read by that repository's index.
    .innerJoin(hypotheses, and(eq(hypotheses.id, senseItems.hypothesisId), inIds(hypotheses.repositoryId, params.repositoryIds)))
    .leftJoin(responses, and(eq(responses.senseItemId, senseItems.id), inIds(responses.repositoryId, params.repositoryIds)))
    .where(inIds(senseItems.repositoryId, params.repositoryIds))
    .orderBy(desc(senseItems.shippedAt), desc(senseItems.id));
  return found.map(({ item, hypothesis, response }) => ({
    ...item,
    hypothesis: { number: hypothesis.number, title: hypothesis.title, htmlUrl: hypothesis.htmlUrl },
    byHowMuch: hypothesis.byHowMuch,
    assignees: hypothesis.assignees,
    authorLogin: hypothesis.authorLogin,
    response: response ? { ...response, decision: response.decision as Decision } : null,
  }));
}

export interface UnshippedRow {
  number: number;
  title: string;
  htmlUrl: string;
  createdAt: Date;
}

/** Open hypotheses (still carrying the label) that never shipped anywhere, newest first, and how many there are. */
export async function unshippedHypotheses(db: Db, params: { repositoryIds: readonly number[]; label: string; limit: number }): Promise<{ rows: UnshippedRow[]; total: number }> {
  if (params.repositoryIds.length === 0) return { rows: [], total: 0 };
  const where = and(
    inIds(hypotheses.repositoryId, params.repositoryIds),
    eq(hypotheses.state, "open"),
    isNull(hypotheses.goneAt),
    sql`${hypotheses.labels} @> ${JSON.stringify([params.label.toLowerCase()])}::jsonb`,
    notExists(db.select({ id: senseItems.id }).from(senseItems).where(eq(senseItems.hypothesisId, hypotheses.id))),
  );
  const [rows, counted] = await Promise.all([
    db.select({ number: hypotheses.number, title: hypotheses.title, htmlUrl: hypotheses.htmlUrl, createdAt: hypotheses.createdAt }).from(hypotheses).where(where).orderBy(desc(hypotheses.number)).limit(params.limit),
    db.select({ n: sql<number>`count(*)::int` }).from(hypotheses).where(where),
  ]);
  return { rows, total: counted[0]?.n ?? 0 };
}

/** Hypotheses of one repository, by number, for the API (cursor: the last number seen). */
export async function listHypotheses(db: Db, params: { repositoryIds: readonly number[]; repositoryId: number; after: number; limit: number }) {
  if (!params.repositoryIds.includes(params.repositoryId)) return [];
  return db
    .select({ number: hypotheses.number, title: hypotheses.title, htmlUrl: hypotheses.htmlUrl, state: hypotheses.state, goneAt: hypotheses.goneAt, labels: hypotheses.labels })
    .from(hypotheses)
    .where(and(eq(hypotheses.repositoryId, params.repositoryId), sql`${hypotheses.number} > ${params.after}`))
    .orderBy(asc(hypotheses.number))
    .limit(params.limit);
}
