import type { ProbotOctokit } from "probot";
import type { Clock } from "../clock.js";
import { GitHubError, goneInstallation, isNotFound, toGitHubError } from "./errors.js";

export interface RepoRef {
  owner: string;
  repo: string;
}

export interface PullRequestData {
  number: number;
  title: string;
  body: string | null;
  htmlUrl: string;
  state: "open" | "closed";
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  headSha: string;
  baseRef: string;
  authorLogin: string;
  labels: string[];
}

export interface IssueData {
  id: number;
  number: number;
  title: string;
  body: string | null;
  htmlUrl: string;
  state: "open" | "closed";
  labels: string[];
  authorLogin: string | null;
  assignees: string[];
  pullRequest: boolean;
  updatedAt: string;
  /** owner/name of the repository that holds the issue now (differs after a transfer). */
  repoFullName: string;
}

export interface RepositoryData {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  defaultBranch: string;
  private: boolean;
}

export interface CheckRunOutput {
  title: string;
  summary: string;
}

export interface CheckRunWrite {
  conclusion: "success" | "failure" | "neutral";
  output: CheckRunOutput;
  actions: { label: string; description: string; identifier: string }[];
  externalId: string;
}

export interface CommitData {
  sha: string;
  message: string;
  parents: string[];
}

export interface CompareData {
  status: "ahead" | "behind" | "identical" | "diverged";
  aheadBy: number;
  behindBy: number;
  totalCommits: number;
  /** Oldest first. */
  commits: CommitData[];
  /** More commits exist than were read. */
  truncated: boolean;
}

export interface IssueRef {
  number: number;
  htmlUrl: string;
}

export interface CommentRef {
  id: number;
  htmlUrl: string;
}

/** How to recognise what this app wrote: its app id (performed_via_github_app) or its bot login. */
export interface OwnIdentity {
  appId: number;
  login: string | undefined;
}

function isOwn(item: { user?: { login?: string } | null; performed_via_github_app?: { id?: number } | null }, own: OwnIdentity): boolean {
  if (item.performed_via_github_app?.id === own.appId) return true;
  return own.login !== undefined && item.user?.login?.toLowerCase() === own.login.toLowerCase();
}

const STANDARD_ROLES = new Set(["admin", "maintain", "write", "triage", "read"]);

/** Non-idempotent writes must not be retried blindly: the caller makes them idempotent. */
const NO_RETRY = { request: { retries: 0 } } as const;

const labelName = (label: string | { name?: string | undefined }) => (typeof label === "string" ? label : (label.name ?? ""));

/**
 * The only place that knows Octokit. Reads return plain data; `null` means "not there".
 * Every failure is a GitHubError saying whether it is permanent, transient or rate limited.
 */
export class GitHub {
  constructor(
    readonly octokit: ProbotOctokit,
    private readonly clock: Clock,
  ) {}

