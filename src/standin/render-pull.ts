import { blobSha, nodeId } from "./ids.js";
import type { FileChange } from "./git.js";
import { fullName, type Issue, type Pull, type Repo } from "./model.js";
import { isMergeable, lineDiff, pullCommits, pullFiles } from "./pull-range.js";
import { authorAssociation, issueHtmlUrl, labelObject } from "./render-issue.js";
import { repoObject } from "./render-repo.js";
import { nullableUser, userObject } from "./render-user.js";
import type { State } from "./state.js";
import type { Urls } from "./urls.js";

type PullIssue = Issue & { pull: Pull };

function branchObject(urls: Urls, repo: Repo, ref: string, sha: string) {
  return { label: `${repo.owner.login}:${ref}`, ref, sha, user: userObject(urls, repo.owner), repo: repoObject(urls, repo) };
}

/** A pull request as REST (`pull-request`) and webhooks show it. */
export function pullObject(urls: Urls, state: State, repo: Repo, issue: PullIssue) {
  const pull = issue.pull;
  const api = `${urls.api}/repos/${fullName(repo)}/pulls/${issue.number}`;
  const issueApi = `${urls.api}/repos/${fullName(repo)}/issues/${issue.number}`;
  const html = issueHtmlUrl(urls, repo, issue);
  const files = pullFiles(repo, pull);
  const stats = files.map(lineDiff);
  const open = issue.state === "open";
  const mergeable = open ? isMergeable(repo, pull) : null;
  const baseSha = repo.git.branches.get(pull.baseRef) ?? pull.frozen?.base ?? pull.headSha;
  return {
    url: api,
    id: pull.id,
    node_id: nodeId("PR", pull.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueApi,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: userObject(urls, issue.user),
    body: issue.body,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: nullableUser(urls, issue.assignees[0] ?? null),
    assignees: issue.assignees.map((user) => userObject(urls, user)),
    requested_reviewers: [],
    requested_teams: [],
    labels: issue.labels.map((label) => labelObject(urls, repo, label)),
    milestone: null,
    draft: pull.draft,
    commits_url: `${api}/commits`,
    review_comments_url: `${api}/comments`,
    review_comment_url: `${urls.api}/repos/${fullName(repo)}/pulls/comments{/number}`,
    comments_url: `${issueApi}/comments`,
    statuses_url: `${urls.api}/repos/${fullName(repo)}/statuses/${pull.headSha}`,
    head: branchObject(urls, repo, pull.headRef, pull.headSha),
    base: branchObject(urls, repo, pull.baseRef, baseSha),
    _links: {
      self: { href: api },
      html: { href: html },
      issue: { href: issueApi },
      comments: { href: `${issueApi}/comments` },
      review_comments: { href: `${api}/comments` },
      review_comment: { href: `${urls.api}/repos/${fullName(repo)}/pulls/comments{/number}` },
      commits: { href: `${api}/commits` },
      statuses: { href: `${urls.api}/repos/${fullName(repo)}/statuses/${pull.headSha}` },
    },
    author_association: authorAssociation(repo, issue.user),
    auto_merge: null,
    active_lock_reason: null,
    merged: pull.merged,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: !open ? "unknown" : pull.draft ? "draft" : mergeable ? "clean" : "dirty",
    merged_by: nullableUser(urls, pull.mergedBy),
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: false,
    commits: pullCommits(repo, pull).length,
    additions: stats.reduce((sum, s) => sum + s.additions, 0),
    deletions: stats.reduce((sum, s) => sum + s.deletions, 0),
    changed_files: files.length,
  };
}

/** The short form check runs and check suites list their PRs in. */
export function pullRefObject(urls: Urls, repo: Repo, issue: PullIssue) {
  const repoRef = { id: repo.id, url: `${urls.api}/repos/${fullName(repo)}`, name: repo.name };
  return {
    id: issue.pull.id,
    number: issue.number,
    url: `${urls.api}/repos/${fullName(repo)}/pulls/${issue.number}`,
    head: { ref: issue.pull.headRef, sha: issue.pull.headSha, repo: repoRef },
    base: { ref: issue.pull.baseRef, sha: repo.git.branches.get(issue.pull.baseRef) ?? issue.pull.headSha, repo: repoRef },
  };
}

/** A changed file (`diff-entry`), of a PR, a commit or a comparison. */
export function fileObject(urls: Urls, repo: Repo, change: FileChange, headSha: string) {
  const stats = lineDiff(change);
  const path = change.filename.split("/").map(encodeURIComponent).join("/");
  return {
    sha: blobSha(change.after ?? change.before ?? ""),
    filename: change.filename,
    status: change.status,
    additions: stats.additions,
    deletions: stats.deletions,
    changes: stats.additions + stats.deletions,
    blob_url: `${urls.web}/${fullName(repo)}/blob/${headSha}/${path}`,
    raw_url: `${urls.web}/${fullName(repo)}/raw/${headSha}/${path}`,
    contents_url: `${urls.api}/repos/${fullName(repo)}/contents/${path}?ref=${headSha}`,
    patch: stats.patch,
  };
}
