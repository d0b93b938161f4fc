import type { Logger } from "probot";
import { getHypothesisById, hypothesisOwners } from "../db/queries/hypotheses.js";
import { getRepository } from "../db/queries/repositories.js";
import { getSenseItem, senseItemPullRequestsOf, updateSenseItem } from "../db/queries/sense-items.js";
import { shipAt, shipsByIds, type ShipRow } from "../db/queries/ships.js";
import { renderSenseMarker } from "../domain/markers.js";
import { moreShippedComment, rolledBackComment, senseIssueBody, senseIssueTitle, shippedComment, type SenseShip } from "../domain/sense-issue-body.js";
import { transition, type SenseState } from "../domain/sense-state.js";
import { GitHubError } from "../github/errors.js";
import type { GitHub, IssueRef, RepoRef } from "../github/port.js";
import type { SenseIssueJob } from "../jobs/queues.js";
import type { Runtime } from "../runtime.js";
import { ensureComment } from "./comments.js";
import { readRepoConfig } from "./repo-config.js";
import { ensureWrite } from "./write-ledger.js";

export function shipView(ship: ShipRow): SenseShip {
  const label = ship.source === "deployment" ? `deployment ${ship.sourceRef}` : ship.source === "release" ? `release ${ship.sourceRef}` : `the merge of #${ship.sourceRef}`;
  return { environment: ship.environment, source: ship.source, sha: ship.sha, at: ship.shippedAt, url: ship.url, label };
}

/**
 * Brings one sense item's GitHub side up to date: its issue (opened once, body kept current),
 * the one comment on the hypothesis, one comment per later ship, one per rollback.
 */
export async function syncSenseIssue(rt: Runtime, gh: GitHub, job: SenseIssueJob, log: Logger): Promise<void> {
  const item = await getSenseItem(rt.db, job.senseItemId);
  if (!item) return;
  const hypothesis = await getHypothesisById(rt.db, item.hypothesisId);
  const repository = hypothesis && (await getRepository(rt.db, hypothesis.repositoryId));
  if (!hypothesis || !repository) return;
  const ref: RepoRef = { owner: repository.owner, repo: repository.name };
  const loaded = await readRepoConfig(rt, gh, repository.id, ref);
  if (!loaded.ok) return;

  const prs = await senseItemPullRequestsOf(rt.db, item.id);
  const shipRows = (await shipsByIds(rt.db, [...new Set(prs.map((pr) => pr.shipId))])).sort((a, b) => a.id - b.id);
  const repositoryIds = [...new Set(prs.map((pr) => pr.repositoryId))];
  // A PR that left and shipped again carries the ship that brought it back, so the item's first
  // ship is found by the item's own ship time, not as the oldest ship its PRs name.
  const firstShip = shipRows.find((s) => s.shippedAt.getTime() === item.shippedAt.getTime()) ?? (await shipAt(rt.db, repositoryIds, item.environment, item.shippedAt)) ?? shipRows[0];
  if (!firstShip) return;
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
  });

  let issue: IssueRef;
  if (item.issueNumber === null || item.issueUrl === null) {
    const marker = renderSenseMarker({ hypothesis: `${hypothesisRepo}#${hypothesis.number}`, environment: item.environment });
    const own = { appId: rt.bot.appId, login: rt.bot.login };
    const labels = [loaded.config.sense.label];
    const title = senseIssueTitle(hypothesis.title);
    ({ result: issue } = await ensureWrite(rt, `sense-issue:${item.id}`, {
      // Not filtered by label: someone may have removed it since; our bot's issues, newest first, are few.
      find: () => gh.findOwnIssue(ref, marker, own),
      create: () => createWithOwners(gh, ref, { title, body, labels, assignees: hypothesisOwners(hypothesis) }),
    }));
    const next = transition(item.state as SenseState, "issue_opened");
    await updateSenseItem(rt.db, item.id, { issueNumber: issue.number, issueUrl: issue.htmlUrl, ...(next ? { state: next } : {}) }, rt.clock.now());
    log.info({ senseItem: item.id, issue: issue.number }, "sense issue opened");
  } else {
    issue = { number: item.issueNumber, htmlUrl: item.issueUrl };
    await gh.updateIssue(ref, issue.number, { body });
  }

  await ensureComment(rt, gh, `shipped:${item.id}`, ref, hypothesis.number, shippedComment(item.environment, shipView(firstShip), item.dueAt, `#${issue.number}`));
  for (const ship of shipRows.filter((s) => s.id !== firstShip.id)) {
    const added = prs.filter((pr) => pr.shipId === ship.id && !pr.left);
    if (added.length === 0) continue;
    const list = added.map((pr) => ({ repo: pr.repo, number: pr.prNumber, title: pr.title, htmlUrl: pr.htmlUrl, left: false }));
    await ensureComment(rt, gh, `more-shipped:${item.id}:${ship.id}`, ref, issue.number, moreShippedComment(item.environment, shipView(ship), list, hypothesisRepo, item.dueAt));
  }
  if (item.state === "rolled_back" && item.rolledBackAt) {
    const departure = (await shipAt(rt.db, repositoryIds, item.environment, item.rolledBackAt)) ?? firstShip;
    await ensureComment(rt, gh, `rolled-back:${item.id}:${item.rolledBackAt.toISOString()}`, ref, issue.number, rolledBackComment(item.environment, shipView(departure)));
  }
}

/** Opens the issue assigned to the owners; GitHub refuses unassignable users with 422, so then without. */
async function createWithOwners(gh: GitHub, ref: RepoRef, issue: { title: string; body: string; labels: string[]; assignees: string[] }): Promise<IssueRef> {
  try {
    return await gh.createIssue(ref, issue);
  } catch (err) {
    if (err instanceof GitHubError && err.status === 422 && issue.assignees.length > 0) return gh.createIssue(ref, { ...issue, assignees: [] });
    throw err;
  }
}
