import picomatch from "picomatch";
import { getInstallation, getRepository } from "../db/queries/repositories.js";
import { isPermissionRefused } from "../db/queries/permission-refusals.js";
import { cacheCommitPullRequests, cachedCommitPullRequests, claimShip, finishShip, getLiveSha, setLiveSha } from "../db/queries/ships.js";
import { environments } from "../db/schema/index.js";
import { decideShipment, expandSha, findReverts, type ResolvedRevert } from "../domain/ship-range.js";
import type { FollowUp } from "../domain/effects.js";
import type { ShipEvent } from "../domain/ship-event.js";
import type { CommitData, CompareData, RepoRef } from "../github/port.js";
import { and, eq } from "drizzle-orm";
import { readRepoConfig } from "./repo-config.js";
import type { Scope } from "./scope.js";
import { recordDeparture, recordShipment, type ShipContext } from "./shipment.js";

/** Commit → PR lookups one job may make; a bigger range continues in the next job, from the cache. */
export const LOOKUPS_PER_JOB = 250;
/** Older deployments read to find the one a new deployment follows, when none is recorded. */
const PREVIOUS_DEPLOYMENTS_READ = 10;

export type ShipOutcome = "disabled" | "duplicate" | "unresolved" | "identical" | "superseded" | "baseline" | "merge" | "ahead" | "diverged" | "rollback" | "continued";

/**
 * Works out what one ship put in front of users and records it. The first ship seen in an
 * environment is a baseline (no flood of old work on install); later ones are compared with
 * the last live SHA; a ship behind it is a rollback.
 */
