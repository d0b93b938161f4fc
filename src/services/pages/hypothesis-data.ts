import type { Db } from "../../db/client.js";
import { readingSeries } from "../../db/queries/readings.js";
import { hypothesisStoryRows, postedWrites } from "../../db/queries/web-hypothesis.js";
import type { Decision } from "../../domain/commands.js";
import { hypothesisOwners } from "../../domain/hypothesis.js";
import { escalationKey, reminderKey } from "../../domain/loop-keys.js";
import { readingTrend, type ReadingTrend } from "../../domain/reading-trend.js";
import type { SenseState } from "../../domain/sense-state.js";
import type { VisibleRepository } from "./visible.js";

export interface ShippedPull {
  repo: string;
  number: number;
  title: string;
  htmlUrl: string;
  left: boolean;
}

export interface ShipView {
  id: number;
  source: string;
  sourceRef: string;
  url: string | null;
  shippedAt: Date;
  sha: string;
  pulls: ShippedPull[];
  /** PRs of repositories the person may not see: counted, never named. */
  hiddenPulls: number;
}

export interface LoopView {
  environment: string;
  state: SenseState;
  shippedAt: Date;
  dueAt: Date;
  issue: { number: number; url: string } | null;
  ships: ShipView[];
  response: { decision: Decision; learning: string; actorLogin: string; commentUrl: string; respondedAt: Date } | null;
  /** The signal's readings in this environment, null before the first. */
  trend: ReadingTrend | null;
}

export type TimelineEvent = { at: Date; environment: string } & (
  | { kind: "shipped"; ship: ShipView }
  | { kind: "reminded" | "escalated"; url: string | null }
  | { kind: "extended"; days: number; reason: string; actorLogin: string; newDueAt: Date }
  | { kind: "responded"; decision: Decision; learning: string; actorLogin: string; url: string }
  | { kind: "rolled_back" }
);

export interface HypothesisData {
  repository: VisibleRepository;
  hypothesis: { number: number; title: string; htmlUrl: string; state: string; belief: string | null; who: string | null; doesWhat: string | null; byHowMuch: string | null; signal: string | null; senseAfterDays: number; owners: string[] };
  loops: LoopView[];
  timeline: TimelineEvent[];
}

const urlOf = (result: string | null): string | null => {
  try {
    const parsed = JSON.parse(result ?? "null") as { htmlUrl?: unknown } | null;
    return typeof parsed?.htmlUrl === "string" ? parsed.htmlUrl : null;
  } catch {
    return null;
  }
};

/**
 * One hypothesis's page: its fields, every loop (one per environment) with the ships and PRs that
 * shipped it, and a timeline of what happened. Null when it is not in a repository the person may see.
 */
export async function hypothesisData(db: Db, visible: readonly VisibleRepository[], repository: VisibleRepository, number: number): Promise<HypothesisData | null> {
  const story = await hypothesisStoryRows(db, { repositoryIds: visible.map((repo) => repo.id), repositoryId: repository.id, number });
  if (!story) return null;
  const seen = new Set(visible.map((repo) => repo.id));

  const dueDates = (itemId: number, dueAt: Date) => {
    const extended = story.extensions.filter((e) => e.senseItemId === itemId);
    const dates = extended.length === 0 ? [dueAt] : [extended[0]!.previousDueAt, ...extended.map((e) => e.newDueAt), dueAt];
    return [...new Map(dates.map((d) => [d.getTime(), d])).values()];
  };
  const keys = story.items.flatMap(({ item }) => dueDates(item.id, item.dueAt).flatMap((due) => [reminderKey(item.id, due), escalationKey(item.id, due)]));
  const itemIds = story.items.map(({ item }) => item.id);
  const [writes, series] = await Promise.all([postedWrites(db, keys), readingSeries(db, { repositoryIds: [repository.id], senseItemIds: itemIds })]);
  const posted = new Map(writes.map((write) => [write.key, write]));

  const timeline: TimelineEvent[] = [];
  const loops: LoopView[] = story.items.map(({ item, response }) => {
    const environment = item.environment;
    const ships = new Map<number, ShipView>();
    for (const { pr, ship } of story.pulls.filter((row) => row.pr.senseItemId === item.id)) {
      const view = ships.get(pr.shipId) ?? { id: pr.shipId, source: ship?.source ?? "ship", sourceRef: ship?.sourceRef ?? "", url: ship?.url ?? null, shippedAt: ship?.shippedAt ?? pr.addedAt, sha: ship?.sha ?? "", pulls: [], hiddenPulls: 0 };
      if (seen.has(pr.repositoryId)) view.pulls.push({ repo: pr.repo, number: pr.prNumber, title: pr.title, htmlUrl: pr.htmlUrl, left: pr.left });
      else view.hiddenPulls++;
      ships.set(pr.shipId, view);
    }
    const shipList = [...ships.values()].sort((a, b) => a.shippedAt.getTime() - b.shippedAt.getTime());
    for (const ship of shipList) timeline.push({ kind: "shipped", at: ship.shippedAt, environment, ship });
    for (const due of dueDates(item.id, item.dueAt)) {
      const reminder = posted.get(reminderKey(item.id, due));
      if (reminder) timeline.push({ kind: "reminded", at: reminder.at, environment, url: urlOf(reminder.result) });
      const escalation = posted.get(escalationKey(item.id, due));
      if (escalation) timeline.push({ kind: "escalated", at: escalation.at, environment, url: urlOf(escalation.result) });
    }
    for (const e of story.extensions.filter((row) => row.senseItemId === item.id)) {
      timeline.push({ kind: "extended", at: e.createdAt, environment, days: e.days, reason: e.reason, actorLogin: e.actorLogin, newDueAt: e.newDueAt });
    }
    if (item.rolledBackAt) timeline.push({ kind: "rolled_back", at: item.rolledBackAt, environment });
    if (response) timeline.push({ kind: "responded", at: response.respondedAt, environment, decision: response.decision as Decision, learning: response.learning, actorLogin: response.actorLogin, url: response.commentUrl });
    return {
      environment,
      state: item.state,
      shippedAt: item.shippedAt,
      dueAt: item.dueAt,
      issue: item.issueNumber !== null && item.issueUrl !== null ? { number: item.issueNumber, url: item.issueUrl } : null,
      ships: shipList,
      response: response ? { decision: response.decision as Decision, learning: response.learning, actorLogin: response.actorLogin, commentUrl: response.commentUrl, respondedAt: response.respondedAt } : null,
      trend: readingTrend(
        series.filter((point) => point.senseItemId === item.id).map((point) => ({ at: point.at, value: point.value, unit: point.unit, kind: point.slotKind })),
        story.hypothesis.byHowMuch,
      ),
    };
  });

  const h = story.hypothesis;
  return {
    repository,
    hypothesis: { number: h.number, title: h.title, htmlUrl: h.htmlUrl, state: h.goneAt ? "gone" : h.state, belief: h.belief, who: h.who, doesWhat: h.doesWhat, byHowMuch: h.byHowMuch, signal: h.signal, senseAfterDays: h.senseAfterDays, owners: hypothesisOwners(h) },
    loops,
    timeline: timeline.sort((a, b) => a.at.getTime() - b.at.getTime() || a.environment.localeCompare(b.environment)),
  };
}
