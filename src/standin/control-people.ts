import { changeInstallationRepos, createInstallation, createRepo, createUser, grantAccess, setInstallationState } from "./act-accounts.js";
import { requestCheckRunAction, rerequestCheckRun } from "./act-checks.js";
import { createDeployment, createDeploymentStatus, createRelease, type DeploymentInput, type DeploymentStatusInput } from "./act-deploy.js";
import { createBranch, push, revert, type CommitInput } from "./act-git.js";
import { addComment, addLabels, announce, createIssue, editComment, react, removeLabel, updateIssue, type IssueChanges } from "./act-issues.js";
import { mergePull, openPull, type MergeMethod } from "./act-pulls.js";
import type { Credentials } from "./credentials.js";
import { ApiError } from "./errors.js";
import type { Hub } from "./hub.js";
import { parseIssueForm, renderIssueForm } from "./issue-form.js";
import type { Actor, Issue, Permissions, Repo, Role } from "./model.js";
import { commentObject } from "./render-issue.js";

/** Where the people a script plays act: repository `owner/name`, as the user `actor`. */
interface On {
  repo: string;
  actor: string;
}
type OnIssue = On & { number: number };

/**
 * What people do on GitHub, for scripts: each method takes one JSON object and answers one,
 * so the same calls work in process and over `POST /_standin/<method>`.
 */
