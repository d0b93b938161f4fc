import type { ProbotOctokit } from "probot";
import type { Clock } from "../../clock.js";
import type { GitHubPort } from "../port.js";
import type { OwnIdentity } from "../types.js";
import type { CallHooks, Client } from "./call.js";
import { checksAdapter } from "./checks.js";
import { configFilesAdapter } from "./config-files.js";
import { historyAdapter } from "./history.js";
import { issuesAdapter } from "./issues.js";
import { pullsAdapter } from "./pulls.js";
import { reposAdapter } from "./repos.js";

export { appAdapter } from "./app.js";
export type { CallHooks } from "./call.js";

/** The GitHub port over an installation's Octokit; the client stays inside these adapters. */
export function octokitGitHub(octokit: ProbotOctokit, clock: Clock, own: () => OwnIdentity, hooks?: CallHooks): GitHubPort {
  const client: Client = { octokit, clock, own, hooks };
  return {
    pulls: pullsAdapter(client),
    issues: issuesAdapter(client),
    checks: checksAdapter(client),
    history: historyAdapter(client),
    repos: reposAdapter(client),
    config: configFilesAdapter(client),
  };
}
