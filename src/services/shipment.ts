import type { Logger } from "probot";
import type { RepoConfig } from "../config/schema.js";
import { getHypothesis, upsertHypothesis, type HypothesisRow } from "../db/queries/hypotheses.js";
import { getPullRequest } from "../db/queries/pull-requests.js";
import { getRepository, type RepositoryRow } from "../db/queries/repositories.js";
import { claimSenseItem, getSenseItem, markPullRequestsLeft, senseItemPullRequestsOf, shipSenseItemPullRequests, updateSenseItem } from "../db/queries/sense-items.js";
import type { ShipRow } from "../db/queries/ships.js";
import type { Db } from "../db/client.js";
import { parseReferences } from "../domain/references.js";
import { transition, type SenseState } from "../domain/sense-state.js";
import { dueDate } from "../domain/ship-range.js";
import { stripNul } from "../domain/sanitize.js";
import type { GitHub } from "../github/port.js";
import type { Runtime } from "../runtime.js";
import { resolveReferences, type Resolution } from "./resolve-references.js";

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
async function pullRequestHypotheses(rt: Runtime, gh: GitHub, ctx: ShipContext, number: number): Promise<ShippedPr | null> {
  const stored = await getPullRequest(rt.db, ctx.repository.id, number);
  if (stored && stored.outcome !== null) {
    const hypotheses = stored.references.filter((r) => r.problem === null && r.repositoryId !== null).map((r) => ({ repositoryId: r.repositoryId!, number: r.number }));
    return { number, title: stored.title, htmlUrl: stored.htmlUrl, hypotheses };
  }
  const pr = await gh.getPullRequest({ owner: ctx.repository.owner, repo: ctx.repository.name }, number);
  if (!pr) return null;
  const parsed = parseReferences({ title: pr.title, body: pr.body, commitMessages: [], webHost: rt.webHost });
  const hypothesesRepo = ctx.config.hypotheses.repo ?? `${ctx.repository.owner}/${ctx.repository.name}`;
  ctx.resolutions ??= new Map();
  const resolved = await resolveReferences(rt, gh, ctx.installationId, parsed.references, hypothesesRepo, ctx.config.hypotheses.label, ctx.resolutions);
  const hypotheses = resolved.filter((r) => r.hypothesis && r.repositoryId !== null).map((r) => ({ repositoryId: r.repositoryId!, number: r.number }));
  return { number, title: stripNul(pr.title), htmlUrl: pr.htmlUrl, hypotheses };
}

async function loadHypothesis(rt: Runtime, gh: GitHub, repositoryId: number, number: number): Promise<HypothesisRow | undefined> {
  const known = await getHypothesis(rt.db, repositoryId, number);
  if (known) return known.goneAt ? undefined : known;
  const repository = await getRepository(rt.db, repositoryId);
  if (!repository) return undefined;
  const issue = await gh.getIssue({ owner: repository.owner, repo: repository.name }, number);
  return issue ? upsertHypothesis(rt.db, repositoryId, issue, rt.clock.now()) : undefined;
}

/**
 * Records that these PRs reached the environment: one sense item per (hypothesis, environment),
 * created on its first ship and extended (never re-dated) by later ones. Returns the items that
 * need their sense issue opened or updated.
 */
export async function recordShipment(rt: Runtime, gh: GitHub, ctx: ShipContext, prNumbers: readonly number[]): Promise<number[]> {
  if (prNumbers.length > MAX_PRS_PER_SHIP) ctx.log.warn({ prs: prNumbers.length }, `ship lists more than ${MAX_PRS_PER_SHIP} PRs; the rest are not read`);
  const byHypothesis = new Map<string, { repositoryId: number; number: number; prs: ShippedPr[] }>();
  for (const number of prNumbers.slice(0, MAX_PRS_PER_SHIP)) {
    const pr = await pullRequestHypotheses(rt, gh, ctx, number);
    for (const h of pr?.hypotheses ?? []) {
      const key = `${h.repositoryId}#${h.number}`;
      const entry = byHypothesis.get(key) ?? { ...h, prs: [] };
      entry.prs.push(pr!);
      byHypothesis.set(key, entry);
    }
  }

  const touched: number[] = [];
  const repo = `${ctx.repository.owner}/${ctx.repository.name}`;
  for (const entry of byHypothesis.values()) {
    const hypothesis = await loadHypothesis(rt, gh, entry.repositoryId, entry.number);
    if (!hypothesis) continue;
    const now = rt.clock.now();
    const { item, created } = await claimSenseItem(rt.db, {
      hypothesisId: hypothesis.id,
      installationId: ctx.installationId,
      environment: ctx.environment,
      state: "shipped",
      shippedAt: ctx.ship.shippedAt,
      dueAt: dueDate(ctx.ship.shippedAt, hypothesis.senseAfterDays),
      repositoryId: hypothesis.repositoryId,
      createdAt: now,
      updatedAt: now,
    });
    const added = await shipSenseItemPullRequests(
      rt.db,
      entry.prs.map((pr) => ({ senseItemId: item.id, repositoryId: ctx.repository.id, prNumber: pr.number, repo, title: pr.title.slice(0, 500), htmlUrl: pr.htmlUrl, shipId: ctx.ship.id, addedAt: now })),
    );
    // A ship retried after its job died past this point finds its PRs listed already: it still
    // owns them, so the issue is still synced (and a rolled-back item still comes back).
    const shipsHere = created || added.length > 0 || (await senseItemPullRequestsOf(rt.db, item.id)).some((pr) => pr.shipId === ctx.ship.id && !pr.left);
    if (!created && item.state === "rolled_back" && shipsHere) {
      await moveTo(rt.db, item.id, item.state as SenseState, "shipped_again", { rolledBackAt: null }, now);
    }
    if (shipsHere) touched.push(item.id);
  }
  ctx.log.info({ prs: prNumbers.length, hypotheses: byHypothesis.size, items: touched.length }, "shipment recorded");
  return touched;
}

/** The PRs' work left the environment: items whose every PR left are rolled back. */
export async function recordDeparture(rt: Runtime, ctx: ShipContext, prNumbers: readonly number[]): Promise<number[]> {
  const itemIds = await markPullRequestsLeft(rt.db, ctx.repository.id, [...prNumbers], ctx.environment);
  const touched: number[] = [];
  for (const id of itemIds) {
    const item = await getSenseItem(rt.db, id);
    if (!item) continue;
    const prs = await senseItemPullRequestsOf(rt.db, id);
    if (prs.every((pr) => pr.left)) await moveTo(rt.db, id, item.state as SenseState, "rolled_back", { rolledBackAt: ctx.ship.shippedAt }, rt.clock.now());
    touched.push(id);
  }
  if (touched.length > 0) ctx.log.info({ prs: prNumbers, items: touched }, "shipped work left the environment");
  return touched;
}

async function moveTo(db: Db, id: number, state: SenseState, event: Parameters<typeof transition>[1], set: Record<string, unknown>, at: Date): Promise<void> {
  const next = transition(state, event);
  if (next) await updateSenseItem(db, id, { ...set, state: next }, at);
}
