import type { FeatureFactoryWeek } from "../../domain/feature-factory.js";
import type { LoopFigures } from "../../domain/loop-counts.js";
import type { ClosureMonth, MergedWeek } from "../../domain/loop-trends.js";
import type { HypothesisData, ShipView } from "../../services/pages/hypothesis-data.js";
import type { LearningEntry } from "../../services/pages/learnings-data.js";
import type { ReadingTrend } from "../../domain/reading-trend.js";
import type { ListedLoop } from "../../services/pages/repository-data.js";
import { fullName, type VisibleRepository } from "../../services/pages/visible.js";

/** The API's JSON: snake_case, ISO 8601 times, null for a figure with nothing to compute it from. */

const iso = (at: Date | null) => (at === null ? null : at.toISOString());
const day = (at: Date) => at.toISOString().slice(0, 10);

export const figuresJson = (f: LoopFigures) => ({
  overdue: f.overdue,
  sensing: f.sensing,
  responded_last_90_days: f.respondedRecently,
  rolled_back: f.rolledBack,
  median_days_to_response: f.medianDaysToResponse,
  closure_rate: f.closureRate,
  past_due: f.pastDue,
  past_due_responded: f.responded,
  decisions: f.mix,
  merged_linked_share_30_days: f.linkedShare,
});

export const repositoryJson = (repo: VisibleRepository) => ({ full_name: fullName(repo), owner: repo.owner, name: repo.name, private: repo.private });

export const featureFactoryJson = (w: FeatureFactoryWeek) => ({
  week_start: day(w.weekStart),
  merged_needing_hypothesis: w.merged,
  merged_without_hypothesis: w.unhypothesised,
  merged_without_hypothesis_share: w.unhypothesisedShare,
  shipped_due: w.shippedDue,
  shipped_without_response: w.unanswered,
  shipped_without_response_share: w.unansweredShare,
});

export const closureJson = (m: ClosureMonth) => ({ month: m.monthStart.toISOString().slice(0, 7), due: m.due, responded: m.responded, closure_rate: m.closureRate });
export const mergedWeekJson = (w: MergedWeek) => ({ week_start: day(w.weekStart), linked: w.linked, exempt: w.exempt, missing: w.missing });

/** A loop's readings, oldest first: what the sparklines draw. */
export const readingsJson = (trend: ReadingTrend | null) => (trend ? trend.points.map((p) => ({ at: iso(p.at), value: p.value, unit: p.unit, slot: p.kind })) : []);

export const loopJson = (loop: ListedLoop) => ({
  hypothesis: { number: loop.hypothesis.number, title: loop.hypothesis.title, html_url: loop.hypothesis.htmlUrl },
  environment: loop.environment,
  state: loop.state,
  shipped_at: iso(loop.shippedAt),
  due_at: iso(loop.dueAt),
  days_overdue: loop.daysOverdue,
  owners: loop.owners,
  sense_issue: loop.issueNumber !== null ? { number: loop.issueNumber, html_url: loop.issueUrl } : null,
  response: loop.response ? { decision: loop.response.decision, learning: loop.response.learning, responded_at: iso(loop.response.respondedAt), by: loop.response.actorLogin, html_url: loop.response.commentUrl } : null,
  readings: readingsJson(loop.trend),
});

export const learningJson = (row: LearningEntry) => ({
  repository: fullName(row.repository),
  hypothesis: { number: row.hypothesis.number, title: row.hypothesis.title, html_url: row.hypothesis.htmlUrl },
  environment: row.environment,
  decision: row.decision,
  learning: row.learning,
  responded_at: iso(row.respondedAt),
  shipped_at: iso(row.shippedAt),
  by: row.actorLogin,
  html_url: row.commentUrl,
});

const shipJson = (ship: ShipView) => ({
  source: ship.source,
  source_ref: ship.sourceRef,
  sha: ship.sha,
  shipped_at: iso(ship.shippedAt),
  html_url: ship.url,
  pull_requests: ship.pulls.map((pr) => ({ repository: pr.repo, number: pr.number, title: pr.title, html_url: pr.htmlUrl, left_environment: pr.left })),
  pull_requests_not_visible: ship.hiddenPulls,
});

export const hypothesisJson = (data: HypothesisData) => ({
  repository: fullName(data.repository),
  number: data.hypothesis.number,
  title: data.hypothesis.title,
  html_url: data.hypothesis.htmlUrl,
  state: data.hypothesis.state,
  fields: { we_believe: data.hypothesis.belief, who: data.hypothesis.who, does_what: data.hypothesis.doesWhat, by_how_much: data.hypothesis.byHowMuch, signal: data.hypothesis.signal, sense_after_days: data.hypothesis.senseAfterDays },
  owners: data.hypothesis.owners,
  loops: data.loops.map((loop) => ({
    environment: loop.environment,
    state: loop.state,
    shipped_at: iso(loop.shippedAt),
    due_at: iso(loop.dueAt),
    sense_issue: loop.issue ? { number: loop.issue.number, html_url: loop.issue.url } : null,
    ships: loop.ships.map(shipJson),
    response: loop.response ? { decision: loop.response.decision, learning: loop.response.learning, responded_at: iso(loop.response.respondedAt), by: loop.response.actorLogin, html_url: loop.response.commentUrl } : null,
    readings: readingsJson(loop.trend),
  })),
  timeline: data.timeline.map((event) => {
    const base = { at: iso(event.at), environment: event.environment, kind: event.kind };
    switch (event.kind) {
      case "shipped":
        return { ...base, ship: shipJson(event.ship) };
      case "reminded":
      case "escalated":
        return { ...base, html_url: event.url };
      case "extended":
        return { ...base, days: event.days, reason: event.reason, by: event.actorLogin, new_due_at: iso(event.newDueAt) };
      case "responded":
        return { ...base, decision: event.decision, learning: event.learning, by: event.actorLogin, html_url: event.url };
      case "rolled_back":
        return base;
    }
  }),
});