  private async call<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      throw toGitHubError(err, this.clock.now());
    }
  }

  private async orNull<T>(fn: () => Promise<T>): Promise<T | null> {
    try {
      return await this.call(fn);
    } catch (err) {
      // A refused installation token also answers 404: that is not "absent", the installation is gone.
      if (isNotFound(err) && goneInstallation(err) === undefined) return null;
      throw err;
    }
  }

  /**
   * Makes sure the installation's access token can be had (Probot caches it, so this costs a
   * request only when none is held). Reads that take a 404 for "absent", like the config
   * reader, would otherwise mistake a removed installation for an empty repository.
   */
  async ensureAccess(): Promise<void> {
    await this.call(() => this.octokit.auth({ type: "installation" }));
  }

  async getPullRequest(ref: RepoRef, number: number): Promise<PullRequestData | null> {
    return this.orNull(async () => {
      const { data } = await this.octokit.rest.pulls.get({ ...ref, pull_number: number });
      return {
        number: data.number,
        title: data.title,
        body: data.body ?? null,
        htmlUrl: data.html_url,
        state: data.state === "closed" ? "closed" : "open",
        draft: data.draft ?? false,
        merged: data.merged ?? false,
        mergedAt: data.merged_at ?? null,
        mergeCommitSha: data.merge_commit_sha ?? null,
        headSha: data.head.sha,
        baseRef: data.base.ref,
        authorLogin: data.user?.login ?? "ghost",
        labels: data.labels.map(labelName),
      };
    });
  }

  /** Commit messages of a PR; GitHub lists at most 250 commits here. */
  async listPullRequestCommitMessages(ref: RepoRef, number: number): Promise<string[]> {
    return this.call(async () => {
      const messages: string[] = [];
      for await (const page of this.octokit.paginate.iterator(this.octokit.rest.pulls.listCommits, { ...ref, pull_number: number, per_page: 100 })) {
        for (const commit of page.data) messages.push(commit.commit.message);
        if (messages.length >= 250) break;
      }
      return messages;
    });
  }

  /** Changed file paths of a PR, up to `max` (GitHub lists at most 3,000). */
  async listPullRequestFiles(ref: RepoRef, number: number, max = 3000): Promise<string[]> {
    return this.call(async () => {
      const files: string[] = [];
      for await (const page of this.octokit.paginate.iterator(this.octokit.rest.pulls.listFiles, { ...ref, pull_number: number, per_page: 100 })) {
        for (const file of page.data) {
          files.push(file.filename);
          if (file.previous_filename) files.push(file.previous_filename);
        }
        if (files.length >= max) break;
      }
      return files;
    });
  }

  async getIssue(ref: RepoRef, number: number): Promise<IssueData | null> {
    return this.orNull(async () => {
      const { data } = await this.octokit.rest.issues.get({ ...ref, issue_number: number });
      return {
        id: data.id,
        number: data.number,
        title: data.title,
        body: data.body ?? null,
        htmlUrl: data.html_url,
        state: data.state === "closed" ? "closed" : "open",
        labels: data.labels.map(labelName),
        authorLogin: data.user?.login ?? null,
        assignees: (data.assignees ?? []).map((a) => a.login),
        pullRequest: data.pull_request !== undefined && data.pull_request !== null,
        updatedAt: data.updated_at,
        repoFullName: data.repository_url.replace(/^.*\/repos\//, ""),
      };
    });
  }

  /** Open issues carrying `label`, newest first; `more` when there are more than `limit`. */
  async listOpenIssuesWithLabel(ref: RepoRef, label: string, limit = 20): Promise<{ items: { number: number; title: string; htmlUrl: string }[]; more: boolean }> {
    const result = await this.orNull(async () => {
      const { data } = await this.octokit.rest.issues.listForRepo({ ...ref, labels: label, state: "open", sort: "created", direction: "desc", per_page: limit + 1 });
      return data.filter((issue) => !issue.pull_request);
    });
    const issues = result ?? [];
    return { items: issues.slice(0, limit).map((i) => ({ number: i.number, title: i.title, htmlUrl: i.html_url })), more: issues.length > limit };
  }

  async getRepository(ref: RepoRef): Promise<RepositoryData | null> {
    return this.orNull(async () => {
      const { data } = await this.octokit.rest.repos.get({ ...ref });
      return { id: data.id, owner: data.owner.login, name: data.name, fullName: data.full_name, defaultBranch: data.default_branch, private: data.private };
    });
  }

  /** The installation id that holds a repository; needs an app-authenticated (JWT) client. */
  async getRepositoryInstallationId(ref: RepoRef): Promise<number | null> {
    return this.orNull(async () => (await this.octokit.rest.apps.getRepoInstallation({ ...ref })).data.id);
  }

  /** Our own check run on a commit, found by name and app id, for a retry after an unknown outcome. */
  async findCheckRun(ref: RepoRef, sha: string, name: string, appId: number): Promise<number | null> {
    return this.call(async () => {
      const { data } = await this.octokit.rest.checks.listForRef({ ...ref, ref: sha, check_name: name, app_id: appId, filter: "latest", per_page: 10 });
      return data.check_runs.find((run) => run.name === name && run.app?.id === appId)?.id ?? null;
    });
  }

  async createCheckRun(ref: RepoRef, sha: string, name: string, write: CheckRunWrite): Promise<number> {
    return this.call(async () => {
      const { data } = await this.octokit.rest.checks.create({
        ...ref,
        ...NO_RETRY,
        name,
        head_sha: sha,
        status: "completed",
        conclusion: write.conclusion,
        external_id: write.externalId,
        output: write.output,
        actions: write.actions,
      });
      return data.id;
    });
  }

  async updateCheckRun(ref: RepoRef, checkRunId: number, write: CheckRunWrite): Promise<void> {
    await this.call(() =>
      this.octokit.rest.checks.update({
        ...ref,
        check_run_id: checkRunId,
        status: "completed",
        conclusion: write.conclusion,
        external_id: write.externalId,
        output: write.output,
        actions: write.actions,
      }),
    );
  }

  /**
   * The user's role on a repository: admin, maintain, write, triage, read or none. `role_name`
   * tells maintain from write and triage from read (`permission` does not); a custom role is
   * named after itself, so it is reported by the base permission it extends.
   */
  async getRoleName(ref: RepoRef, login: string): Promise<string> {
    const role = await this.orNull(async () => {
      const { data } = await this.octokit.rest.repos.getCollaboratorPermissionLevel({ ...ref, username: login });
      const roleName = (data as { role_name?: string }).role_name;
      return roleName && STANDARD_ROLES.has(roleName) ? roleName : data.permission;
    });
    return role ?? "none";
  }

  async addLabels(ref: RepoRef, number: number, labels: string[]): Promise<void> {
    await this.call(() => this.octokit.rest.issues.addLabels({ ...ref, issue_number: number, labels }));
  }

  /**
   * Commits reachable from `head` but not from `base`, oldest first, read page by page (GitHub
   * lists at most 100 per page here) up to `maxCommits`. Null when either commit is unknown.
   */
  async compareCommits(ref: RepoRef, base: string, head: string, maxCommits = 3000): Promise<CompareData | null> {
    return this.orNull(async () => {
      const perPage = 100;
      const commits: CommitData[] = [];
      let first: { status: string; ahead_by: number; behind_by: number; total_commits: number } | undefined;
      for (let page = 1; page <= Math.ceil(maxCommits / perPage); page++) {
        const { data } = await this.octokit.rest.repos.compareCommitsWithBasehead({ ...ref, basehead: `${base}...${head}`, per_page: perPage, page });
        first ??= data;
        for (const c of data.commits) commits.push({ sha: c.sha, message: c.commit.message, parents: c.parents.map((p) => p.sha) });
        if (data.commits.length < perPage || commits.length >= data.total_commits) break;
      }
      const status = first!.status as CompareData["status"];
      return { status, aheadBy: first!.ahead_by, behindBy: first!.behind_by, totalCommits: first!.total_commits, commits, truncated: commits.length < first!.total_commits };
    });
  }

  /** Merged pull requests that contain a commit (squash, rebase and merge commits included). */
  async listMergedPullRequestsForCommit(ref: RepoRef, sha: string): Promise<number[]> {
    const data = await this.orNull(async () => (await this.octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...ref, commit_sha: sha, per_page: 100 })).data);
    return (data ?? []).filter((pr) => pr.merged_at !== null).map((pr) => pr.number);
  }

  /** The commit a ref (tag, branch or SHA) points to. */
  async resolveCommit(ref: RepoRef, name: string): Promise<string | null> {
    return this.orNull(async () => (await this.octokit.rest.repos.getCommit({ ...ref, ref: name, per_page: 1 })).data.sha);
  }

  /** Recent deployments to an environment, newest first. */
  async listDeployments(ref: RepoRef, environment: string, perPage = 30): Promise<{ id: number; sha: string; createdAt: string }[]> {
    const data = await this.orNull(async () => (await this.octokit.rest.repos.listDeployments({ ...ref, environment, per_page: perPage })).data);
    return (data ?? []).map((d) => ({ id: d.id, sha: d.sha, createdAt: d.created_at }));
  }

  /** A deployment's latest status (success, inactive, failure…), or null when it has none. */
  async latestDeploymentState(ref: RepoRef, deploymentId: number): Promise<string | null> {
    const data = await this.orNull(async () => (await this.octokit.rest.repos.listDeploymentStatuses({ ...ref, deployment_id: deploymentId, per_page: 1 })).data);
    return data?.[0]?.state ?? null;
  }

  async createIssue(ref: RepoRef, issue: { title: string; body: string; labels: string[]; assignees: string[] }): Promise<IssueRef> {
    return this.call(async () => {
      const { data } = await this.octokit.rest.issues.create({ ...ref, ...NO_RETRY, ...issue });
      return { number: data.number, htmlUrl: data.html_url };
    });
  }

  async updateIssue(ref: RepoRef, number: number, changes: { title?: string; body?: string; state?: "open" | "closed"; stateReason?: "completed" | "not_planned" | "reopened" }): Promise<void> {
    const { stateReason, ...rest } = changes;
    await this.call(() => this.octokit.rest.issues.update({ ...ref, issue_number: number, ...rest, ...(stateReason ? { state_reason: stateReason } : {}) }));
  }

  /**
   * Our own issue carrying `marker`: written by this app (never trusting a marker someone else
   * wrote), newest first, at most `maxPages` pages of 100.
   */
  async findOwnIssue(ref: RepoRef, marker: string, own: OwnIdentity, options: { label?: string; maxPages?: number } = {}): Promise<IssueRef & { body: string; state: string } | null> {
    return this.call(async () => {
      let page = 0;
      for await (const response of this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
        ...ref,
        state: "all",
        sort: "created",
        direction: "desc",
        per_page: 100,
        ...(own.login ? { creator: own.login } : {}),
        ...(options.label ? { labels: options.label } : {}),
      })) {
        for (const issue of response.data) {
          if (!issue.pull_request && isOwn(issue, own) && (issue.body ?? "").includes(marker)) {
            return { number: issue.number, htmlUrl: issue.html_url, body: issue.body ?? "", state: issue.state };
          }
        }
        if (++page >= (options.maxPages ?? 5)) break;
      }
      return null;
    });
  }

  async createComment(ref: RepoRef, number: number, body: string): Promise<CommentRef> {
    return this.call(async () => {
      const { data } = await this.octokit.rest.issues.createComment({ ...ref, ...NO_RETRY, issue_number: number, body });
      return { id: data.id, htmlUrl: data.html_url };
    });
  }

  /** Our own comment on an issue carrying `marker`, looked for after an attempt whose outcome is unknown. */
  async findOwnComment(ref: RepoRef, number: number, marker: string, own: OwnIdentity, maxPages = 10): Promise<CommentRef | null> {
    return this.orNull(async () => {
      let page = 0;
      for await (const response of this.octokit.paginate.iterator(this.octokit.rest.issues.listComments, { ...ref, issue_number: number, per_page: 100 })) {
        for (const comment of response.data) {
          if (isOwn(comment, own) && (comment.body ?? "").includes(marker)) return { id: comment.id, htmlUrl: comment.html_url };
        }
        if (++page >= maxPages) break;
      }
      return null;
    });
  }

  /** Adds a reaction; GitHub answers 200 instead of 201 when it is already there, so a retry is harmless. */
  async addReaction(ref: RepoRef, commentId: number, content: "+1" | "eyes" | "rocket" | "confused"): Promise<void> {
    await this.call(() => this.octokit.rest.reactions.createForIssueComment({ ...ref, comment_id: commentId, content }));
  }

  async removeLabel(ref: RepoRef, number: number, label: string): Promise<void> {
    await this.orNull(() => this.octokit.rest.issues.removeLabel({ ...ref, issue_number: number, name: label }));
  }
}

export { GitHubError };
