import { assignable, hasRole, requireRole } from "./access.js";
import { ApiError, notFound, validationFailed } from "./errors.js";
import type { Hub } from "./hub.js";
import type { Actor, Comment, Issue, Label, Repo, User } from "./model.js";
import { commentObject, issueObject, labelObject, REACTIONS } from "./render-issue.js";
import { pullRange } from "./pull-range.js";
import { pullObject } from "./render-pull.js";
import { userObject } from "./render-user.js";

/** Announces a change to an issue, or to a PR as `pull_request` when the issue is one. */
export function announce(hub: Hub, repo: Repo, issue: Issue, action: string, actor: Actor, extra: Record<string, unknown> = {}): void {
  const urls = hub.urls();
  const body = issue.pull ? { number: issue.number, pull_request: pullObject(urls, hub.state, repo, issue as Issue & { pull: NonNullable<Issue["pull"]> }), ...extra } : { issue: issueObject(urls, hub.state, repo, issue), ...extra };
  hub.hooks.repoEvent(issue.pull ? "pull_request" : "issues", action, repo, actor.user, body);
}

/** A label by name (case-insensitive), created with GitHub's default colour when missing. */
export function ensureLabel(hub: Hub, repo: Repo, name: string): Label {
  const existing = repo.labels.get(name.toLowerCase());
  if (existing) return existing;
  if (name.trim() === "" || name.length > 50) throw validationFailed({ resource: "Label", field: "name", code: "invalid", value: name });
  const label: Label = { id: hub.state.ids.next(), name, color: "ededed", description: null };
  repo.labels.set(name.toLowerCase(), label);
  return label;
}

function assignees(hub: Hub, repo: Repo, logins: string[]): User[] {
  return logins.map((login) => {
    const user = hub.state.user(login);
    if (!user || !assignable(repo, user)) throw validationFailed({ value: login, resource: "Issue", field: "assignees", code: "invalid" });
    return user;
  });
}

export interface IssueInput {
  title: string;
  body?: string | null;
  labels?: string[];
  assignees?: string[];
}

/** `fromForm`: an issue form's own labels and assignees apply whoever submits it. */
export function createIssue(hub: Hub, repo: Repo, actor: Actor, input: IssueInput, pull: Issue["pull"] = null, fromForm = false): Issue {
  requireRole(repo, actor, "read");
  if (typeof input.title !== "string" || input.title.trim() === "") throw validationFailed({ resource: "Issue", field: "title", code: "missing_field" });
  // GitHub silently drops labels and assignees set by someone who cannot triage.
  const triager = fromForm || actor.user.type === "Bot" || hasRole(repo, actor.user, "triage");
  const people = triager ? assignees(hub, repo, input.assignees ?? []) : [];
  const labels = triager ? (input.labels ?? []).map((name) => ensureLabel(hub, repo, name)) : [];
  const now = hub.state.now();
  const issue: Issue = { id: hub.state.ids.next(), number: repo.issues.length + 1, title: input.title, body: input.body ?? null, state: "open", stateReason: null, user: actor.user, viaApp: actor.viaApp, labels: [], assignees: [], locked: false, comments: [], createdAt: now, updatedAt: now, closedAt: null, closedBy: null, pull };
  repo.issues.push(issue);
  issue.labels = [...new Map(labels.map((l) => [l.id, l])).values()];
  issue.assignees = [...new Map(people.map((u) => [u.id, u])).values()];
  announce(hub, repo, issue, "opened", actor);
  for (const label of issue.labels) announce(hub, repo, issue, "labeled", actor, { label: labelObject(hub.urls(), repo, label) });
  for (const user of issue.assignees) announce(hub, repo, issue, "assigned", actor, { assignee: userObject(hub.urls(), user) });
  return issue;
}

export interface IssueChanges {
  title?: string;
  body?: string | null;
  state?: "open" | "closed";
  stateReason?: "completed" | "not_planned" | "reopened" | "duplicate" | null;
  labels?: string[];
  assignees?: string[];
}

export function updateIssue(hub: Hub, repo: Repo, issue: Issue, actor: Actor, input: IssueChanges): Issue {
  const own = issue.user.id === actor.user.id;
  requireRole(repo, actor, own && input.labels === undefined && input.assignees === undefined ? "read" : "triage");
  if (input.title !== undefined && input.title.trim() === "") throw validationFailed({ resource: "Issue", field: "title", code: "missing_field" });
  const now = hub.state.now();
  const changes: Record<string, { from: unknown }> = {};
  if (input.title !== undefined && input.title !== issue.title) changes.title = { from: issue.title };
  if (input.body !== undefined && input.body !== issue.body) changes.body = { from: issue.body ?? "" };
  if (changes.title) issue.title = input.title!;
  if (changes.body) issue.body = input.body ?? null;
  const previousLabels = issue.labels;
  const previousAssignees = issue.assignees;
  if (input.labels !== undefined) issue.labels = [...new Map(input.labels.map((n) => ensureLabel(hub, repo, n)).map((l) => [l.id, l])).values()];
  if (input.assignees !== undefined) issue.assignees = assignees(hub, repo, input.assignees);
  issue.updatedAt = now;
  if (Object.keys(changes).length > 0) announce(hub, repo, issue, "edited", actor, { changes });
  for (const label of issue.labels.filter((l) => !previousLabels.includes(l))) announce(hub, repo, issue, "labeled", actor, { label: labelObject(hub.urls(), repo, label) });
  for (const label of previousLabels.filter((l) => !issue.labels.includes(l))) announce(hub, repo, issue, "unlabeled", actor, { label: labelObject(hub.urls(), repo, label) });
  for (const user of issue.assignees.filter((u) => !previousAssignees.includes(u))) announce(hub, repo, issue, "assigned", actor, { assignee: userObject(hub.urls(), user) });
  for (const user of previousAssignees.filter((u) => !issue.assignees.includes(u))) announce(hub, repo, issue, "unassigned", actor, { assignee: userObject(hub.urls(), user) });
  if (input.state && input.state !== issue.state) setState(hub, repo, issue, actor, input.state, input.stateReason ?? undefined);
  else if (input.stateReason && issue.state === "closed" && input.stateReason !== "reopened") issue.stateReason = input.stateReason;
  return issue;
}

