/** Plain data the GitHub port reads and writes; no Octokit type leaks out of `github/`. */

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

export interface DeploymentData {
  id: number;
  sha: string;
  createdAt: string;
}

export interface IssueRef {
  number: number;
  htmlUrl: string;
}

export interface OwnIssue extends IssueRef {
  body: string;
  state: string;
}

export interface CommentRef {
  id: number;
  htmlUrl: string;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
}

export interface IssueChanges {
  title?: string;
  body?: string;
  state?: "open" | "closed";
  stateReason?: "completed" | "not_planned" | "reopened";
}

export type ReactionContent = "+1" | "eyes" | "rocket" | "confused";

/** How to recognise what this app wrote: its app id (performed_via_github_app) or its bot login. */
export interface OwnIdentity {
  appId: number;
  login: string | undefined;
}

/** One attempt in the app's webhook delivery log. */
export interface HookDelivery {
  id: number;
  guid: string;
  deliveredAt: string;
  redelivery: boolean;
  statusCode: number;
  event: string;
  action: string | null;
  installationId: number | null;
}

/** A page of the delivery log, newest first, and the cursor of the next (older) page. */
export interface HookDeliveryPage {
  deliveries: HookDelivery[];
  nextCursor: string | undefined;
}

/**
 * One file read from a repository's default branch: its raw text and ETag, or no such file, or
 * (when asked with an ETag) GitHub's 304: it is unchanged.
 */
export type ConfigFileRead = { status: "found"; text: string; etag: string | null } | { status: "absent" } | { status: "unchanged" };

/** What GitHub says of an installation when asked as the app. */
export type InstallationState = "active" | "suspended" | "gone";