export async function processShip(scope: Scope, job: ShipEvent): Promise<{ outcome: ShipOutcome; followUps: FollowUp[] }> {
  const { db, gh, log } = scope;
  const followUps: FollowUp[] = [];
  const done = (outcome: ShipOutcome) => ({ outcome, followUps });
  const repository = await getRepository(db, job.repositoryId);
  if (!repository) return done("disabled");
  const ref = { owner: repository.owner, repo: repository.name };
  // The installation has not granted `deployments`: detection from deployments is off here (the
  // refusal was logged once) until the owner accepts it, or a day has passed and it tries again.
  if (job.source === "deployment" && (await isPermissionRefused(db, { installationId: job.installationId, repository: `${ref.owner}/${ref.repo}`, permission: "deployments" }, scope.clock.now()))) {
    log.debug({ repo: `${ref.owner}/${ref.repo}` }, "deployments not granted here: ship detection from deployments is off");
    return done("disabled");
  }
  const loaded = await readRepoConfig(scope, repository.id, ref);
  if (!loaded.ok || !loaded.config.ship.on.includes(job.source)) return done("disabled");
  const config = loaded.config;
  const environment = job.source === "deployment" ? job.environment! : config.ship.environment;
  if (job.source === "deployment" && !picomatch(config.ship.environments)(environment)) return done("disabled");

  const ship = await claimShip(db, { repositoryId: repository.id, environment, source: job.source, sourceRef: job.sourceRef, sha: job.sha ?? "", shippedAt: new Date(job.shippedAt), url: job.url });
  if (ship.processedAt) return done("duplicate");
  const ctx: ShipContext = { installationId: job.installationId, repository, config, environment, ship, log: log.child({ ship: ship.id, environment, source: job.source }) };

  if (job.source === "merge") {
    const shipped = await recordShipment(scope, ctx, [Number(job.sourceRef)]);
    await finishShip(db, ship.id, { kind: "merge", prNumbers: [Number(job.sourceRef)] }, scope.clock.now());
    followUps.push(...shipped.baselines, ...syncs(shipped.touched));
    return done("merge");
  }

  const sha = job.sha ?? (job.tag ? await gh.history.resolveCommit(ref, job.tag) : null);
  if (!sha) {
    await finishShip(db, ship.id, { kind: "unresolved" }, scope.clock.now());
    ctx.log.warn({ tag: job.tag }, "release tag does not resolve to a commit; nothing shipped");
    return done("unresolved");
  }
  const live = await liveState(scope, repository.id, environment);
  // A late copy of the live SHA must not move the live time back, or an older ship would look newer.
  const liveSince = live && live.since > ship.shippedAt ? live.since : ship.shippedAt;
  const finish = async (kind: ShipOutcome, extra: { baseSha?: string | null; commitCount?: number; prNumbers?: number[] } = {}) => {
    await db.transaction(async (tx) => {
      await setLiveSha(tx, repository.id, environment, sha, liveSince, scope.clock.now());
      await finishShip(tx, ship.id, { kind, sha, ...extra }, scope.clock.now());
    });
    return done(kind);
  };

  if (live?.sha === sha) return finish("identical", { baseSha: sha });
  if (live && ship.shippedAt.getTime() < live.since.getTime()) {
    await finishShip(db, ship.id, { kind: "superseded", sha, baseSha: live.sha }, scope.clock.now());
    return done("superseded");
  }

  let base = live?.sha;
  let compare: CompareData | null = null;
  if (!base && job.source === "deployment") {
    const previous = await previousDeployment(scope, ref, job, environment, sha);
    base = previous?.sha;
    compare = previous?.compare ?? null;
  }
  if (!base) {
    ctx.log.info({ sha }, "first ship seen in this environment: recorded as the baseline, nothing opened");
    return finish("baseline");
  }
  compare ??= await gh.history.compare(ref, base, sha);
  if (!compare) {
    ctx.log.warn({ base, sha }, "the last live commit is unknown to GitHub now; recording a new baseline");
    return finish("baseline", { baseSha: base });
  }

  if (compare.status === "identical") return finish("identical", { baseSha: base });
  if (compare.status === "behind") {
    const left = await gh.history.compare(ref, sha, base);
    const mapping = await pullRequestsOf(scope, ctx, ref, left?.commits ?? []);
    if (mapping === "continue") return continueLater(job, ctx);
    const prs = unique([...mapping.values()].flat());
    const touched = await recordDeparture(scope, ctx, prs);
    followUps.push(...syncs(touched));
    ctx.log.info({ from: base, to: sha, prs }, "rollback: nothing opened, shipped work marked rolled back");
    return finish("rollback", { baseSha: base, commitCount: left?.commits.length ?? 0, prNumbers: prs });
  }

  if (compare.truncated) ctx.log.warn({ total: compare.totalCommits, read: compare.commits.length }, "compare is larger than Senseloop reads; the oldest commits are used");
  const mapping = await pullRequestsOf(scope, ctx, ref, compare.commits);
  if (mapping === "continue") return continueLater(job, ctx);
  const reverts = await resolveReverts(scope, ctx, ref, compare.commits, mapping);
  const shipment = decideShipment(compare.commits, mapping, reverts);
  const shipped = await recordShipment(scope, ctx, shipment.shipped);
  const touched = [...shipped.touched, ...(await recordDeparture(scope, ctx, shipment.revertedEarlier))];
  followUps.push(...shipped.baselines, ...syncs(unique(touched)));
  if (shipment.cancelled.length > 0) ctx.log.info({ prs: shipment.cancelled }, "reverted in the same range: not counted as shipped");
  return finish(compare.status, { baseSha: base, commitCount: compare.commits.length, prNumbers: shipment.shipped });
}

async function liveState(scope: Scope, repositoryId: number, environment: string): Promise<{ sha: string; since: Date } | undefined> {
  const sha = await getLiveSha(scope.db, repositoryId, environment);
  if (!sha) return undefined;
  const row = (await scope.db.select({ since: environments.liveSince }).from(environments).where(and(eq(environments.repositoryId, repositoryId), eq(environments.name, environment))).limit(1))[0]!;
  return { sha, since: row.since };
}

/**
 * With no live SHA recorded, the newest earlier successful deployment whose commit is an
 * ancestor. One made before Senseloop was installed does not count: that work is old.
 */
