import type { Logger } from "probot";
import { getCheckRun } from "../db/queries/pull-requests.js";
import { echoLine } from "../domain/sanitize.js";
import type { GitHub } from "../github/port.js";
import { enqueueCheck } from "../jobs/enqueue.js";
import type { Runtime } from "../runtime.js";
import { parseCheckExternalId } from "./check-runs.js";
import { readRepoConfig } from "./repo-config.js";

export interface CheckRunAction {
  installationId: number;
  repository: { id: number; owner: string; name: string };
  headSha: string;
  externalId: string | null;
  pullRequests: number[];
  /** exempt | recheck */
  action: string;
  senderLogin: string;
  senderIsBot: boolean;
}

/** Roles that may exempt a PR; GitHub reports maintain as "write" in `permission`, hence role_name. */
export const WRITE_ROLES = new Set(["admin", "maintain", "write"]);

async function prNumberOf(rt: Runtime, action: CheckRunAction): Promise<number | undefined> {
  const fromId = parseCheckExternalId(action.externalId);
  if (fromId && fromId.repositoryId === action.repository.id) return fromId.prNumber;
  if (action.pullRequests[0] !== undefined) return action.pullRequests[0];
  return (await getCheckRun(rt.db, action.repository.id, action.headSha))?.prNumber;
}

/**
 * "Re-check" re-evaluates the PR. "Exempt this PR" adds the exempt label when the clicking
 * user has write access, then re-checks; without it, the check says who asked and why not.
 */
export async function onCheckRunAction(rt: Runtime, gh: GitHub, action: CheckRunAction, log: Logger): Promise<void> {
  const number = await prNumberOf(rt, action);
  if (number === undefined) {
    log.warn({ sha: action.headSha }, "check run action for a PR Senseloop does not know");
    return;
  }
  const job = { installationId: action.installationId, repositoryId: action.repository.id, number };
  if (action.action !== "exempt") {
    await enqueueCheck(rt, job);
    return;
  }

  const ref = { owner: action.repository.owner, repo: action.repository.name };
  const role = action.senderIsBot ? "none" : await gh.getRoleName(ref, action.senderLogin);
  if (!WRITE_ROLES.has(role)) {
    log.info({ pr: number, user: action.senderLogin, role }, "exempt refused: no write access");
    await enqueueCheck(rt, { ...job, notice: `${echoLine(action.senderLogin, 60)} asked to exempt this PR, but exempting needs write access to the repository (theirs is ${role}).` });
    return;
  }
  const loaded = await readRepoConfig(rt, gh, action.repository.id, ref);
  if (!loaded.ok) {
    await enqueueCheck(rt, job);
    return;
  }
  await gh.addLabels(ref, number, [loaded.config.exempt.label]);
  log.info({ pr: number, user: action.senderLogin }, "PR exempted from the check");
  await enqueueCheck(rt, job);
}
