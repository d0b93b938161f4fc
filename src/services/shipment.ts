import type { Logger } from "probot";
import type { RepoConfig } from "../config/schema.js";
import { getHypothesis, type HypothesisRow } from "../db/queries/hypotheses.js";
import { mirrorHypothesis } from "./hypothesis-mirror.js";
import { getPullRequest } from "../db/queries/pull-requests.js";
import { getRepository, type RepositoryRow } from "../db/queries/repositories.js";
import { claimSenseItem, getSenseItem, markPullRequestsLeft, moveSenseItem, senseItemPullRequestsOf, shipSenseItemPullRequests } from "../db/queries/sense-items.js";
import type { ShipRow } from "../db/queries/ships.js";
import type { FollowUp } from "../domain/effects.js";
import { parseReferences } from "../domain/references.js";
import { nextState, type SenseEventType, type SenseState } from "../domain/sense-state.js";
import { dueDate } from "../domain/ship-range.js";
import { stripNul } from "../domain/sanitize.js";
import { resolveReferences, type Resolution } from "./resolve-references.js";
import type { Scope } from "./scope.js";

export interface ShipContext {
  installationId: number;
  repository: RepositoryRow;
  config: RepoConfig;
  environment: string;
  ship: ShipRow;
  log: Logger;
  /** Reference resolutions made while reading this ship's PRs. */
  resolutions?: Map<string, Resolution>;
}

interface ShippedPr {
  number: number;
  title: string;
  htmlUrl: string;
  hypotheses: { repositoryId: number; number: number }[];
}

/** At most this many PRs are read for one ship; a bigger deploy is logged and cut. */
const MAX_PRS_PER_SHIP = 300;

/**
 * The hypotheses a merged PR served, as its check saw them at merge. A PR the check never saw
 * (merged before Senseloop was installed, or while its check was off) is read once from GitHub.
 */
async function pullRequestHypotheses(scope: Scope, ctx: ShipContext, number: number): Promise<ShippedPr | null> {
  const stored = await getPullRequest(scope.db, ctx.repository.id, number);
  if (stored && stored.outcome !== null) {
    const hypotheses = stored.references.filter((r) => r.problem === null && r.repositoryId !== null).map((r) => ({ repositoryId: r.repositoryId!, number: r.number }));
    return { number, title: stored.title, htmlUrl: stored.htmlUrl, hypotheses };
  }
  const pr = await scope.gh.pulls.get({ owner: ctx.repository.owner, repo: ctx.repository.name }, number);
  if (!pr) return null;
  const parsed = parseReferences({ title: pr.title, body: pr.body, commitMessages: [], webHost: scope.webHost });
  const hypothesesRepo = ctx.config.hypotheses.repo ?? `${ctx.repository.owner}/${ctx.repository.name}`;
  ctx.resolutions ??= new Map();
  const resolved = await resolveReferences(scope, ctx.installationId, parsed.references, hypothesesRepo, ctx.config.hypotheses.label, ctx.resolutions);
  const hypotheses = resolved.filter((r) => r.hypothesis && r.repositoryId !== null).map((r) => ({ repositoryId: r.repositoryId!, number: r.number }));
  return { number, title: stripNul(pr.title), htmlUrl: pr.htmlUrl, hypotheses };
}

async function loadHypothesis(scope: Scope, repositoryId: number, number: number): Promise<HypothesisRow | undefined> {
  const known = await getHypothesis(scope.db, repositoryId, number);
  if (known) return known.goneAt ? undefined : known;
  const repository = await getRepository(scope.db, repositoryId);
  if (!repository) return undefined;
  const issue = await scope.gh.issues.get({ owner: repository.owner, repo: repository.name }, number);
  return issue ? mirrorHypothesis(scope.db, repositoryId, issue, scope.clock.now()) : undefined;
}

/**
 * Records that these PRs reached the environment: one sense item per (hypothesis, environment),
 * created on its first ship and extended (never re-dated) by later ones. Returns the items that
 * need their sense issue opened or updated, and the baseline readings of the new ones whose
 * hypothesis names a signal query (read at the ship's time; a slot is read once).
 */
