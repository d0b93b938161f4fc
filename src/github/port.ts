/**
 * What Senseloop's services need from GitHub, grouped by resource. The Octokit adapters in
 * `octokit/` implement it (and are the only code that knows Octokit); `recording.ts` wraps it
 * for dry runs. Reads return plain data, `null` meaning "not there". Every failure is a
 * `GitHubError` saying whether it is permanent, transient or rate limited.
 */
import type { CheckRunWrite, CommentRef, CompareData, ConfigFileRead, DeploymentData, HookDeliveryPage, InstallationState, IssueChanges, IssueData, IssueRef, NewIssue, OwnIssue, PullRequestData, ReactionContent, RepoRef, RepositoryData } from "./types.js";

export type * from "./types.js";

export interface PullsPort {
  get(ref: RepoRef, number: number): Promise<PullRequestData | null>;
  /** Commit messages of a PR; GitHub lists at most 250 commits here. */
  listCommitMessages(ref: RepoRef, number: number): Promise<string[]>;
  /** Changed file paths (renames add the old path too), up to `max` (GitHub lists at most 3,000). */
  listFiles(ref: RepoRef, number: number, max?: number): Promise<string[]>;
}

export interface IssuesPort {
  get(ref: RepoRef, number: number): Promise<IssueData | null>;
  /** Open issues carrying `label`, newest first; `more` when there are more than `limit`. */
  listOpenWithLabel(ref: RepoRef, label: string, limit?: number): Promise<{ items: { number: number; title: string; htmlUrl: string }[]; more: boolean }>;
  create(ref: RepoRef, issue: NewIssue): Promise<IssueRef>;
  update(ref: RepoRef, number: number, changes: IssueChanges): Promise<void>;
  /** Our own issue carrying `marker` (never one someone else wrote), newest first, within `maxPages` pages. */
  findOwn(ref: RepoRef, marker: string, options?: { label?: string; maxPages?: number }): Promise<OwnIssue | null>;
  addLabels(ref: RepoRef, number: number, labels: string[]): Promise<void>;
  /** Removing a label the issue does not carry is not an error. */
  removeLabel(ref: RepoRef, number: number, label: string): Promise<void>;
  createComment(ref: RepoRef, number: number, body: string): Promise<CommentRef>;
  /** Our own comment on an issue carrying `marker`, looked for after an attempt whose outcome is unknown. */
  findOwnComment(ref: RepoRef, number: number, marker: string): Promise<CommentRef | null>;
  /** GitHub answers 200 instead of 201 when the reaction is already there, so a retry is harmless. */
  addReaction(ref: RepoRef, commentId: number, content: ReactionContent): Promise<void>;
}

export interface ChecksPort {
  /** Our own check run with this name on a commit, for a retry after an unknown outcome. */
  findOwn(ref: RepoRef, sha: string, name: string): Promise<number | null>;
  create(ref: RepoRef, sha: string, name: string, write: CheckRunWrite): Promise<number>;
  update(ref: RepoRef, checkRunId: number, write: CheckRunWrite): Promise<void>;
}

export interface HistoryPort {
  /** Commits reachable from `head` but not `base`, oldest first, up to `maxCommits`; null when either is unknown. */
  compare(ref: RepoRef, base: string, head: string, maxCommits?: number): Promise<CompareData | null>;
  /** Merged PRs that contain a commit (squash, rebase and merge commits included). */
  mergedPullRequestsOf(ref: RepoRef, sha: string): Promise<number[]>;
  /** The commit a ref (tag, branch or SHA) points to. */
  resolveCommit(ref: RepoRef, name: string): Promise<string | null>;
  /** Recent deployments to an environment, newest first. */
  listDeployments(ref: RepoRef, environment: string, perPage?: number): Promise<DeploymentData[]>;
  /** A deployment's latest status (success, inactive, failure…), or null when it has none. */
  latestDeploymentState(ref: RepoRef, deploymentId: number): Promise<string | null>;
}

export interface ReposPort {
  get(ref: RepoRef): Promise<RepositoryData | null>;
  /** admin, maintain, write, triage, read or none; a custom role counts as the base permission it extends. */
  roleOf(ref: RepoRef, login: string): Promise<string>;
}

export interface ConfigFilesPort {
  /**
   * One file's raw text on the default branch. With `etag` GitHub answers "unchanged" (a 304,
   * which costs no rate limit) when the file still has that ETag. Throws `ConfigFileUnreadable`
   * for a path that is a directory or a submodule. A refused installation token is an error,
   * never "absent", so a removed installation is not mistaken for a repository without config.
   */
  read(ref: RepoRef, path: string, etag?: string): Promise<ConfigFileRead>;
}

/** Calls made as the app itself (JWT), not as an installation. */
export interface AppPort {
  /** The installation id that holds a repository, or null. */
  installationOf(ref: RepoRef): Promise<number | null>;
  /** The app's slug and name. */
  whoAmI(): Promise<{ slug: string; name: string }>;
  /** Whether an installation still exists and is not suspended (a refused token says one of them changed). */
  installationState(installationId: number): Promise<InstallationState>;
  /** One page of the app's webhook delivery log, newest first; `cursor` from the previous page. */
  listDeliveries(cursor?: string): Promise<HookDeliveryPage>;
  /** Asks GitHub to deliver an attempt again (same guid); GitHub answers 202. */
  redeliver(deliveryId: number): Promise<void>;
}

/** One installation's view of GitHub. */
export interface GitHubPort {
  pulls: PullsPort;
  issues: IssuesPort;
  checks: ChecksPort;
  history: HistoryPort;
  repos: ReposPort;
  config: ConfigFilesPort;
}
