import type { Logger } from "probot";
import { getRepository } from "../db/queries/repositories.js";
import { getCheckRun, replacePullRequestHypotheses, upsertPullRequest } from "../db/queries/pull-requests.js";
import type { StoredReference } from "../db/schema/pull-requests.js";
import { checkOffResult, configInvalidCheck, decideCheck, type CheckOutcome, type CheckResult } from "../domain/check-decision.js";
import { findExemption, needsFiles, type Exemption } from "../domain/exemptions.js";
import { parseReferences } from "../domain/references.js";
import { stripNul } from "../domain/sanitize.js";
import type { GitHub, PullRequestData } from "../github/port.js";
import type { CheckPrJob } from "../jobs/queues.js";
import type { Runtime } from "../runtime.js";
import { ensureCheckRun } from "./check-runs.js";
import { resolveInstallationRepository } from "./installation-repos.js";
import { readRepoConfig } from "./repo-config.js";
import { resolveReferences, type Resolution } from "./resolve-references.js";

/**
 * Evaluates one pull request as GitHub has it now and writes its `Senseloop / hypothesis`
 * check run on the head SHA. Closed PRs are recorded, not checked.
 */
export async function checkPullRequest(rt: Runtime, gh: GitHub, job: CheckPrJob, log: Logger): Promise<CheckOutcome | "skipped"> {
  const repository = await getRepository(rt.db, job.repositoryId);
  if (!repository) {
    log.warn({ repositoryId: job.repositoryId }, "check for an unknown repository skipped");
    return "skipped";
  }
  const ref = { owner: repository.owner, repo: repository.name };
  const pr = await gh.getPullRequest(ref, job.number);
  if (!pr) {
    log.info({ pr: job.number }, "pull request is gone; nothing to check");
    return "skipped";
  }
  const target = { repositoryId: repository.id, ref, headSha: pr.headSha, prNumber: pr.number };

  const loaded = await readRepoConfig(rt, gh, repository.id, ref);
  if (!loaded.ok) {
    if (pr.state === "open") await ensureCheckRun(rt, gh, target, configInvalidCheck(loaded.problems, pr.draft));
    await record(rt, repository.id, pr, "config_invalid", undefined, []);
    return "config_invalid";
  }
  const config = loaded.config;
  if (config.mode === "off" && pr.state === "open" && (await getCheckRun(rt.db, repository.id, pr.headSha))?.checkRunId) {
    // Turning the check off must not leave an earlier failure standing on this commit.
    await ensureCheckRun(rt, gh, target, checkOffResult());
  }
  if (config.mode === "off" || pr.state === "closed") {
    await record(rt, repository.id, pr, null, undefined, []);
    return "skipped";
  }

  const commitMessages = await gh.listPullRequestCommitMessages(ref, pr.number);
  const parsed = parseReferences({ title: pr.title, body: pr.body, commitMessages, webHost: rt.webHost });
  const hypothesesRepo = config.hypotheses.repo ?? `${repository.owner}/${repository.name}`;
  const resolutions = await resolveReferences(rt, gh, job.installationId, parsed.references, hypothesesRepo, config.hypotheses.label);

  let exemption: Exemption | undefined;
  if (resolutions.length === 0) {
    const input = { noneReason: parsed.noneReason, labels: pr.labels, authorLogin: pr.authorLogin, title: pr.title };
    const files = needsFiles(input, config.exempt) ? await gh.listPullRequestFiles(ref, pr.number) : undefined;
    exemption = findExemption({ ...input, files }, config.exempt);
  }

  const passing = parsed.malformed.length === 0 && resolutions.every((r) => r.hypothesis) && (resolutions.length > 0 || exemption !== undefined);
  const open = passing ? { items: [], more: false } : await openHypotheses(rt, gh, job.installationId, hypothesesRepo, config.hypotheses.label);

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
    notice: job.notice,
  });
  const written = await ensureCheckRun(rt, gh, target, result);
  await record(rt, repository.id, pr, result.outcome, exemption, resolutions);
  log.info({ pr: pr.number, sha: pr.headSha, outcome: result.outcome, conclusion: result.conclusion, written }, "pull request checked");
  return result.outcome;
}

async function openHypotheses(rt: Runtime, gh: GitHub, installationId: number, fullName: string, label: string) {
  const repository = await resolveInstallationRepository(rt, gh, installationId, fullName);
  if (!repository) return { items: [], more: false };
  return gh.listOpenIssuesWithLabel({ owner: repository.owner, repo: repository.name }, label);
}

async function record(rt: Runtime, repositoryId: number, pr: PullRequestData, outcome: CheckOutcome | null, exemption: Exemption | undefined, resolutions: readonly Resolution[]): Promise<void> {
  const now = rt.clock.now();
  const references: StoredReference[] = resolutions.map((r) => ({
    raw: stripNul(r.raw).slice(0, 300),
    repo: r.repo,
    number: r.number,
    repositoryId: r.repositoryId,
    problem: r.problem ?? null,
  }));
  await rt.db.transaction(async (tx) => {
    await upsertPullRequest(tx, {
      repositoryId,
      number: pr.number,
      title: stripNul(pr.title).slice(0, 1000),
      htmlUrl: pr.htmlUrl,
      authorLogin: pr.authorLogin,
      state: pr.state,
      draft: pr.draft,
      headSha: pr.headSha,
      baseRef: pr.baseRef,
      mergedAt: pr.mergedAt ? new Date(pr.mergedAt) : null,
      mergeCommitSha: pr.merged ? pr.mergeCommitSha : null,
      ...(outcome !== null ? { outcome, exemption: exemption ? `${exemption.kind}: ${stripNul(exemption.reason).slice(0, 500)}` : null, references, checkedAt: now } : {}),
      updatedAt: now,
    });
    if (outcome !== null && outcome !== "config_invalid") {
      const targets = resolutions.filter((r) => r.repositoryId !== null).map((r) => ({ repositoryId: r.repositoryId!, number: r.number }));
      await replacePullRequestHypotheses(tx, repositoryId, pr.number, targets);
    }
  });
}