async function previousDeployment(scope: Scope, ref: RepoRef, job: ShipEvent, environment: string, sha: string): Promise<{ sha: string; compare: CompareData } | null> {
  const { gh } = scope;
  const installation = await getInstallation(scope.db, job.installationId);
  const installedAt = installation?.createdAt ?? scope.clock.now();
  const current = Number(job.sourceRef);
  let read = 0;
  for (const deployment of await gh.history.listDeployments(ref, environment)) {
    if (deployment.id >= current) continue;
    if (new Date(deployment.createdAt) < installedAt || ++read > PREVIOUS_DEPLOYMENTS_READ) return null;
    const state = await gh.history.latestDeploymentState(ref, deployment.id);
    if (state !== "success" && state !== "inactive") continue;
    const compare = await gh.history.compare(ref, deployment.sha, sha);
    if (compare && (compare.status === "ahead" || compare.status === "identical")) return { sha: deployment.sha, compare };
  }
  return null;
}

/** Each commit's merged PRs: from the cache, or GitHub (cached), at most LOOKUPS_PER_JOB calls per job. */
async function pullRequestsOf(scope: Scope, ctx: ShipContext, ref: RepoRef, commits: readonly CommitData[]): Promise<Map<string, number[]> | "continue"> {
  const shas = commits.map((c) => c.sha);
  const mapping = await cachedCommitPullRequests(scope.db, ctx.repository.id, shas);
  let lookups = 0;
  for (const sha of shas) {
    if (mapping.has(sha)) continue;
    if (++lookups > LOOKUPS_PER_JOB) return "continue";
    const prs = await scope.gh.history.mergedPullRequestsOf(ref, sha);
    await cacheCommitPullRequests(scope.db, ctx.repository.id, sha, prs, scope.clock.now());
    mapping.set(sha, prs);
  }
  return mapping;
}

/**
 * The PRs each revert in the range undoes (named in its subject, or owning the commit it names),
 * and those a revert of a revert brings back (named deeper in its subject, or undone by the
 * revert it names when that one is in the range too).
 */
async function resolveReverts(scope: Scope, ctx: ShipContext, ref: RepoRef, commits: readonly CommitData[], mapping: Map<string, number[]>): Promise<ResolvedRevert[]> {
  const out: ResolvedRevert[] = [];
  const bySha = new Map<string, ResolvedRevert>();
  for (const revert of findReverts(commits)) {
    const prs = new Set(revert.revertedPrNumbers);
    const restored = new Set(revert.restoredPrNumbers);
    for (const prefix of revert.revertedShas) {
      const inRange = expandSha(prefix, mapping.keys());
      if (inRange) {
        for (const pr of mapping.get(inRange) ?? []) prs.add(pr);
        for (const pr of bySha.get(inRange)?.revertedPrs ?? []) restored.add(pr);
        continue;
      }
      const cached = (await cachedCommitPullRequests(scope.db, ctx.repository.id, [prefix])).get(prefix);
      const found = cached ?? (prefix.length === 40 || prefix.length >= 7 ? await scope.gh.history.mergedPullRequestsOf(ref, prefix) : []);
      if (!cached && prefix.length === 40) await cacheCommitPullRequests(scope.db, ctx.repository.id, prefix, found, scope.clock.now());
      for (const pr of found) prs.add(pr);
    }
    const resolved = { sha: revert.sha, revertedPrs: [...prs], restoredPrs: [...restored] };
    bySha.set(revert.sha, resolved);
    out.push(resolved);
  }
  return out;
}

/** A range too big for one job: the lookups so far are cached; the same ship continues in a new job. */
function continueLater(job: ShipEvent, ctx: ShipContext): { outcome: "continued"; followUps: FollowUp[] } {
  ctx.log.info("large ship: continuing in another job");
  return { outcome: "continued", followUps: [{ kind: "ship", ship: job }] };
}

const syncs = (itemIds: readonly number[]): FollowUp[] => itemIds.map((senseItemId) => ({ kind: "sync-sense-issue", senseItemId }));

const unique = (values: number[]) => [...new Set(values)];
