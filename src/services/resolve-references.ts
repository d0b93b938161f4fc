import { getHypothesis } from "../db/queries/hypotheses.js";
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
 * Reads each referenced issue from GitHub (never from an old payload), mirrors the hypotheses,
 * and says for each whether it is an open issue with the hypothesis label in this installation.
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

  const issue = await scope.gh.issues.get({ owner: repository.owner, repo: repository.name }, ref.number);
  if (!issue) return { ...located, problem: "was not found" };
  if (issue.pullRequest) return { ...located, problem: "is a pull request, not a hypothesis issue" };
  if (issue.repoFullName.toLowerCase() !== repository.fullNameKey) return { ...located, problem: `has moved to ${issue.repoFullName}; reference it there` };

  const carriesLabel = issue.labels.some((l) => l.toLowerCase() === label.toLowerCase());
  if (carriesLabel || (await getHypothesis(scope.db, repository.id, issue.number))) {
    await mirrorHypothesis(scope.db, repository.id, issue, scope.clock.now());
  }
  if (issue.state !== "open") return { ...located, problem: "is closed" };
  if (!carriesLabel) return { ...located, problem: `does not carry the \`${label}\` label` };
  return { ...located, hypothesis: { title: issue.title, htmlUrl: issue.htmlUrl } };
}
