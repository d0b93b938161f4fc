import { OAuthApp } from "@octokit/oauth-app";
import type { Standin } from "../../src/standin/index.js";
import { appOctokit, installationOctokit, seedShop, startReceiver, startStandin, TestOctokit, tokenOctokit } from "./helpers.js";

const CALLBACK = "http://127.0.0.1:9/auth/callback";

/** Every permission and event the scenario needs, so each route and webhook is reachable. */
const APP = {
  permissions: { checks: "write", issues: "write", pull_requests: "write", contents: "write", deployments: "write", metadata: "read" },
  events: ["check_run", "check_suite", "deployment", "deployment_status", "issue_comment", "issues", "pull_request", "push", "release", "repository"],
} as const;

const ignore = () => undefined;

async function signIn(standin: Standin) {
  const app = new OAuthApp({ clientType: "github-app", clientId: standin.app.clientId, clientSecret: standin.app.clientSecret, Octokit: TestOctokit.defaults({ baseUrl: standin.urls.api }) });
  const res = await fetch(app.getWebFlowAuthorizationUrl({ state: "s" }).url, { redirect: "manual" });
  const code = new URL(res.headers.get("location")!).searchParams.get("code")!;
  return ((await app.createToken({ code })).authentication as { token: string }).token;
}

const basic = (standin: Standin) => `Basic ${Buffer.from(`${standin.app.clientId}:${standin.app.clientSecret}`).toString("base64")}`;

/**
 * A product story that calls every REST route the stand-in serves, and makes it send every
 * webhook it can, with answers recorded for the contract test to check against GitHub's description.
 */
