import { saveCheckRun } from "../db/queries/pull-requests.js";
import { CHECK_NAME, type CheckResult } from "../domain/check-decision.js";
import { ensureCheckRun } from "../github/ensure.js";
import type { CheckRunWrite, RepoRef } from "../github/port.js";
import type { Scope } from "./scope.js";

export interface CheckTarget {
  repositoryId: number;
  ref: RepoRef;
  headSha: string;
  prNumber: number;
  /** Write even an unchanged result (after GitHub's Re-run, which leaves the suite queued until we do). */
  rewrite?: boolean;
}

export const checkExternalId = (repositoryId: number, prNumber: number) => `senseloop:${repositoryId}:${prNumber}`;

export function parseCheckExternalId(externalId: string | null | undefined): { repositoryId: number; prNumber: number } | undefined {
  const match = /^senseloop:(\d+):(\d+)$/.exec(externalId ?? "");
  return match ? { repositoryId: Number(match[1]), prNumber: Number(match[2]) } : undefined;
}

/** One check run per head SHA, updated in place, through the write ledger; remembered for its PR. */
export async function writeCheckRun(scope: Scope, target: CheckTarget, result: CheckResult): Promise<"created" | "updated" | "unchanged"> {
  const write: CheckRunWrite = {
    conclusion: result.conclusion,
    output: { title: result.title, summary: result.summary },
    actions: result.actions,
    externalId: checkExternalId(target.repositoryId, target.prNumber),
  };
  const written = await ensureCheckRun(scope.gh, scope.ledger, `check-run:${target.repositoryId}:${target.headSha}`, target.ref, target.headSha, CHECK_NAME, write, { force: target.rewrite === true });
  if (written.status === "refused") throw new Error(`the check run of ${target.headSha} was refused: ${written.reason}`);
  await saveCheckRun(scope.db, target, result.conclusion, scope.clock.now());
  return written.status === "unchanged" ? "unchanged" : written.status === "created" ? "created" : "updated";
}
