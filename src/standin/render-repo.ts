import { nodeId } from "./ids.js";
import { fullName, type Repo } from "./model.js";
import { userObject } from "./render-user.js";
import type { Urls } from "./urls.js";

/**
 * A repository with the fields both the REST description and the webhook schema require;
 * webhooks' schema forbids extra fields, so REST-only ones are added by `restRepoObject`.
 */
export function repoObject(urls: Urls, repo: Repo) {
  const name = fullName(repo);
  const api = `${urls.api}/repos/${name}`;
  const host = new URL(urls.web).host;
  return {
    id: repo.id,
    node_id: nodeId("R", repo.id),
    name: repo.name,
    full_name: name,
    private: repo.private,
    owner: userObject(urls, repo.owner),
    html_url: `${urls.web}/${name}`,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    pushed_at: repo.pushedAt,
    git_url: `git://${host}/${name}.git`,
    ssh_url: `git@${host}:${name}.git`,
    clone_url: `${urls.web}/${name}.git`,
    svn_url: `${urls.web}/${name}`,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: false,
    has_downloads: false,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues(repo),
    license: null,
    allow_forking: false,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: repo.private ? "private" : "public",
    forks: 0,
    open_issues: openIssues(repo),
    watchers: 0,
    default_branch: repo.git.defaultBranch,
    custom_properties: {},
  };
}

/** `GET /repos/{owner}/{repo}`: the full repository. */
export function restRepoObject(urls: Urls, repo: Repo) {
  return { ...repoObject(urls, repo), subscribers_count: 0, network_count: 0, allow_merge_commit: true, allow_squash_merge: true, allow_rebase_merge: true, delete_branch_on_merge: false };
}

/** GitHub counts open PRs among a repository's open issues. */
const openIssues = (repo: Repo) => repo.issues.filter((issue) => issue.state === "open").length;