export async function runContractScenario(): Promise<Standin> {
  const receiver = await startReceiver();
  const standin = await startStandin({ recordResponses: true, webhook: { url: receiver.url }, oauth: { callbackUrls: [CALLBACK], signedIn: "pam" }, app: { permissions: { ...APP.permissions }, events: [...APP.events] } });
  const { installationId } = seedShop(standin);
  standin.createRepo({ owner: "acme", name: "wiki", creator: "pam" });
  standin.changeInstallationRepos({ installationId, remove: ["wiki"] });
  standin.changeInstallationRepos({ installationId, add: ["wiki"] });
  const app = appOctokit(standin);
  const o = installationOctokit(standin, installationId);
  const repo = { owner: "acme", repo: "shop" };

  await app.request("GET /app");
  await app.request("GET /app/installations");
  await app.request("GET /app/installations/{installation_id}", { installation_id: installationId });
  await app.request("POST /app/installations/{installation_id}/access_tokens", { installation_id: installationId, repositories: ["shop"] });
  await app.request("GET /repos/{owner}/{repo}/installation", repo);
  await app.request("GET /repos/{owner}/{repo}/installation", { owner: "acme", repo: "nope" }).catch(ignore);
  await o.request("GET /installation/repositories");

  await o.request("GET /repos/{owner}/{repo}", repo);
  await o.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "nope" }).catch(ignore);
  await o.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: ".github/senseloop.yml" });
  await o.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: ".github" });
  await o.request("GET /repos/{owner}/{repo}/contents/{path}", { ...repo, path: "missing.md" }).catch(ignore);
  await o.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { ...repo, username: "alice" });
  await o.request("GET /repos/{owner}/{repo}/collaborators/{username}/permission", { ...repo, username: "mallory" });

  const hypothesis = standin.submitIssueForm({ repo: "acme/shop", actor: "pam", title: "Hypothesis: reorder", fields: { belief: "b", who: "w", "does-what": "d", "by-how-much": "5%" } });
  standin.editIssue({ repo: "acme/shop", number: hypothesis.number, actor: "pam", body: "edited", assignees: ["alice"] });
  standin.editIssue({ repo: "acme/shop", number: hypothesis.number, actor: "pam", assignees: [] });
  const { data: sense } = await o.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: "Sense: reorder", body: "<!-- senseloop:sense -->", labels: ["sense"], assignees: ["pam"] });
  await o.request("POST /repos/{owner}/{repo}/issues", { ...repo, title: "x", assignees: ["mallory"] }).catch(ignore);
  await o.request("GET /repos/{owner}/{repo}/issues", { ...repo, state: "all", per_page: 1 });
  await o.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: sense.number });
  await o.request("GET /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: 999 }).catch(ignore);
  await o.request("POST /repos/{owner}/{repo}/issues/{issue_number}/labels", { ...repo, issue_number: sense.number, labels: ["needs-response"] });
  await o.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...repo, issue_number: sense.number, name: "needs-response" });
  await o.request("DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}", { ...repo, issue_number: sense.number, name: "needs-response" }).catch(ignore);
  const response = standin.comment({ repo: "acme/shop", number: sense.number, actor: "pam", body: "/respond pivot they reorder once" });
  await o.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { ...repo, comment_id: response.id, content: "+1" });
  await o.request("POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions", { ...repo, comment_id: response.id, content: "+1" });
  const { data: note } = await o.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: sense.number, body: "Summary" });
  await o.request("PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}", { ...repo, comment_id: note.id, body: "Summary, edited" });
  await o.request("GET /repos/{owner}/{repo}/issues/{issue_number}/comments", { ...repo, issue_number: sense.number });
  await o.request("PATCH /repos/{owner}/{repo}/issues/{issue_number}", { ...repo, issue_number: sense.number, state: "closed", state_reason: "completed" });
  standin.reopenIssue({ repo: "acme/shop", number: sense.number, actor: "pam" });

  const base = standin.state.requireRepo("acme/shop").git.branches.get("main")!;
  const { head } = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Add reorder", files: { "reorder.js": "reorder()\n" } }] });
  const { data: pr } = await o.request("POST /repos/{owner}/{repo}/pulls", { ...repo, head: "reorder", base: "main", title: "Reorder button", body: "Hypothesis: #1" });
  await o.request("PATCH /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: pr.number, body: "Hypothesis: #1\n\nMore words" });
  standin.setDraft({ repo: "acme/shop", number: pr.number, actor: "alice", draft: true });
  standin.setDraft({ repo: "acme/shop", number: pr.number, actor: "alice", draft: false });
  standin.addLabels({ repo: "acme/shop", number: pr.number, actor: "pam", labels: ["no-hypothesis"] });
  const second = standin.push({ repo: "acme/shop", actor: "alice", branch: "reorder", commits: [{ message: "Tidy", files: { "reorder.js": "reorder(basket)\n", "README.md": null } }] });
  await o.request("GET /repos/{owner}/{repo}/pulls", repo);
  await o.request("GET /repos/{owner}/{repo}/pulls/{pull_number}", { ...repo, pull_number: pr.number });
  await o.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/commits", { ...repo, pull_number: pr.number });
  await o.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", { ...repo, pull_number: pr.number });

  const output = { title: "Serves acme/shop#1", summary: "Linked hypotheses: #1" };
  const { data: run } = await o.request("POST /repos/{owner}/{repo}/check-runs", { ...repo, name: "Senseloop / hypothesis", head_sha: second.head, status: "in_progress", actions: [{ label: "Exempt this PR", description: "Add the exempt label", identifier: "exempt" }] });
  await o.request("POST /repos/{owner}/{repo}/check-runs", { ...repo, name: "x", head_sha: second.head, status: "completed" }).catch(ignore);
  await o.request("PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...repo, check_run_id: run.id, conclusion: "success", output });
  await o.request("GET /repos/{owner}/{repo}/check-runs/{check_run_id}", { ...repo, check_run_id: run.id });
  await o.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", { ...repo, ref: second.head, check_name: "Senseloop / hypothesis" });
  await o.request("POST /repos/{owner}/{repo}/check-runs/{check_run_id}/rerequest", { ...repo, check_run_id: Number(run.id) });
  standin.requestCheckRunAction({ repo: "acme/shop", actor: "alice", checkRunId: Number(run.id), identifier: "exempt" });

  const { data: merged } = await o.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", { ...repo, pull_number: pr.number, merge_method: "squash" });
  await o.request("PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge", { ...repo, pull_number: pr.number }).catch(ignore);
  await o.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...repo, ref: merged.sha });
  await o.request("GET /repos/{owner}/{repo}/commits/{ref}", { ...repo, ref: "f".repeat(40) }).catch(ignore);
  await o.request("GET /repos/{owner}/{repo}/compare/{basehead}", { ...repo, basehead: `${base}...main` });
  await o.request("GET /repos/{owner}/{repo}/compare/{basehead}", { ...repo, basehead: `main...${base}`, per_page: 1 });
  await o.request("GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls", { ...repo, commit_sha: head });

  // The 201 answer; the description's union also has the 202 "auto-merged" message.
  const deployment = (await o.request("POST /repos/{owner}/{repo}/deployments", { ...repo, ref: "main", environment: "production" })).data as { id: number };
  await o.request("POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", { ...repo, deployment_id: deployment.id, state: "success", environment_url: "https://shop.example.com" });
  await o.request("GET /repos/{owner}/{repo}/deployments", { ...repo, environment: "production" });
  await o.request("GET /repos/{owner}/{repo}/deployments/{deployment_id}", { ...repo, deployment_id: deployment.id });
  await o.request("GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses", { ...repo, deployment_id: deployment.id });
  await o.request("POST /repos/{owner}/{repo}/releases", { ...repo, tag_name: "v1.0.0", name: "v1.0.0", body: "First" });
  await o.request("POST /repos/{owner}/{repo}/releases", { ...repo, tag_name: "v1.0.0" }).catch(ignore);
  await o.request("GET /repos/{owner}/{repo}/releases", repo);
  standin.deploy({ repo: "acme/shop", actor: "pam", ref: base, environment: "production" });

  const token = await signIn(standin);
  const user = tokenOctokit(standin, token);
  await user.request("GET /user");
  await user.request("GET /user/installations");
  await user.request("GET /user/installations/{installation_id}/repositories", { installation_id: installationId });
  await fetch(`${standin.urls.api}/applications/${standin.app.clientId}/token`, { method: "DELETE", headers: { authorization: basic(standin), "content-type": "application/json" }, body: JSON.stringify({ access_token: token }) });
  await fetch(`${standin.urls.api}/applications/${standin.app.clientId}/grant`, { method: "DELETE", headers: { authorization: basic(standin), "content-type": "application/json" }, body: JSON.stringify({ access_token: await signIn(standin) }) });

  const manifest = JSON.stringify({ name: "Senseloop (dev)", url: "http://localhost:3000", redirect_url: "http://127.0.0.1:9/probot/setup", hook_attributes: { url: receiver.url }, default_permissions: { ...APP.permissions }, default_events: [...APP.events] });
  const created = await fetch(`${standin.url}/settings/apps/new?state=m1`, { method: "POST", redirect: "manual", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ manifest }).toString() });
  const code = new URL(created.headers.get("location")!).searchParams.get("code")!;
  await new TestOctokit({ baseUrl: standin.urls.api }).request("POST /app-manifests/{code}/conversions", { code });

  await standin.settle();
  const [latest] = (await app.request("GET /app/hook/deliveries", { per_page: 2 })).data as { id: number }[];
  await app.request("GET /app/hook/deliveries/{delivery_id}", { delivery_id: latest!.id });
  await app.request("POST /app/hook/deliveries/{delivery_id}/attempts", { delivery_id: latest!.id });

  standin.setInstallationState({ installationId, state: "suspended", sender: "pam" });
  standin.setInstallationState({ installationId, state: "active", sender: "pam" });
  standin.setInstallationState({ installationId, state: "deleted", sender: "pam" });
  await standin.settle();
  return standin;
}
