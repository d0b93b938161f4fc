import { INSTALLATION_ID, type TestRepo } from "./ids.js";
import { commitObject, restExample, user } from "./rest-objects.js";

/** `compare/{base}...{head}` (`commit-comparison`), one page of its commits. */
export function comparisonObject(repo: TestRepo, o: { base: string; head: string; status: string; aheadBy: number; behindBy: number; totalCommits: number; commits: { sha: string; message: string }[] }) {
  const comparison = restExample("repos/compare-commits-with-basehead", 200, repo);
  return {
    ...comparison,
    url: `https://api.github.com/repos/${repo.fullName}/compare/${o.base}...${o.head}`,
    html_url: `https://github.com/${repo.fullName}/compare/${o.base}...${o.head}`,
    permalink_url: `https://github.com/${repo.fullName}/compare/${o.base}...${o.head}`,
    diff_url: `https://github.com/${repo.fullName}/compare/${o.base}...${o.head}.diff`,
    patch_url: `https://github.com/${repo.fullName}/compare/${o.base}...${o.head}.patch`,
    base_commit: commitObject(repo, o.base, "Base"),
    merge_base_commit: commitObject(repo, o.base, "Base"),
    status: o.status,
    ahead_by: o.aheadBy,
    behind_by: o.behindBy,
    total_commits: o.totalCommits,
    commits: o.commits.map((c) => commitObject(repo, c.sha, c.message, [])),
    files: [],
  };
}

/** `GET commits/{ref}` (`commit`): the commit itself, without its file list. */
export function singleCommitObject(repo: TestRepo, sha: string, message: string) {
  const single = restExample("repos/get-commit", 200, repo);
  return { ...single, ...commitObject(repo, sha, message), stats: single.stats, files: [] };
}

/** A merged pull request as `commits/{sha}/pulls` lists it (`pull-request-simple`). */
export function pullRequestSimpleObject(repo: TestRepo, number: number, o: { mergedAt?: string | null; state?: "open" | "closed" } = {}) {
  const [simple] = restExample("repos/list-pull-requests-associated-with-commit", 200, repo);
  return {
    ...simple,
    id: repo.id * 100_000 + number,
    node_id: `PR_${repo.id}_${number}`,
    number,
    url: `https://api.github.com/repos/${repo.fullName}/pulls/${number}`,
    html_url: `https://github.com/${repo.fullName}/pull/${number}`,
    state: o.state ?? "closed",
    merged_at: o.mergedAt === undefined ? "2026-03-01T12:00:00Z" : o.mergedAt,
    // GitHub's example gives its team no `type`, which the schema requires.
    requested_teams: [],
  };
}

/** A deployment (`deployment`). */
export function deploymentObject(repo: TestRepo, d: { id: number; sha: string; createdAt: string; environment: string }) {
  const [deployment] = restExample("repos/list-deployments", 200, repo);
  const url = `https://api.github.com/repos/${repo.fullName}/deployments/${d.id}`;
  return { ...deployment, id: d.id, node_id: `DE_${d.id}`, url, statuses_url: `${url}/statuses`, sha: d.sha, ref: d.sha, environment: d.environment, original_environment: d.environment, created_at: d.createdAt, updated_at: d.createdAt, creator: user("deployer-bot", "Bot") };
}

/** A deployment status (`deployment-status`). */
export function deploymentStatusObject(repo: TestRepo, deploymentId: number, state: string) {
  const [status] = restExample("repos/list-deployment-statuses", 200, repo);
  return { ...status, id: 1, state, deployment_url: `https://api.github.com/repos/${repo.fullName}/deployments/${deploymentId}`, url: `https://api.github.com/repos/${repo.fullName}/deployments/${deploymentId}/statuses/1`, creator: user("deployer-bot", "Bot") };
}

/** The installation that holds a repository (`installation`), for an organisation account. */
export function installationObject(repo: TestRepo, installationId: number) {
  const installation = restExample("apps/get-repo-installation", 200, repo);
  return { ...installation, id: installationId, account: user(repo.owner, "Organization"), access_tokens_url: `https://api.github.com/app/installations/${installationId}/access_tokens` };
}

/** An installation access token (`installation-token`), for every repository. */
export function installationTokenObject(installationId = INSTALLATION_ID) {
  const token = restExample("apps/create-installation-access-token", 201);
  delete token.repositories;
  return { ...token, token: `ghs_test_${installationId}`, expires_at: "2099-01-01T00:00:00Z", permissions: { checks: "write", issues: "write", contents: "read", pull_requests: "read", deployments: "read", metadata: "read" }, repository_selection: "all" };
}

/** A collaborator's permission (`repository-collaborator-permission`). */
export function collaboratorPermissionObject(repo: TestRepo, login: string, permission: string, roleName: string) {
  const answer = restExample("repos/get-collaborator-permission-level", 200, repo);
  return { ...answer, permission, role_name: roleName, user: { ...user(login), permissions: { admin: permission === "admin", maintain: roleName === "maintain", push: permission === "admin" || permission === "write", triage: permission !== "read" && permission !== "none", pull: permission !== "none" }, role_name: roleName } };
}

/** A reaction (`reaction`), by our bot. */
export function reactionObject(content: string) {
  return { ...restExample("reactions/create-for-issue-comment", 201), content, user: user("senseloop[bot]", "Bot") };
}