export async function recordShipment(scope: Scope, ctx: ShipContext, prNumbers: readonly number[]): Promise<{ touched: number[]; baselines: FollowUp[] }> {
  if (prNumbers.length > MAX_PRS_PER_SHIP) ctx.log.warn({ prs: prNumbers.length }, `ship lists more than ${MAX_PRS_PER_SHIP} PRs; the rest are not read`);
  const byHypothesis = new Map<string, { repositoryId: number; number: number; prs: ShippedPr[] }>();
  for (const number of prNumbers.slice(0, MAX_PRS_PER_SHIP)) {
    const pr = await pullRequestHypotheses(scope, ctx, number);
    for (const h of pr?.hypotheses ?? []) {
      const key = `${h.repositoryId}#${h.number}`;
      const entry = byHypothesis.get(key) ?? { ...h, prs: [] };
      entry.prs.push(pr!);
      byHypothesis.set(key, entry);
    }
  }

  const touched: number[] = [];
  const baselines: FollowUp[] = [];
  const repo = `${ctx.repository.owner}/${ctx.repository.name}`;
  for (const entry of byHypothesis.values()) {
    const hypothesis = await loadHypothesis(scope, entry.repositoryId, entry.number);
    if (!hypothesis) continue;
    const now = scope.clock.now();
    const { item, created } = await claimSenseItem(scope.db, {
      hypothesisId: hypothesis.id,
      installationId: ctx.installationId,
      environment: ctx.environment,
      state: "shipped",
      shippedAt: ctx.ship.shippedAt,
      dueAt: dueDate(ctx.ship.shippedAt, hypothesis.senseAfterDays),
      repositoryId: hypothesis.repositoryId,
      // The sweep looks at it straight away too: should the baseline's job be lost, the sweep reads it.
      nextReadingAt: hypothesis.signalQuery !== null ? ctx.ship.shippedAt : null,
      createdAt: now,
      updatedAt: now,
    });
    if (created && hypothesis.signalQuery !== null) {
      baselines.push({ kind: "read-slot", senseItemId: item.id, installationId: ctx.installationId, slot: { kind: "baseline", at: item.shippedAt.toISOString() } });
    }
    const added = await shipSenseItemPullRequests(
      scope.db,
      entry.prs.map((pr) => ({ senseItemId: item.id, repositoryId: ctx.repository.id, prNumber: pr.number, repo, title: pr.title.slice(0, 500), htmlUrl: pr.htmlUrl, shipId: ctx.ship.id, addedAt: now })),
    );
    // A ship retried after its job died past this point finds its PRs listed already: it still
    // owns them, so the issue is still synced (and a rolled-back item still comes back).
    const shipsHere = created || added.length > 0 || (await senseItemPullRequestsOf(scope.db, item.id)).some((pr) => pr.shipId === ctx.ship.id && !pr.left);
    if (!created && item.state === "rolled_back" && shipsHere) {
      await move(scope, item.id, item.state, "shipped_again", { rolledBackAt: null });
    }
    if (shipsHere) touched.push(item.id);
  }
  ctx.log.info({ prs: prNumbers.length, hypotheses: byHypothesis.size, items: touched.length }, "shipment recorded");
  return { touched, baselines };
}

/** The PRs' work left the environment: items whose every PR left are rolled back. */
export async function recordDeparture(scope: Scope, ctx: ShipContext, prNumbers: readonly number[]): Promise<number[]> {
  const itemIds = await markPullRequestsLeft(scope.db, ctx.repository.id, [...prNumbers], ctx.environment);
  const touched: number[] = [];
  for (const id of itemIds) {
    const item = await getSenseItem(scope.db, id);
    if (!item) continue;
    const prs = await senseItemPullRequestsOf(scope.db, id);
    if (prs.every((pr) => pr.left)) await move(scope, id, item.state, "rolled_back", { rolledBackAt: ctx.ship.shippedAt });
    touched.push(id);
  }
  if (touched.length > 0) ctx.log.info({ prs: prNumbers, items: touched }, "shipped work left the environment");
  return touched;
}

/**
 * A ship's move of a sense item (rolled back, shipped again), through the state machine's table.
 * Its only effect is the item's sync, which the ship job queues for every item it touched.
 */
async function move(scope: Scope, id: number, state: SenseState, event: Extract<SenseEventType, "rolled_back" | "shipped_again">, set: { rolledBackAt: Date | null }): Promise<void> {
  const next = nextState(state, event);
  if (next) await moveSenseItem(scope.db, id, { from: state, to: next }, set, scope.clock.now());
}
