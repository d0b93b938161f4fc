import { and, asc, eq, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { SenseState } from "../../domain/sense-state.js";
import type { Db } from "../client.js";
import { hypotheses, installations, repositories, senseItems } from "../schema/index.js";

/**
 * What needs a reminder or an escalation now. Walks the partial index on due_at (open loops not
 * yet escalated for their due date), so items that are not due cost nothing, and applies each
 * repository's grace and escalation days in SQL, so no config is read for them either.
 */
function dueCondition(now: Date) {
  const graceMs = sql`${repositories.graceDays} * interval '1 day'`;
  const escalateMs = sql`(${repositories.graceDays} + ${repositories.escalateAfterDays}) * interval '1 day'`;
  return and(
    isNull(senseItems.respondedAt),
    isNull(senseItems.rolledBackAt),
    // A repository the installation no longer covers cannot be written to.
    isNull(repositories.removedAt),
    sql`${senseItems.escalatedForDue} is distinct from ${senseItems.dueAt}`,
    lte(senseItems.dueAt, now),
    isNotNull(senseItems.issueNumber),
    sql`(
      (${senseItems.remindedForDue} is distinct from ${senseItems.dueAt} and ${senseItems.dueAt} + ${graceMs} <= ${now.toISOString()}::timestamptz)
      or ${senseItems.dueAt} + ${escalateMs} <= ${now.toISOString()}::timestamptz
    )`,
  );
}

/** Installations with something due, active ones only, in a stable order. */
export async function installationsWithDueItems(db: Db, now: Date): Promise<number[]> {
  const rows = await db
    .selectDistinct({ id: senseItems.installationId })
    .from(senseItems)
    .innerJoin(repositories, eq(repositories.id, senseItems.repositoryId))
    .leftJoin(installations, eq(installations.id, senseItems.installationId))
    .where(and(dueCondition(now), sql`coalesce(${installations.active}, true)`, sql`not coalesce(${installations.suspended}, false)`))
    .orderBy(asc(senseItems.installationId));
  return rows.map((r) => r.id);
}

export interface DueItem {
  id: number;
  installationId: number;
  environment: string;
  state: SenseState;
  dueAt: Date;
  remindedForDue: Date | null;
  escalatedForDue: Date | null;
  issueNumber: number;
  repositoryId: number;
  owner: string;
  name: string;
  hypothesisNumber: number;
  hypothesisTitle: string;
  hypothesisUrl: string;
  assignees: string[];
  authorLogin: string | null;
  signalQuery: string | null;
  byHowMuch: string | null;
}

/** An installation's due items, most overdue first. */
export async function dueItemsOfInstallation(db: Db, installationId: number, now: Date, limit = 500): Promise<DueItem[]> {
  const rows = await db
    .select({
      id: senseItems.id,
      installationId: senseItems.installationId,
      environment: senseItems.environment,
      state: senseItems.state,
      dueAt: senseItems.dueAt,
      remindedForDue: senseItems.remindedForDue,
      escalatedForDue: senseItems.escalatedForDue,
      issueNumber: senseItems.issueNumber,
      repositoryId: senseItems.repositoryId,
      owner: repositories.owner,
      name: repositories.name,
      hypothesisNumber: hypotheses.number,
      hypothesisTitle: hypotheses.title,
      hypothesisUrl: hypotheses.htmlUrl,
      assignees: hypotheses.assignees,
      authorLogin: hypotheses.authorLogin,
      signalQuery: hypotheses.signalQuery,
      byHowMuch: hypotheses.byHowMuch,
    })
    .from(senseItems)
    .innerJoin(repositories, eq(repositories.id, senseItems.repositoryId))
    .innerJoin(hypotheses, eq(hypotheses.id, senseItems.hypothesisId))
    .where(and(eq(senseItems.installationId, installationId), dueCondition(now)))
    .orderBy(asc(senseItems.dueAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, issueNumber: r.issueNumber! }));
}

/** The plain selection the benchmark times: open loops past due, through the partial index. */
export async function overdueSenseItemIds(db: Db, now: Date, limit = 1000): Promise<number[]> {
  const rows = await db
    .select({ id: senseItems.id })
    .from(senseItems)
    .where(and(isNull(senseItems.respondedAt), isNull(senseItems.rolledBackAt), sql`${senseItems.escalatedForDue} is distinct from ${senseItems.dueAt}`, lte(senseItems.dueAt, now)))
    .orderBy(asc(senseItems.dueAt))
    .limit(limit);
  return rows.map((r) => r.id);
}
