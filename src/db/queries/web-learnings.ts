import { and, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Decision } from "../../domain/commands.js";
import type { Db } from "../client.js";
import { hypotheses, responses, senseItems } from "../schema/index.js";
import { inIds } from "./id-list.js";

export interface LearningRow {
  id: number;
  repositoryId: number;
  decision: Decision;
  learning: string;
  actorLogin: string;
  commentUrl: string;
  respondedAt: Date;
  environment: string;
  shippedAt: Date;
  hypothesis: { number: number; title: string; htmlUrl: string };
}

export interface LearningFilter {
  repositoryIds: readonly number[];
  decision?: Decision | undefined;
  /** Words to find in the learning or the hypothesis's title, case-insensitively. */
  text?: string | undefined;
  /** The last row of the previous page: (responded at, id), newest first. */
  before?: { respondedAt: Date; id: number } | undefined;
  limit: number;
}

/** `%` and `_` typed by someone searching are letters, not wildcards. */
const likeText = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Recorded responses, newest first, walking the responded_at index and stopping at a page:
 * the learning log's rows, for the page and the API alike.
 */
export async function learnings(db: Db, filter: LearningFilter): Promise<LearningRow[]> {
  if (filter.repositoryIds.length === 0) return [];
  const conditions: SQL[] = [inIds(responses.repositoryId, filter.repositoryIds)];
  if (filter.decision) conditions.push(eq(responses.decision, filter.decision));
  if (filter.text) conditions.push(or(ilike(responses.learning, likeText(filter.text)), ilike(hypotheses.title, likeText(filter.text)))!);
  if (filter.before) conditions.push(sql`(${responses.respondedAt}, ${responses.id}) < (${filter.before.respondedAt.toISOString()}::timestamptz, ${filter.before.id})`);
  const found = await db
    .select({ response: responses, item: { repositoryId: senseItems.repositoryId, environment: senseItems.environment, shippedAt: senseItems.shippedAt }, hypothesis: { number: hypotheses.number, title: hypotheses.title, htmlUrl: hypotheses.htmlUrl } })
    .from(responses)
    .innerJoin(senseItems, eq(senseItems.id, responses.senseItemId))
    .innerJoin(hypotheses, eq(hypotheses.id, senseItems.hypothesisId))
    .where(and(...conditions))
    .orderBy(desc(responses.respondedAt), desc(responses.id))
    .limit(filter.limit);
  return found.map(({ response, item, hypothesis }) => ({
    id: response.id,
    repositoryId: item.repositoryId,
    decision: response.decision as Decision,
    learning: response.learning,
    actorLogin: response.actorLogin,
    commentUrl: response.commentUrl,
    respondedAt: response.respondedAt,
    environment: item.environment,
    shippedAt: item.shippedAt,
    hypothesis,
  }));
}
