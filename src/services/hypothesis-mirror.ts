import { getHypothesis, upsertHypothesis, type HypothesisRow, type IssueSnapshot } from "../db/queries/hypotheses.js";
import { scheduleReadingsOf } from "../db/queries/reading-schedule.js";
import type { Db } from "../db/client.js";
import { parseHypothesisBody } from "../domain/hypothesis-body.js";
import { stripNul } from "../domain/sanitize.js";

const clean = (text: string | null) => text && stripNul(text);

/**
 * Stores a hypothesis as its issue now reads, with the form's fields parsed from the body. An
 * older snapshot than the one held is ignored, so events out of order never roll it back. A new
 * or changed Signal query puts its open loops in front of the next sweep, to be read.
 */
export async function mirrorHypothesis(db: Db, repositoryId: number, issue: IssueSnapshot, at: Date): Promise<HypothesisRow> {
  const fields = parseHypothesisBody(issue.body);
  const before = await getHypothesis(db, repositoryId, issue.number);
  const stored = await upsertHypothesis(
    db,
    repositoryId,
    { ...issue, title: stripNul(issue.title).slice(0, 1000), labels: issue.labels.map(stripNul) },
    {
      belief: clean(fields.belief),
      who: clean(fields.who),
      doesWhat: clean(fields.doesWhat),
      byHowMuch: clean(fields.byHowMuch),
      signal: clean(fields.signal),
      signalQuery: clean(fields.signalQuery),
      senseAfterDays: fields.senseAfterDays,
    },
    at,
  );
  if (stored.signalQuery !== null && stored.signalQuery !== (before?.signalQuery ?? null)) await scheduleReadingsOf(db, stored.id, at);
  return stored;
}
