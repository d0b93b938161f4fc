import { nodeId } from "./ids.js";
import { fullName, type Comment, type Issue, type Label, type Reaction, type Repo, type User } from "./model.js";
import type { State } from "./state.js";
import { appObject, nullableUser, userObject } from "./render-user.js";
import type { Urls } from "./urls.js";

export const REACTIONS = ["+1", "-1", "laugh", "confused", "heart", "hooray", "rocket", "eyes"] as const;

export function labelObject(urls: Urls, repo: Repo, label: Label) {
  return {
    id: label.id,
    node_id: nodeId("LA", label.id),
    url: `${urls.api}/repos/${fullName(repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

export function reactionRollup(url: string, reactions: Reaction[]) {
  const counts = Object.fromEntries(REACTIONS.map((content) => [content, reactions.filter((r) => r.content === content).length]));
  return { url, total_count: reactions.length, ...counts } as Record<string, number | string>;
}

export function reactionObject(urls: Urls, reaction: Reaction) {
  return { id: reaction.id, node_id: nodeId("REA", reaction.id), user: userObject(urls, reaction.user), content: reaction.content, created_at: reaction.createdAt };
}

/** How GitHub describes the author's relation to the repository. */
export function authorAssociation(repo: Repo, user: User): string {
  if (user.id === repo.owner.id) return "OWNER";
  const role = repo.access.get(user.id);
  if (!role) return user.type === "Bot" ? "NONE" : repo.issues.some((i) => i.user.id === user.id && i.pull?.merged) ? "CONTRIBUTOR" : "NONE";
  return repo.owner.type === "Organization" ? "MEMBER" : "COLLABORATOR";
}

export const issueHtmlUrl = (urls: Urls, repo: Repo, issue: Issue) => `${urls.web}/${fullName(repo)}/${issue.pull ? "pull" : "issues"}/${issue.number}`;

/** An issue (or a PR seen as an issue, with its `pull_request` key) as REST and webhooks show it. */
export function issueObject(urls: Urls, state: State, repo: Repo, issue: Issue) {
  const api = `${urls.api}/repos/${fullName(repo)}/issues/${issue.number}`;
  const html = issueHtmlUrl(urls, repo, issue);
  return {
    url: api,
    repository_url: `${urls.api}/repos/${fullName(repo)}`,
    labels_url: `${api}/labels{/name}`,
    comments_url: `${api}/comments`,
    events_url: `${api}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pull ? "PR" : "I", issue.id),
    number: issue.number,
    title: issue.title,
    user: userObject(urls, issue.user),
    labels: issue.labels.map((label) => labelObject(urls, repo, label)),
    state: issue.state,
    locked: issue.locked,
    assignee: nullableUser(urls, issue.assignees[0] ?? null),
    assignees: issue.assignees.map((user) => userObject(urls, user)),
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: authorAssociation(repo, issue.user),
    active_lock_reason: null,
    ...(issue.pull
      ? {
          draft: issue.pull.draft,
          pull_request: {
            url: `${urls.api}/repos/${fullName(repo)}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: issue.pull.mergedAt,
          },
        }
      : {}),
    body: issue.body,
    reactions: reactionRollup(`${api}/reactions`, []),
    timeline_url: `${api}/timeline`,
    performed_via_github_app: issue.viaApp ? appObject(urls, state.app) : null,
    state_reason: issue.stateReason,
  };
}

/** The REST issue adds who closed it, which the webhook schema does not carry. */
export function restIssueObject(urls: Urls, state: State, repo: Repo, issue: Issue) {
  return { ...issueObject(urls, state, repo, issue), closed_by: nullableUser(urls, issue.closedBy) };
}

export function commentObject(urls: Urls, state: State, repo: Repo, issue: Issue, comment: Comment) {
  const api = `${urls.api}/repos/${fullName(repo)}/issues/comments/${comment.id}`;
  return {
    url: api,
    html_url: `${issueHtmlUrl(urls, repo, issue)}#issuecomment-${comment.id}`,
    issue_url: `${urls.api}/repos/${fullName(repo)}/issues/${issue.number}`,
    id: comment.id,
    node_id: nodeId("IC", comment.id),
    user: userObject(urls, comment.user),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: authorAssociation(repo, comment.user),
    body: comment.body,
    reactions: reactionRollup(`${api}/reactions`, comment.reactions),
    performed_via_github_app: comment.viaApp ? appObject(urls, state.app) : null,
  };
}
