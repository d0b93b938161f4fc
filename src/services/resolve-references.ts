import { getHypothesis, type HypothesisRow } from "../db/queries/hypotheses.js";
import { mirrorHypothesis } from "./hypothesis-mirror.js";
import type { ResolvedReference } from "../domain/check-decision.js";
import type { Reference } from "../domain/references.js";
import type { Scope } from "./scope.js";
import { resolveInstallationRepository } from "./installation-repos.js";

export interface Resolution extends ResolvedReference {
  /** The hypothesis repository's id, when the repository resolved (valid or not). */
  repositoryId: number | null;
}

const NOT_VISIBLE = "was not found (Senseloop only sees repositories it is installed on)";

/**
 * How long a mirrored hypothesis is taken as GitHub has it without asking: a day after it was
 * last stored. `issues` webhooks keep the mirror current (every edit, label, close, reopen,
 * transfer and deletion is mirrored as it comes, and missed deliveries are asked for again), so
 * this bound only limits how long a change whose webhook was lost for good can go unseen.
 */
export const MIRROR_TRUSTED_MS = 24 * 3_600_000;

/**
 * Says for each reference whether it is an open issue with the hypothesis label in this
 * installation: from the mirror when it holds the issue and stored it within a day, otherwise
 * from GitHub (a first reference, a stale row, anything not mirrored), mirroring hypotheses.
 */
export async function resolveReferences(
  scope: Scope,
  installationId: number,
  references: readonly Reference[],
  defaultRepo: string,
  label: string,
  /** Resolutions already made in this job (a ship reads many PRs naming the same hypothesis). */
  memo?: Map<string, Resolution>,
): Promise<Resolution[]> {
  const out: Resolution[] = [];
  const seen = new Set<string>();
  for (const ref of references) {
    const repoName = ref.repo ?? defaultRepo;
    const memoKey = `${repoName.toLowerCase()}#${ref.number}#${ref.pullRequest}`;
    const resolution = { ...(memo?.get(memoKey) ?? (await resolveOne(scope, installationId, ref, repoName, label))), raw: ref.raw };
    memo?.set(memoKey, resolution);
    const key = `${resolution.repositoryId ?? resolution.repo.toLowerCase()}#${resolution.number}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(resolution);
  }
  return out;
}

async function resolveOne(scope: Scope, installationId: number, ref: Reference, repoName: string, label: string): Promise<Resolution> {
  const base = { raw: ref.raw, repo: repoName, number: ref.number, repositoryId: null };
  const repository = await resolveInstallationRepository(scope, installationId, repoName);
  if (!repository) return { ...base, problem: NOT_VISIBLE };
  const repo = `${repository.owner}/${repository.name}`;
  const located = { ...base, repo, repositoryId: repository.id };
  if (ref.pullRequest) return { ...located, problem: "is a pull request, not a hypothesis issue" };

  const mirrored = await getHypothesis(scope.db, repository.id, ref.number);
  if (mirrored && isCurrent(mirrored, scope.clock.now())) return { ...located, ...judged(mirrored.state, mirrored.labels, label, mirrored) };

  const issue = await scope.gh.issues.get({ owner: repository.owner, repo: repository.name }, ref.number);
  if (!issue) return { ...located, problem: "was not found" };
  if (issue.pullRequest) return { ...located, problem: "is a pull request, not a hypothesis issue" };
  if (issue.repoFullName.toLowerCase() !== repository.fullNameKey) return { ...located, problem: `has moved to ${issue.repoFullName}; reference it there` };

  const carriesLabel = issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  if (carriesLabel || mirrored) await mirrorHypothesis(scope.db, repository.id, issue, scope.clock.now());
  return { ...located, ...judged(issue.state, issue.labels, label, issue) };
}

/** A mirrored issue still there, stored (from a webhook or a read) within the bound. */
const isCurrent = (row: HypothesisRow, now: Date) => row.goneAt === null && now.getTime() - row.updatedAt.getTime() < MIRROR_TRUSTED_MS;

function judged(state: string, labels: readonly string[], label: string, issue: { title: string; htmlUrl: string }): Pick<Resolution, "problem" | "hypothesis"> {
  if (state !== "open") return { problem: "is closed" };
  if (!labels.some((l) => l.toLowerCase() === label.toLowerCase())) return { problem: `does not carry the \`${label}\` label` };
  return { hypothesis: { title: issue.title, htmlUrl: issue.htmlUrl } };
}
