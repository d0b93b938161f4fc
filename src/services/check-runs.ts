import { createHash } from "node:crypto";
import { claimCheckRun, getCheckRun, saveCheckRun } from "../db/queries/pull-requests.js";
import { CHECK_NAME, type CheckResult } from "../domain/check-decision.js";
import { isNotFound } from "../github/errors.js";
import type { CheckRunWrite, GitHub, RepoRef } from "../github/port.js";
import type { Runtime } from "../runtime.js";

export interface CheckTarget {
  repositoryId: number;
  ref: RepoRef;
  headSha: string;
  prNumber: number;
}

export const checkExternalId = (repositoryId: number, prNumber: number) => `senseloop:${repositoryId}:${prNumber}`;

export function parseCheckExternalId(externalId: string | null | undefined): { repositoryId: number; prNumber: number } | undefined {
  const match = /^senseloop:(\d+):(\d+)$/.exec(externalId ?? "");
  return match ? { repositoryId: Number(match[1]), prNumber: Number(match[2]) } : undefined;
}

/**
 * One check run per head SHA, updated in place. The key is stored before GitHub is called;
 * a key without a check run id means an earlier attempt's outcome is unknown, so our own
 * check run is looked for before creating one. An unchanged result is not written again.
 */
export async function ensureCheckRun(rt: Runtime, gh: GitHub, target: CheckTarget, result: CheckResult): Promise<"created" | "updated" | "unchanged"> {
  const write: CheckRunWrite = {
    conclusion: result.conclusion,
    output: { title: result.title, summary: result.summary },
    actions: result.actions,
    externalId: checkExternalId(target.repositoryId, target.prNumber),
  };
  const hash = createHash("sha256").update(JSON.stringify(write)).digest("hex");
  const now = () => rt.clock.now();
  const existing = await getCheckRun(rt.db, target.repositoryId, target.headSha);

  if (existing?.checkRunId) {
    if (existing.outputHash === hash) return "unchanged";
    try {
      await gh.updateCheckRun(target.ref, existing.checkRunId, write);
      await saveCheckRun(rt.db, target.repositoryId, target.headSha, { checkRunId: existing.checkRunId, conclusion: result.conclusion, outputHash: hash }, now());
      return "updated";
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  const claimedNow = existing ? false : await claimCheckRun(rt.db, target.repositoryId, target.headSha, target.prNumber, now());
  const found = claimedNow ? null : await gh.findCheckRun(target.ref, target.headSha, CHECK_NAME, rt.bot.appId);
  if (found) {
    await gh.updateCheckRun(target.ref, found, write);
    await saveCheckRun(rt.db, target.repositoryId, target.headSha, { checkRunId: found, conclusion: result.conclusion, outputHash: hash }, now());
    return "updated";
  }
  const id = await gh.createCheckRun(target.ref, target.headSha, CHECK_NAME, write);
  await saveCheckRun(rt.db, target.repositoryId, target.headSha, { checkRunId: id, conclusion: result.conclusion, outputHash: hash }, now());
  return "created";
}
