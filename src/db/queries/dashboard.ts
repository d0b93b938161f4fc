import { and, desc, eq, gte, isNotNull, isNull, notExists } from "drizzle-orm";
import type { DashboardData, DashboardItem, DashboardMerged } from "../../domain/dashboard.js";
import type { Decision } from "../../domain/commands.js";
import type { StoredSlot } from "../../domain/reading-summary.js";
import type { Db } from "../client.js";
import { slotSummaries } from "./readings.js";
import { hypotheses, pullRequests, repositories, responses, senseItems } from "../schema/index.js";

/**
 * A dashboard item as stored: who owns it is the domain's call (`hypothesisOwners`), and whether
 * its query line can be read is the sources' (so the raw line and the stored slots come along).
 */
export type DashboardItemRow = Omit<DashboardItem, "owners" | "signal"> & { assignees: string[]; authorLogin: string | null; signalQuery: string | null; byHowMuch: string | null; slots: StoredSlot[] };
export type DashboardRows = Omit<DashboardData, "items"> & { items: DashboardItemRow[] };

const DAY_MS = 86_400_000;
/** Rows per section are capped when rendering; this caps what is read. */
const MAX_ROWS = 2_000;

/** Everything the dashboard of one repository shows, read in four queries and the open loops' reading summaries. */
export async function dashboardRows(db: Db, repositoryId: number, hypothesisLabel: string, now: Date): Promise<DashboardRows> {
  const repository = (await db.select().from(repositories).where(eq(repositories.id, repositoryId)).limit(1))[0];
  const repo = repository ? `${repository.owner}/${repository.name}` : String(repositoryId);

  const itemRows = await db
    .select({ item: senseItems, hypothesis: hypotheses, response: responses })
    .from(senseItems)
    .innerJoin(hypotheses, eq(hypotheses.id, senseItems.hypothesisId))
    .leftJoin(responses, eq(responses.senseItemId, senseItems.id))
    .where(eq(senseItems.repositoryId, repositoryId))
    .orderBy(desc(senseItems.shippedAt))
    .limit(MAX_ROWS);
  const read = itemRows.filter(({ item, hypothesis }) => hypothesis.signalQuery !== null && item.respondedAt === null && item.rolledBackAt === null).map(({ item }) => item.id);
  const slots = await slotSummaries(db, read);
  const items: DashboardItemRow[] = itemRows.map(({ item, hypothesis, response }) => ({
    hypothesis: { repo, number: hypothesis.number, title: hypothesis.title, htmlUrl: hypothesis.htmlUrl },
    environment: item.environment,
    state: item.state,
    shippedAt: item.shippedAt,
    dueAt: item.dueAt,
    assignees: hypothesis.assignees,
    authorLogin: hypothesis.authorLogin,
    issueUrl: item.issueUrl,
    issueNumber: item.issueNumber,
    response: response
      ? { decision: response.decision as Decision, learning: response.learning, respondedAt: response.respondedAt, signal: response.signalValue === null ? null : { value: response.signalValue, unit: response.signalUnit } }
      : null,
    signalQuery: hypothesis.signalQuery,
    byHowMuch: hypothesis.byHowMuch,
    slots: slots.get(item.id) ?? [],
  }));

  const unshippedRows = await db
    .select({ number: hypotheses.number, title: hypotheses.title, htmlUrl: hypotheses.htmlUrl, labels: hypotheses.labels })
    .from(hypotheses)
    .where(
      and(
        eq(hypotheses.repositoryId, repositoryId),
        eq(hypotheses.state, "open"),
        isNull(hypotheses.goneAt),
        notExists(db.select({ id: senseItems.id }).from(senseItems).where(eq(senseItems.hypothesisId, hypotheses.id))),
      ),
    )
    .orderBy(desc(hypotheses.number))
    .limit(MAX_ROWS);
  const label = hypothesisLabel.toLowerCase();
  const unshipped = unshippedRows.filter((h) => h.labels.includes(label)).map(({ number, title, htmlUrl }) => ({ number, title, htmlUrl }));

  const mergedRows = await db
    .select()
    .from(pullRequests)
    .where(and(eq(pullRequests.repositoryId, repositoryId), isNotNull(pullRequests.mergedAt), gte(pullRequests.mergedAt, new Date(now.getTime() - 30 * DAY_MS))))
    .orderBy(desc(pullRequests.mergedAt))
    .limit(MAX_ROWS);
  const merged: DashboardMerged[] = mergedRows.map((pr) => ({
    number: pr.number,
    title: pr.title,
    htmlUrl: pr.htmlUrl,
    mergedAt: pr.mergedAt!,
    outcome: pr.outcome as DashboardMerged["outcome"],
    exemption: pr.exemption,
  }));

  return { repo, now, items, unshipped, merged };
}
