import { getCheckRun } from "../db/queries/pull-requests.js";
import type { FollowUp } from "../domain/effects.js";
import { echoLine } from "../domain/sanitize.js";
import { applyPlan } from "./apply-plan.js";
import { parseCheckExternalId } from "./check-runs.js";
import { readRepoConfig } from "./repo-config.js";
import { rememberRepository, type RepositorySnapshot } from "./repositories.js";
import type { Scope } from "./scope.js";

export interface CheckRunAction {
  installationId: number;
  repository: RepositorySnapshot;
  headSha: string;
  externalId: string | null;
  pullRequests: number[];
  /** exempt | recheck | rerun (GitHub's Re-run of the check run or its suite) */
  action: string;
  senderLogin: string;
  senderIsBot: boolean;
  /** Names this click, so its label write is made once however often it is delivered. */
  deliveryId: string;
}

/** Roles that may exempt a PR; GitHub reports maintain as "write" in `permission`, hence role_name. */
export const WRITE_ROLES = new Set(["admin", "maintain", "write"]);

async function prNumberOf(scope: Scope, action: CheckRunAction): Promise<number | undefined> {
  const fromId = parseCheckExternalId(action.externalId);
  if (fromId && fromId.repositoryId === action.repository.id) return fromId.prNumber;
  if (action.pullRequests[0] !== undefined) return action.pullRequests[0];
  return (await getCheckRun(scope.db, action.repository.id, action.headSha))?.prNumber;
}

/**
 * "Re-check" re-evaluates the PR; GitHub's "Re-run" too, and writes the check run even when the
 * result is the same, since GitHub left the suite queued until the app answers. "Exempt this PR" adds the exempt label
 * when the clicking user has write access, then re-checks; without it, the check says who asked
 * and why not.
 */
export async function onCheckRunAction(scope: Scope, action: CheckRunAction): Promise<FollowUp[]> {
  await rememberRepository(scope, action.installationId, action.repository);
  const number = await prNumberOf(scope, action);
  if (number === undefined) {
    scope.log.warn({ sha: action.headSha }, "check run action for a PR Senseloop does not know");
    return [];
  }
  const recheck: FollowUp = { kind: "recheck-pr", installationId: action.installationId, repositoryId: action.repository.id, number, ...(action.action === "rerun" ? { rerun: true } : {}) };
  if (action.action !== "exempt") return [recheck];

  const ref = { owner: action.repository.owner, repo: action.repository.name };
  const role = action.senderIsBot ? "none" : await scope.gh.repos.roleOf(ref, action.senderLogin);
  if (!WRITE_ROLES.has(role)) {
    scope.log.info({ pr: number, user: action.senderLogin, role }, "exempt refused: no write access");
    return [{ ...recheck, notice: `${echoLine(action.senderLogin, 60)} asked to exempt this PR, but exempting needs write access to the repository (theirs is ${role}).` }];
  }
  const loaded = await readRepoConfig(scope, action.repository.id, ref);
  if (!loaded.ok) return [recheck];
  const on = { ...ref, number };
  await applyPlan(scope, [{ kind: "add-labels", key: `exempt:${action.deliveryId}`, on, labels: [loaded.config.exempt.label] }]);
  scope.log.info({ pr: number, user: action.senderLogin }, "PR exempted from the check");
  return [recheck];
}