export function peopleControl(hub: Hub, credentials: Credentials) {
  const { state } = hub;
  const as = (login: string): Actor => ({ user: state.requireUser(login), viaApp: false });
  const repoOf = (name: string): Repo => state.requireRepo(name);
  const issueOf = (input: OnIssue): Issue => state.requireIssue(repoOf(input.repo), input.number);
  const web = () => hub.urls().web;
  const issueSummary = (repo: Repo, issue: Issue) => ({ number: issue.number, id: issue.id, state: issue.state, htmlUrl: `${web()}/${repo.owner.login}/${repo.name}/${issue.pull ? "pull" : "issues"}/${issue.number}`, ...(issue.pull ? { headSha: issue.pull.headSha, merged: issue.pull.merged, mergeCommitSha: issue.pull.mergeCommitSha } : {}) });

  return {
    /** A person, with a personal access token (`ghp_…`) for scripts that prefer the REST API. */
    createUser(input: { login: string; name?: string; email?: string }) {
      const user = createUser(hub, input);
      return { id: user.id, login: user.login, token: credentials.personalToken(user).token };
    },
    createOrg(input: { login: string; name?: string }) {
      const org = createUser(hub, { ...input, type: "Organization" });
      return { id: org.id, login: org.login };
    },
    createRepo(input: { owner: string; name: string; private?: boolean; description?: string; defaultBranch?: string; files?: Record<string, string>; creator?: string }) {
      const repo = createRepo(hub, input);
      return { id: repo.id, fullName: `${repo.owner.login}/${repo.name}`, defaultBranch: repo.git.defaultBranch, head: repo.git.branches.get(repo.git.defaultBranch)!, htmlUrl: `${web()}/${repo.owner.login}/${repo.name}` };
    },
    grantAccess(input: { repo: string; login: string; role: Role | "none" }) {
      grantAccess(hub, input);
      return { ok: true };
    },
    createInstallation(input: { account: string; repositories?: "all" | string[]; permissions?: Permissions; events?: string[]; sender?: string }) {
      const installation = createInstallation(hub, input);
      return { id: installation.id, account: installation.account.login, repositorySelection: installation.selection };
    },
    changeInstallationRepos(input: { installationId: number; add?: string[]; remove?: string[]; sender?: string }) {
      const installation = changeInstallationRepos(hub, input);
      return { id: installation.id, repositories: state.installationRepos(installation).map((r) => `${r.owner.login}/${r.name}`) };
    },
    setInstallationState(input: { installationId: number; state: "suspended" | "active" | "deleted"; sender?: string }) {
      setInstallationState(hub, input);
      return { ok: true };
    },
    openIssue(input: On & { title: string; body?: string; labels?: string[]; assignees?: string[] }) {
      const repo = repoOf(input.repo);
      return issueSummary(repo, createIssue(hub, repo, as(input.actor), input));
    },
    /** Submits an issue form from the repository's default branch (the hypothesis form by default). */
    submitIssueForm(input: On & { title?: string; fields: Record<string, string | string[]>; template?: string }) {
      const repo = repoOf(input.repo);
      const path = input.template ?? ".github/ISSUE_TEMPLATE/hypothesis.yml";
      const yaml = repo.git.get(repo.git.branches.get(repo.git.defaultBranch)!).tree.get(path);
      if (yaml === undefined) throw new ApiError(404, `no issue form at ${path} on ${repo.git.defaultBranch}`);
      const form = parseIssueForm(yaml);
      const rendered = renderIssueForm(form, input.fields);
      const title = input.title ?? rendered.title;
      if (!title) throw new ApiError(422, "an issue needs a title");
      return issueSummary(repo, createIssue(hub, repo, as(input.actor), { title, body: rendered.body, labels: rendered.labels, assignees: rendered.assignees }, null, true));
    },
    editIssue(input: OnIssue & IssueChanges) {
      const repo = repoOf(input.repo);
      return issueSummary(repo, updateIssue(hub, repo, issueOf(input), as(input.actor), input));
    },
    closeIssue(input: OnIssue & { reason?: "completed" | "not_planned" }) {
      const repo = repoOf(input.repo);
      return issueSummary(repo, updateIssue(hub, repo, issueOf(input), as(input.actor), { state: "closed", stateReason: input.reason ?? "completed" }));
    },
    reopenIssue(input: OnIssue) {
      const repo = repoOf(input.repo);
      return issueSummary(repo, updateIssue(hub, repo, issueOf(input), as(input.actor), { state: "open" }));
    },
    addLabels(input: OnIssue & { labels: string[] }) {
      return { labels: addLabels(hub, repoOf(input.repo), issueOf(input), as(input.actor), input.labels).map((l) => l.name) };
    },
    removeLabel(input: OnIssue & { label: string }) {
      return { labels: removeLabel(hub, repoOf(input.repo), issueOf(input), as(input.actor), input.label).map((l) => l.name) };
    },
    comment(input: OnIssue & { body: string }) {
      const repo = repoOf(input.repo);
      const issue = issueOf(input);
      const comment = addComment(hub, repo, issue, as(input.actor), input.body);
      return { id: comment.id, htmlUrl: commentObject(hub.urls(), state, repo, issue, comment).html_url };
    },
    editComment(input: On & { commentId: number; body: string }) {
      return { id: editComment(hub, repoOf(input.repo), input.commentId, as(input.actor), input.body).id };
    },
    react(input: On & { commentId: number; content: string }) {
      const { reaction, created } = react(hub, repoOf(input.repo), input.commentId, as(input.actor), input.content);
      return { id: reaction.id, created };
    },
    push(input: On & { branch: string; from?: string; commits: CommitInput[] }) {
      const repo = repoOf(input.repo);
      const commits = push(hub, repo, as(input.actor), input);
      return { head: repo.git.branches.get(input.branch)!, shas: commits.map((c) => c.sha) };
    },
    createBranch(input: On & { branch: string; from?: string }) {
      return { head: createBranch(hub, repoOf(input.repo), as(input.actor), input) };
    },
    revert(input: On & { sha: string; branch?: string }) {
      return { sha: revert(hub, repoOf(input.repo), as(input.actor), input).sha };
    },
    openPullRequest(input: On & { head: string; base?: string; title: string; body?: string; draft?: boolean }) {
      const repo = repoOf(input.repo);
      return issueSummary(repo, openPull(hub, repo, as(input.actor), input));
    },
    editPullRequest(input: OnIssue & { title?: string; body?: string; state?: "open" | "closed" }) {
      const repo = repoOf(input.repo);
      const issue = state.requirePull(repo, input.number);
      return issueSummary(repo, updateIssue(hub, repo, issue, as(input.actor), input));
    },
    /** Marks a PR ready for review or converts it back to a draft. */
    setDraft(input: OnIssue & { draft: boolean }) {
      const repo = repoOf(input.repo);
      const issue = state.requirePull(repo, input.number);
      if (issue.pull.draft !== input.draft) {
        issue.pull.draft = input.draft;
        issue.updatedAt = state.now();
        announce(hub, repo, issue, input.draft ? "converted_to_draft" : "ready_for_review", as(input.actor));
      }
      return issueSummary(repo, issue);
    },
    mergePullRequest(input: OnIssue & { method?: MergeMethod; commitTitle?: string; commitMessage?: string }) {
      const repo = repoOf(input.repo);
      return { sha: mergePull(hub, repo, state.requirePull(repo, input.number), as(input.actor), input).sha };
    },
    createDeployment(input: On & DeploymentInput) {
      const deployment = createDeployment(hub, repoOf(input.repo), as(input.actor), input);
      return { id: deployment.id, sha: deployment.sha };
    },
    setDeploymentStatus(input: On & { deploymentId: number } & DeploymentStatusInput) {
      return { id: createDeploymentStatus(hub, repoOf(input.repo), as(input.actor), input.deploymentId, input).id };
    },
    /** A deployment of `ref` that succeeds at once: what a deploy pipeline reports. */
    deploy(input: On & { ref: string; environment?: string; state?: string; environmentUrl?: string }) {
      const repo = repoOf(input.repo);
      const actor = as(input.actor);
      const deployment = createDeployment(hub, repo, actor, { ref: input.ref, environment: input.environment, required_contexts: [] });
      const status = createDeploymentStatus(hub, repo, actor, deployment.id, { state: input.state ?? "success", environment_url: input.environmentUrl });
      return { deploymentId: deployment.id, statusId: status.id, sha: deployment.sha };
    },
    publishRelease(input: On & { tag: string; target?: string; name?: string; body?: string; prerelease?: boolean; draft?: boolean }) {
      const repo = repoOf(input.repo);
      const release = createRelease(hub, repo, as(input.actor), { tag_name: input.tag, target_commitish: input.target, name: input.name, body: input.body, prerelease: input.prerelease, draft: input.draft });
      return { id: release.id, tag: release.tagName, sha: repo.git.tags.get(release.tagName) ?? null, htmlUrl: `${web()}/${repo.owner.login}/${repo.name}/releases/tag/${encodeURIComponent(release.tagName)}` };
    },
    rerequestCheckRun(input: On & { checkRunId: number }) {
      return { id: rerequestCheckRun(hub, repoOf(input.repo), as(input.actor), input.checkRunId).id };
    },
    requestCheckRunAction(input: On & { checkRunId: number; identifier: string }) {
      return { id: requestCheckRunAction(hub, repoOf(input.repo), as(input.actor), input.checkRunId, input.identifier).id };
    },
  };
}
