import { getHypothesisById, type HypothesisRow } from "../db/queries/hypotheses.js";
import { slotSummaries } from "../db/queries/readings.js";
import { getInstallation, getRepository } from "../db/queries/repositories.js";
import { getSenseItem, moveSenseItem, senseItemPullRequestsOf, updateSenseItem, type SenseItemRow } from "../db/queries/sense-items.js";
import { shipAt, shipsByIds, type ShipRow } from "../db/queries/ships.js";
import type { FollowUp } from "../domain/effects.js";
import { hypothesisOwners } from "../domain/hypothesis.js";
import { renderSenseMarker } from "../domain/markers.js";
import { senseIssueBody, senseIssueTitle, type SenseShip } from "../domain/sense-issue-body.js";
import { planSenseComments } from "../domain/sense-comments.js";
import { readingsSoFar } from "../domain/reading-summary.js";
import { checkSignalQuery } from "../domain/signal-query.js";
import { renderReadingsSection } from "../domain/signal-table.js";
import { transition } from "../domain/sense-loop.js";
import { ensureIssue } from "../github/ensure.js";
import { applyPlan } from "./apply-plan.js";
import { loopItem, loopRules } from "./loop-item.js";
import { readRepoConfig } from "./repo-config.js";
import type { Scope } from "./scope.js";

export function shipView(ship: ShipRow): SenseShip {
  const label = ship.source === "deployment" ? `deployment ${ship.sourceRef}` : ship.source === "release" ? `release ${ship.sourceRef}` : `the merge of #${ship.sourceRef}`;
  return { environment: ship.environment, source: ship.source, sha: ship.sha, at: ship.shippedAt, url: ship.url, label };
}

/**
 * The readings of an item as its sense issue shows them: the query line checked against the
 * sources this installation may use now (a problem is named, and nothing is read), then the
 * baseline, the latest or due-date reading, the target and the status. Null without a query.
 */
async function readingsSection(scope: Scope, item: SenseItemRow, hypothesis: HypothesisRow): Promise<string | null> {
  const owner = (await getInstallation(scope.db, item.installationId))?.accountLogin ?? "";
  const query = checkSignalQuery(hypothesis.signalQuery, scope.signals.list(), owner);
  if (query === null) return null;
  const slots = (await slotSummaries(scope.db, [item.id])).get(item.id) ?? [];
  return renderReadingsSection({ query, byHowMuch: hypothesis.byHowMuch, readings: readingsSoFar(slots, item.dueAt) });
}

/**
 * Brings one sense item's GitHub side up to date: its issue (opened once, body kept current),
 * then the plan of comments: one on the hypothesis, one per later ship, one per rollback.
 */
export async function syncSenseIssue(scope: Scope, senseItemId: number): Promise<FollowUp[]> {
  const item = await getSenseItem(scope.db, senseItemId);
  if (!item) return [];
  const hypothesis = await getHypothesisById(scope.db, item.hypothesisId);
  const repository = hypothesis && (await getRepository(scope.db, hypothesis.repositoryId));
  if (!hypothesis || !repository) return [];
  const ref = { owner: repository.owner, repo: repository.name };
  const loaded = await readRepoConfig(scope, repository.id, ref);
  if (!loaded.ok) return [];

  const prs = await senseItemPullRequestsOf(scope.db, item.id);
  const ships = (await shipsByIds(scope.db, [...new Set(prs.map((pr) => pr.shipId))])).sort((a, b) => a.id - b.id);
  const repositoryIds = [...new Set(prs.map((pr) => pr.repositoryId))];
  // A PR that left and shipped again carries the ship that brought it back, so the item's first
  // ship is found by the item's own ship time, not as the oldest ship its PRs name.
  const firstShip = ships.find((s) => s.shippedAt.getTime() === item.shippedAt.getTime()) ?? (await shipAt(scope.db, repositoryIds, item.environment, item.shippedAt)) ?? ships[0];
  if (!firstShip) return [];
  const hypothesisRepo = `${repository.owner}/${repository.name}`;
  const body = senseIssueBody({
    hypothesis: { repo: hypothesisRepo, number: hypothesis.number, title: hypothesis.title, htmlUrl: hypothesis.htmlUrl, belief: hypothesis.belief, who: hypothesis.who, doesWhat: hypothesis.doesWhat, byHowMuch: hypothesis.byHowMuch, signal: hypothesis.signal, senseAfterDays: hypothesis.senseAfterDays },
    environment: item.environment,
    prs: prs.map((pr) => ({ repo: pr.repo, number: pr.prNumber, title: pr.title, htmlUrl: pr.htmlUrl, left: pr.left })),
    firstShip: shipView(firstShip),
    dueAt: item.dueAt,
    shippedAt: item.shippedAt,
    extensions: item.extensions,
    rolledBack: item.state === "rolled_back",
    readings: await readingsSection(scope, item, hypothesis),
  });

  const marker = renderSenseMarker({ hypothesis: `${hypothesisRepo}#${hypothesis.number}`, environment: item.environment });
  // Not filtered by label when looked for: someone may have removed it since.
  const opened = await ensureIssue(scope.gh, scope.ledger, `sense-issue:${item.id}`, ref, { title: senseIssueTitle(hypothesis.title), body, labels: [loaded.config.sense.label], assignees: hypothesisOwners(hypothesis) }, marker, {
    known: item.issueNumber !== null && item.issueUrl !== null ? { number: item.issueNumber, htmlUrl: item.issueUrl } : undefined,
  });
  if (opened.status === "refused") return [];
  const issue = opened.result;
  if (item.issueNumber !== issue.number || item.issueUrl !== issue.htmlUrl) {
    await updateSenseItem(scope.db, item.id, { issueNumber: issue.number, issueUrl: issue.htmlUrl }, scope.clock.now());
    scope.log.info({ senseItem: item.id, issue: issue.number }, "sense issue opened");
  }
  const loop = loopItem({ ...item, issueNumber: issue.number }, hypothesis, repository);
  const opening = transition(loop, { type: "issue_opened" }, loopRules(loaded.config), scope.clock.now());
  if (opening) await moveSenseItem(scope.db, item.id, { from: item.state, to: opening.next }, {}, scope.clock.now());

  const departure = item.state === "rolled_back" && item.rolledBackAt ? ((await shipAt(scope.db, repositoryIds, item.environment, item.rolledBackAt)) ?? firstShip) : undefined;
  const plan = planSenseComments({
    item: { id: item.id, environment: item.environment, dueAt: item.dueAt, rolledBackAt: item.state === "rolled_back" ? item.rolledBackAt : null },
    issue: { ...ref, number: issue.number },
    hypothesis: { ...ref, number: hypothesis.number },
    hypothesisRepo,
    firstShip: { id: firstShip.id, view: shipView(firstShip) },
    laterShips: ships.filter((s) => s.id !== firstShip.id).map((s) => ({ id: s.id, view: shipView(s) })),
    prs: prs.map((pr) => ({ repo: pr.repo, number: pr.prNumber, title: pr.title, htmlUrl: pr.htmlUrl, left: pr.left, shipId: pr.shipId })),
    departure: departure ? shipView(departure) : undefined,
  });
  const applied = await applyPlan(scope, plan);
  return [...applied.followUps, { kind: "refresh-dashboard", installationId: item.installationId, repositoryId: item.repositoryId }];
}
