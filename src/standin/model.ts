import type { Git } from "./git.js";

/** The in-memory objects the stand-in keeps; renderers turn them into GitHub's JSON. */

export type Role = "admin" | "maintain" | "write" | "triage" | "read";
export type AccountType = "User" | "Organization" | "Bot";
export type Permissions = Record<string, "read" | "write">;

export interface User {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  type: AccountType;
  createdAt: string;
}

export interface App {
  id: number;
  slug: string;
  name: string;
  description: string | null;
  owner: User;
  bot: User;
  clientId: string;
  clientSecret: string;
  privateKey: string;
  webhookSecret: string;
  webhookUrl: string | undefined;
  callbackUrls: string[];
  permissions: Permissions;
  events: string[];
  createdAt: string;
  updatedAt: string;
}

export interface Installation {
  id: number;
  account: User;
  selection: "all" | "selected";
  repoIds: Set<number>;
  permissions: Permissions;
  events: string[];
  createdAt: string;
  updatedAt: string;
  suspendedAt: string | null;
  suspendedBy: User | null;
  deleted: boolean;
}

export interface Label {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface Reaction {
  id: number;
  user: User;
  content: string;
  createdAt: string;
}

/** Who made a change: a person, or the app's bot acting through an installation or user token. */
export interface Actor {
  user: User;
  /** Set when the change was made through the app (GitHub's `performed_via_github_app`). */
  viaApp: boolean;
}

export interface Comment {
  id: number;
  issueNumber: number;
  body: string;
  user: User;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  reactions: Reaction[];
}

export interface Pull {
  /** Pull requests have an id of their own, besides their issue's. */
  id: number;
  headRef: string;
  headSha: string;
  baseRef: string;
  draft: boolean;
  merged: boolean;
  mergedAt: string | null;
  mergedBy: User | null;
  mergeCommitSha: string | null;
  /** Commits GitHub associates with the PR: its own commits, then what the merge wrote. */
  associated: Set<string>;
  /** The PR's range as it was when merged or closed; an open PR's range is computed live. */
  frozen: { base: string; head: string } | null;
}

export interface Issue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  stateReason: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  user: User;
  viaApp: boolean;
  labels: Label[];
  assignees: User[];
  locked: boolean;
  comments: Comment[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: User | null;
  pull: Pull | null;
}

export interface CheckRunAction {
  label: string;
  description: string;
  identifier: string;
}

export interface CheckRun {
  id: number;
  suiteId: number;
  name: string;
  headSha: string;
  externalId: string | null;
  detailsUrl: string | null;
  status: string;
  conclusion: string | null;
  startedAt: string | null;
  completedAt: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  actions: CheckRunAction[];
}

export interface CheckSuite {
  id: number;
  headSha: string;
  headBranch: string | null;
  before: string | null;
  after: string | null;
  createdAt: string;
  updatedAt: string;
  rerequested: boolean;
}

export interface DeploymentStatus {
  id: number;
  state: string;
  creator: User;
  viaApp: boolean;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: string;
  updatedAt: string;
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  environment: string;
  description: string | null;
  creator: User;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  transient: boolean;
  production: boolean;
  statuses: DeploymentStatus[];
}

export interface Release {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: User;
  createdAt: string;
  publishedAt: string | null;
}

export interface Repo {
  id: number;
  owner: User;
  name: string;
  private: boolean;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  pushedAt: string;
  git: Git;
  /** By lower-cased name: GitHub's label names are case-insensitive. */
  labels: Map<string, Label>;
  /** Issues and PRs share one numbering; index = number - 1. */
  issues: Issue[];
  /** Collaborators' roles by user id; the owner is admin, org members per grant. */
  access: Map<number, Role>;
  deployments: Deployment[];
  releases: Release[];
  checkSuites: CheckSuite[];
  checkRuns: CheckRun[];
}

export const fullName = (repo: Repo) => `${repo.owner.login}/${repo.name}`;