function setState(hub: Hub, repo: Repo, issue: Issue, actor: Actor, to: "open" | "closed", reason: IssueChanges["stateReason"]): void {
  if (issue.pull?.merged && to === "open") throw validationFailed({ resource: "PullRequest", field: "state", code: "invalid", message: "state cannot be changed. The pull request cannot be reopened." });
  const now = hub.state.now();
  issue.state = to;
  issue.updatedAt = now;
  if (to === "closed") {
    issue.closedAt = now;
    issue.closedBy = actor.user;
    issue.stateReason = issue.pull ? null : (reason ?? "completed");
    // A closed PR keeps the range it had; an open one follows its branches.
    if (issue.pull && !issue.pull.frozen) issue.pull.frozen = pullRange(repo, issue.pull);
    announce(hub, repo, issue, "closed", actor);
  } else {
    issue.closedAt = null;
    issue.closedBy = null;
    issue.stateReason = issue.pull ? null : "reopened";
    if (issue.pull) issue.pull.frozen = null;
    announce(hub, repo, issue, "reopened", actor);
  }
}

export function addLabels(hub: Hub, repo: Repo, issue: Issue, actor: Actor, names: string[]): Label[] {
  requireRole(repo, actor, "triage");
  if (names.length === 0) throw validationFailed({ resource: "Label", field: "labels", code: "missing_field" });
  const added = names.map((name) => ensureLabel(hub, repo, name)).filter((label, i, all) => !issue.labels.includes(label) && all.indexOf(label) === i);
  issue.labels = [...issue.labels, ...added];
  if (added.length > 0) issue.updatedAt = hub.state.now();
  for (const label of added) announce(hub, repo, issue, "labeled", actor, { label: labelObject(hub.urls(), repo, label) });
  return issue.labels;
}

export function removeLabel(hub: Hub, repo: Repo, issue: Issue, actor: Actor, name: string): Label[] {
  requireRole(repo, actor, "triage");
  const label = issue.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
  if (!label) throw new ApiError(404, "Label does not exist");
  issue.labels = issue.labels.filter((l) => l !== label);
  issue.updatedAt = hub.state.now();
  announce(hub, repo, issue, "unlabeled", actor, { label: labelObject(hub.urls(), repo, label) });
  return issue.labels;
}

export function addComment(hub: Hub, repo: Repo, issue: Issue, actor: Actor, body: string): Comment {
  requireRole(repo, actor, "read");
  if (typeof body !== "string" || body.trim() === "") throw validationFailed({ resource: "IssueComment", field: "body", code: "missing_field" });
  if (body.length > 65_536) throw validationFailed({ resource: "IssueComment", field: "body", code: "custom", message: "body is too long (maximum is 65536 characters)" });
  if (issue.locked && actor.user.type !== "Bot" && !hasRole(repo, actor.user, "write")) throw new ApiError(403, "Unable to create comment because issue is locked.");
  const now = hub.state.now();
  const comment: Comment = { id: hub.state.ids.next(), issueNumber: issue.number, body, user: actor.user, viaApp: actor.viaApp, createdAt: now, updatedAt: now, reactions: [] };
  issue.comments.push(comment);
  issue.updatedAt = now;
  const urls = hub.urls();
  hub.hooks.repoEvent("issue_comment", "created", repo, actor.user, { issue: issueObject(urls, hub.state, repo, issue), comment: commentObject(urls, hub.state, repo, issue, comment) });
  return comment;
}

export function editComment(hub: Hub, repo: Repo, commentId: number, actor: Actor, body: string): Comment {
  const { issue, comment } = findComment(repo, commentId);
  if (actor.user.id !== comment.user.id) requireRole(repo, actor, "triage");
  const from = comment.body;
  comment.body = body;
  comment.updatedAt = hub.state.now();
  const urls = hub.urls();
  hub.hooks.repoEvent("issue_comment", "edited", repo, actor.user, { changes: { body: { from } }, issue: issueObject(urls, hub.state, repo, issue), comment: commentObject(urls, hub.state, repo, issue, comment) });
  return comment;
}

export function findComment(repo: Repo, commentId: number): { issue: Issue; comment: Comment } {
  for (const issue of repo.issues) {
    const comment = issue.comments.find((c) => c.id === commentId);
    if (comment) return { issue, comment };
  }
  throw notFound();
}

/** GitHub answers 201 for a new reaction and 200 when this user already reacted so. */
export function react(hub: Hub, repo: Repo, commentId: number, actor: Actor, content: string) {
  requireRole(repo, actor, "read");
  const { comment } = findComment(repo, commentId);
  if (!(REACTIONS as readonly string[]).includes(content)) throw validationFailed({ resource: "Reaction", field: "content", code: "invalid", value: content });
  const existing = comment.reactions.find((r) => r.user.id === actor.user.id && r.content === content);
  if (existing) return { reaction: existing, created: false };
  const reaction = { id: hub.state.ids.next(), user: actor.user, content, createdAt: hub.state.now() };
  comment.reactions.push(reaction);
  return { reaction, created: true };
}
