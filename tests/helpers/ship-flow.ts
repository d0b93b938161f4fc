import { and, asc, eq } from "drizzle-orm";
import { commitPullRequests, environments, githubWrites, senseItemPullRequests, senseItems, ships } from "../../src/db/schema/index.js";
import { nockConfig, nockIssue } from "./github.js";
import type { Harness } from "./harness.js";
import { SHOP, type TestRepo } from "./ids.js";
import type { IssueOptions } from "./payloads.js";
import { nockCommitPulls, nockCompare, nockDeployments, nockMergedPullRequest, sha } from "./ship-github.js";
import { deploymentStatusEvent, type DeploymentOptions } from "./ship-payloads.js";

/** Scenario steps and reads for ship → sense tests: a deploy, its range, and what was stored. */

export const HYPOTHESIS_BODY = [
  "### We believe",
  "",
  "Returning customers want to reorder a past basket",
  "",
  "### Who",
  "",
  "Returning customers",
  "",
  "### Does what",
  "",
  "Reorder a past basket",
  "",
  "### By how much",
  "",
  "Repeat purchases +5% in 30 days",
  "",
  "### Signal",
  "",
  "https://metrics.example.com/d/repeat-purchases",
  "",
  "### Sense after (days)",
  "",
  "14",
].join("\n");

/** The hypothesis issue as a ship reads it while resolving a PR's references. */
export function nockHypothesis(o: IssueOptions = {}, repo: TestRepo = SHOP, number = 12) {
  nockIssue(repo, number, { assignees: ["pam"], body: HYPOTHESIS_BODY, ...o });
}

/** The first deploy seen in an environment: recorded as the baseline, nothing compared. */
export async function deployBaseline(h: Harness, o: DeploymentOptions & { config?: string | null } = {}) {
  const environment = o.environment ?? "production";
  nockConfig(o.repo ?? SHOP, o.config ?? null);
  nockDeployments(o.repo ?? SHOP, environment, []);
  await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), at: "2026-03-02T09:00:00Z", ...o }));
  return h.drain();
}

export interface RangeCommit {
  sha: string;
  message: string;
  prs: number[];
}

/** A compare from `base` to `head` and each commit's merged PRs. */
export function nockRange(base: string, head: string, commits: RangeCommit[], status: "ahead" | "diverged" = "ahead", repo: TestRepo = SHOP) {
  nockCompare(repo, base, head, status, commits);
  for (const c of commits) nockCommitPulls(repo, c.sha, c.prs);
}

/** Merged PRs read from GitHub while a ship resolves them: number → body. */
export function nockShippedPrs(prs: Record<number, string>, repo: TestRepo = SHOP) {
  for (const [n, body] of Object.entries(prs)) nockMergedPullRequest(repo, Number(n), { body });
}

export const senseItemRows = (h: Harness) => h.rt.db.select().from(senseItems).orderBy(asc(senseItems.id));
export const senseItemPrRows = (h: Harness) => h.rt.db.select().from(senseItemPullRequests).orderBy(asc(senseItemPullRequests.senseItemId), asc(senseItemPullRequests.prNumber));
export const shipRows = (h: Harness) => h.rt.db.select().from(ships).orderBy(asc(ships.id));
export const writeRows = (h: Harness) => h.rt.db.select().from(githubWrites).orderBy(asc(githubWrites.key));
export const cachedCommitRows = (h: Harness) => h.rt.db.select().from(commitPullRequests);

export async function environmentRow(h: Harness, name = "production", repo: TestRepo = SHOP) {
  return (await h.rt.db.select().from(environments).where(and(eq(environments.repositoryId, repo.id), eq(environments.name, name))))[0];
}

/** The hidden marker of the sense issue for `acme/shop#12`. */
export const senseMarker = (environment = "production") => `<!-- senseloop:sense hypothesis=acme/shop#12 env=${environment} -->`;
