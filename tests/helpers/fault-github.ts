import { api, nockCheckReads, nockCreateCheckRun, type Captured } from "./github.js";
import { INSTALLATION_ID, type TestRepo } from "./ids.js";
import { pullRequestEvent } from "./payloads.js";
import { user } from "./rest-objects.js";

/** GitHub's faults, as it answers them: rate limits, refused tokens, refused permissions. */

const SECONDARY = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.";

/** Reading a PR hits a secondary rate limit, with `retry-after` when GitHub says how long. */
export function nockPullRequestSecondaryLimited(repo: TestRepo, number: number, retryAfterSeconds?: number) {
  api()
    .get(`/repos/${repo.fullName}/pulls/${number}`)
    .reply(403, { message: SECONDARY, documentation_url: "https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits" }, retryAfterSeconds === undefined ? {} : { "retry-after": String(retryAfterSeconds) });
}

/** Reading a PR is refused: the installation's cached token is no longer valid. */
export function nockPullRequestBadCredentials(repo: TestRepo, number: number) {
  api().get(`/repos/${repo.fullName}/pulls/${number}`).reply(401, { message: "Bad credentials", documentation_url: "https://docs.github.com/rest" });
}

/** `GET /app/installations/{id}` as the app: there (suspended or not), or 404 when uninstalled. */
export function nockInstallationAsApp(installationId: number, state: "active" | "suspended" | "gone") {
  const scope = api().get(`/app/installations/${installationId}`);
  if (state === "gone") {
    scope.reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest/apps/apps#get-an-installation-for-the-authenticated-app" });
    return;
  }
  const suspended = state === "suspended";
  scope.reply(200, {
    id: installationId,
    account: user("acme", "Organization"),
    repository_selection: "all",
    access_tokens_url: `https://api.github.com/app/installations/${installationId}/access_tokens`,
    repositories_url: "https://api.github.com/installation/repositories",
    html_url: `https://github.com/organizations/acme/settings/installations/${installationId}`,
    app_id: 123,
    app_slug: "senseloop",
    target_id: 5000,
    target_type: "Organization",
    permissions: { checks: "write", issues: "write", pull_requests: "read", contents: "read", deployments: "read", metadata: "read" },
    events: ["check_run", "check_suite", "deployment_status", "issue_comment", "issues", "pull_request", "release"],
    created_at: "2026-01-05T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    single_file_name: null,
    suspended_by: suspended ? user("owner") : null,
    suspended_at: suspended ? "2026-03-02T08:00:00Z" : null,
  });
}

/** A 403 GitHub gives when the installation has not granted the permission a request needs. */
export const NOT_ACCESSIBLE = { message: "Resource not accessible by integration", documentation_url: "https://docs.github.com/rest", status: "403" };

/** A PR event of any installation (the builders use the harness's own). */
export function pullRequestEventOf(repo: TestRepo, number: number, installationId = INSTALLATION_ID, o: { headSha?: string; title?: string } = {}) {
  const payload = pullRequestEvent("opened", { repo, number, title: o.title ?? "docs: tidy the readme", body: "Tidies the readme.", ...(o.headSha ? { headSha: o.headSha } : {}) });
  payload.installation = { id: installationId, node_id: `I_${installationId}` };
  return payload;
}

/** Everything the check of an exempt PR reads and writes: one check run created. */
export function nockExemptCheck(repo: TestRepo, number: number, headSha: string, checkRunId: number, o: { config?: "cached" } = {}): Captured {
  nockCheckReads({ repo, number, title: "docs: tidy the readme", body: "Tidies the readme.", headSha, ...o });
  return nockCreateCheckRun(repo, checkRunId);
}
