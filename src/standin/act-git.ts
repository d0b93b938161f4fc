import { requireRole } from "./access.js";
import { requestCheckSuite } from "./act-checks.js";
import { announce } from "./act-issues.js";
import { ApiError, validationFailed } from "./errors.js";
import { applyChanges, subjectOf, type Commit, type GitPerson } from "./git.js";
import type { Hub } from "./hub.js";
import { fullName, type Actor, type Repo, type User } from "./model.js";
import { pushCommitObject } from "./render-git.js";
import { repoObject } from "./render-repo.js";

export const ZERO_SHA = "0000000000000000000000000000000000000000";

export interface CommitInput {
  message: string;
  /** Path → new content; null deletes the file. */
  files?: Record<string, string | null>;
  /** Login of the author; the pusher by default. */
  author?: string;
}

export const personOf = (user: User, date: string): GitPerson => ({ name: user.name ?? user.login, email: user.email ?? `${user.id}+${user.login}@users.noreply.standin`, date });

/** Writes commits on top of a branch (creating it from `from` or the default branch) and announces the push. */
export function push(hub: Hub, repo: Repo, actor: Actor, input: { branch: string; from?: string; commits: CommitInput[] }): Commit[] {
  requireRole(repo, actor, "write");
  if (!/^[A-Za-z0-9._/-]+$/.test(input.branch) || input.branch.includes("..")) throw validationFailed({ resource: "Ref", field: "ref", code: "invalid", value: input.branch });
  const git = repo.git;
  const existing = git.branches.get(input.branch);
  let head = existing ?? git.resolve(input.from ?? git.defaultBranch)?.sha;
  if (!head) throw new ApiError(422, `No commit found for ${input.from}`);
  const base = head;
  const written: Commit[] = [];
  for (const change of input.commits) {
    const author = change.author ? hub.state.requireUser(change.author) : actor.user;
    const now = hub.state.now();
    const commit = git.commit({ parents: [head], tree: applyChanges(git.get(head).tree, change.files ?? {}), message: change.message, author: personOf(author, now), committer: personOf(actor.user, now), authorLogin: author.login });
    written.push(commit);
    head = commit.sha;
  }
  git.branches.set(input.branch, head);
  announcePush(hub, repo, actor, input.branch, existing ?? ZERO_SHA, head, written, existing === undefined ? base : undefined);
  return written;
}

/** The push event, then `synchronize` for open PRs of the branch and a check suite for its head. */
export function announcePush(hub: Hub, repo: Repo, actor: Actor, branch: string, before: string, after: string, commits: Commit[], createdFrom?: string): void {
  const urls = hub.urls();
  const now = hub.state.now();
  repo.pushedAt = now;
  repo.updatedAt = now;
  const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  const shown = commits.map((c) => pushCommitObject(urls, repo, repo.git, c));
  const created = before === ZERO_SHA;
  hub.hooks.repoEvent("push", undefined, repo, actor.user, {
    ref: `refs/heads/${branch}`,
    before,
    after,
    // Push events carry the repository's timestamps as Unix seconds, unlike every other event.
    repository: { ...repoObject(urls, repo), created_at: epoch(repo.createdAt), pushed_at: epoch(now), stargazers: 0, master_branch: repo.git.defaultBranch },
    pusher: { name: actor.user.login, email: actor.user.email },
    created,
    deleted: false,
    forced: false,
    base_ref: null,
    compare: created ? `${urls.web}/${fullName(repo)}/commit/${after}` : `${urls.web}/${fullName(repo)}/compare/${before.slice(0, 12)}...${after.slice(0, 12)}`,
    commits: shown,
    head_commit: shown.at(-1) ?? (createdFrom ? pushCommitObject(urls, repo, repo.git, repo.git.get(createdFrom)) : null),
  });
  for (const issue of repo.issues) {
    const pull = issue.pull;
    if (!pull || issue.state !== "open" || pull.headRef !== branch || pull.headSha === after) continue;
    const previous = pull.headSha;
    pull.headSha = after;
    for (const commit of commits) pull.associated.add(commit.sha);
    issue.updatedAt = now;
    announce(hub, repo, issue, "synchronize", actor, { before: previous, after });
  }
  requestCheckSuite(hub, repo, actor, after, branch, created ? null : before);
}

/** A commit on `branch` that undoes `sha` (against its first parent), like `git revert -m 1`. */
export function revert(hub: Hub, repo: Repo, actor: Actor, input: { sha: string; branch?: string }): Commit {
  const git = repo.git;
  const target = git.resolve(input.sha);
  if (!target) throw new ApiError(422, `No commit found for SHA: ${input.sha}`);
  const branch = input.branch ?? git.defaultBranch;
  const head = git.branches.get(branch);
  if (!head) throw new ApiError(404, `Branch not found: ${branch}`);
  const current = git.get(head).tree;
  const files: Record<string, string | null> = {};
  for (const change of git.changesOf(target)) {
    if (current.get(change.filename) !== change.after) throw new ApiError(409, `Revert of ${target.sha.slice(0, 7)} conflicts in ${change.filename}`);
    files[change.filename] = change.before ?? null;
  }
  const [commit] = push(hub, repo, actor, { branch, commits: [{ message: `Revert "${subjectOf(target.message)}"\n\nThis reverts commit ${target.sha}.`, files }] });
  return commit!;
}

/** Creates a branch at a commit without new commits (announced as a push that created it). */
export function createBranch(hub: Hub, repo: Repo, actor: Actor, input: { branch: string; from?: string }): string {
  requireRole(repo, actor, "write");
  if (repo.git.branches.has(input.branch)) throw new ApiError(422, "Reference already exists");
  const at = repo.git.resolve(input.from ?? repo.git.defaultBranch);
  if (!at) throw new ApiError(422, `No commit found for ${input.from}`);
  repo.git.branches.set(input.branch, at.sha);
  announcePush(hub, repo, actor, input.branch, ZERO_SHA, at.sha, [], at.sha);
  return at.sha;
}

