import { getHypothesis } from "../db/queries/hypotheses.js";
import { getInstallation, getRepository } from "../db/queries/repositories.js";
import { getCheckRun } from "../db/queries/pull-requests.js";
import { checkOffResult, configInvalidCheck, decideCheck, type CheckOutcome, type CheckResult, type SignalQueryNote } from "../domain/check-decision.js";
import { findExemption, needsFiles, type Exemption } from "../domain/exemptions.js";
import { parseReferences } from "../domain/references.js";
import { checkSignalQuery } from "../domain/signal-query.js";
import type { PullRequestData, RepoRef } from "../github/port.js";
import { resolveInstallationRepository } from "./installation-repos.js";
import { recordCheck } from "./check-record.js";
import { writeCheckRun } from "./check-runs.js";
import { readRepoConfig } from "./repo-config.js";
import { resolveReferences, type Resolution } from "./resolve-references.js";
import type { Scope } from "./scope.js";

export interface CheckRequest {
  installationId: number;
  repositoryId: number;
  number: number;
  /** A line to show in the check summary, e.g. why a requested action was refused. */
  notice?: string | undefined;
  /** GitHub's Re-run reset the check suite to queued: the check run is written even when its result is unchanged. */
  rerun?: boolean | undefined;
}

/**
 * Evaluates one pull request as GitHub has it now and writes its `Senseloop / hypothesis`
 * check run on the head SHA. Closed PRs are recorded, not checked.
 */
export async function checkPullRequest(scope: Scope, request: CheckRequest): Promise<CheckOutcome | "skipped"> {
  const { gh, log } = scope;
  const repository = await getRepository(scope.db, request.repositoryId);
  if (!repository) {
    log.warn({ repositoryId: request.repositoryId }, "check for an unknown repository skipped");
    return "skipped";
  }
  const ref = { owner: repository.owner, repo: repository.name };
  const pr = await gh.pulls.get(ref, request.number);
  if (!pr) {
    log.info({ pr: request.number }, "pull request is gone; nothing to check");
    return "skipped";
  }
  const target = { repositoryId: repository.id, ref, headSha: pr.headSha, prNumber: pr.number, rewrite: request.rerun === true };

  const loaded = await readRepoConfig(scope, repository.id, ref);
  if (!loaded.ok) {
    if (pr.state === "open") await writeCheckRun(scope, target, configInvalidCheck(loaded.problems, pr.draft));
    await recordCheck(scope, repository.id, pr, "config_invalid", undefined, []);
    return "config_invalid";
  }
  const config = loaded.config;
  if (config.mode === "off" && pr.state === "open" && (await getCheckRun(scope.db, repository.id, pr.headSha))) {
    // Turning the check off must not leave an earlier failure standing on this commit.
    await writeCheckRun(scope, target, checkOffResult());
  }
  if (config.mode === "off" || pr.state === "closed") {
    await recordCheck(scope, repository.id, pr, null, undefined, []);
    return "skipped";
  }

  const parsed = await referencesOf(scope, ref, pr);
  const hypothesesRepo = config.hypotheses.repo ?? `${repository.owner}/${repository.name}`;
  const resolutions = await resolveReferences(scope, request.installationId, parsed.references, hypothesesRepo, config.hypotheses.label);

  let exemption: Exemption | undefined;
  if (resolutions.length === 0) {
    const input = { noneReason: parsed.noneReason, labels: pr.labels, authorLogin: pr.authorLogin, title: pr.title };
    const files = needsFiles(input, config.exempt) ? await gh.pulls.listFiles(ref, pr.number) : undefined;
    exemption = findExemption({ ...input, files }, config.exempt);
  }

  const passing = parsed.malformed.length === 0 && resolutions.every((r) => r.hypothesis) && (resolutions.length > 0 || exemption !== undefined);
  const open = passing ? { items: [], more: false } : await openHypotheses(scope, request.installationId, hypothesesRepo, config.hypotheses.label);

  const result: CheckResult = decideCheck({
    mode: config.mode,
    draft: pr.draft,
    references: resolutions,
    malformed: parsed.malformed,
    exemption,
    hypothesesRepo,
    hypothesisLabel: config.hypotheses.label,
    exemptLabel: config.exempt.label,
    openHypotheses: open.items,
    moreOpenHypotheses: open.more,
    notice: request.notice,
    signalProblems: await signalQueryProblems(scope, request.installationId, resolutions),
  });
  const written = await writeCheckRun(scope, target, result);
  await recordCheck(scope, repository.id, pr, result.outcome, exemption, resolutions);
  log.info({ pr: pr.number, sha: pr.headSha, outcome: result.outcome, conclusion: result.conclusion, written }, "pull request checked");
  return result.outcome;
}

/**
 * The PR's references. Commit trailers are for PRs whose title and description name no
 * hypothesis, so the commits are listed only then: a description that names one is the answer.
 */
async function referencesOf(scope: Scope, ref: RepoRef, pr: PullRequestData) {
  const named = parseReferences({ title: pr.title, body: pr.body, commitMessages: [], webHost: scope.webHost });
  if (named.references.length > 0) return named;
  const commitMessages = await scope.gh.pulls.listCommitMessages(ref, pr.number);
  return parseReferences({ title: pr.title, body: pr.body, commitMessages, webHost: scope.webHost });
}

/** The valid hypotheses this PR references whose Signal query line cannot be read here (mirrored as just resolved). */
async function signalQueryProblems(scope: Scope, installationId: number, resolutions: readonly Resolution[]): Promise<SignalQueryNote[]> {
  const notes: SignalQueryNote[] = [];
  let owner: string | undefined;
  for (const resolution of resolutions) {
    if (!resolution.hypothesis || resolution.repositoryId === null) continue;
    const hypothesis = await getHypothesis(scope.db, resolution.repositoryId, resolution.number);
    if (!hypothesis?.signalQuery) continue;
    owner ??= (await getInstallation(scope.db, installationId))?.accountLogin ?? "";
    const checked = checkSignalQuery(hypothesis.signalQuery, scope.signals.list(), owner);
    if (checked && "problem" in checked) notes.push({ repo: resolution.repo, number: resolution.number, problem: checked.problem });
  }
  return notes;
}

async function openHypotheses(scope: Scope, installationId: number, fullName: string, label: string) {
  const repository = await resolveInstallationRepository(scope, installationId, fullName);
  if (!repository) return { items: [], more: false };
  return scope.gh.issues.listOpenWithLabel({ owner: repository.owner, repo: repository.name }, label);
}
