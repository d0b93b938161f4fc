import { and, asc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client.js";
import { extensions, githubWrites, hypotheses, responses, senseItemPullRequests, senseItems, ships } from "../schema/index.js";
import { inIds } from "./id-list.js";

export type HypothesisStoryRows = NonNullable<Awaited<ReturnType<typeof hypothesisStoryRows>>>;

/**
 * One hypothesis and everything that happened to it: its loops per environment, the PRs and
 * ships of each, extensions and the response. Null unless the repository is one of those the
 * person may see, so a number from another repository or installation finds nothing.
 */
export async function hypothesisStoryRows(db: Db, params: { repositoryIds: readonly number[]; repositoryId: number; number: number }) {
  if (!params.repositoryIds.includes(params.repositoryId)) return null;
  const hypothesis = (
    await db
      .select()
      .from(hypotheses)
      .where(and(eq(hypotheses.repositoryId, params.repositoryId), eq(hypotheses.number, params.number), inIds(hypotheses.repositoryId, params.repositoryIds)))
      .limit(1)
  )[0];
  if (!hypothesis) return null;

  const items = await db
    .select({ item: senseItems, response: responses })
    .from(senseItems)
    .leftJoin(responses, eq(responses.senseItemId, senseItems.id))
    .where(eq(senseItems.hypothesisId, hypothesis.id))
    .orderBy(asc(senseItems.shippedAt), asc(senseItems.environment));
  const itemIds = items.map((row) => row.item.id);
  const [pulls, extended] = itemIds.length === 0
    ? [[], []]
    : await Promise.all([
        db
          .select({ pr: senseItemPullRequests, ship: { id: ships.id, environment: ships.environment, source: ships.source, sourceRef: ships.sourceRef, url: ships.url, shippedAt: ships.shippedAt, sha: ships.sha } })
          .from(senseItemPullRequests)
          .leftJoin(ships, eq(ships.id, senseItemPullRequests.shipId))
          .where(inIds(senseItemPullRequests.senseItemId, itemIds))
          .orderBy(asc(senseItemPullRequests.addedAt), asc(senseItemPullRequests.prNumber)),
        db.select().from(extensions).where(inIds(extensions.senseItemId, itemIds)).orderBy(asc(extensions.createdAt)),
      ]);
  return { hypothesis, items, pulls, extensions: extended };
}

/** The sweep's comments that were posted, by their ledger keys: when, and where. */
export async function postedWrites(db: Db, keys: readonly string[]): Promise<{ key: string; at: Date; result: string | null }[]> {
  if (keys.length === 0) return [];
  return db
    .select({ key: githubWrites.key, at: githubWrites.updatedAt, result: githubWrites.result })
    .from(githubWrites)
    .where(and(inArray(githubWrites.key, [...keys]), eq(githubWrites.status, "done")));
}
