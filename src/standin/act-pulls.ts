import { requireRole } from "./access.js";
import { announcePush, personOf } from "./act-git.js";
import { announce, createIssue } from "./act-issues.js";
import { ApiError, validationFailed } from "./errors.js";
import { mergeTrees, type Commit } from "./git.js";
import type { Hub } from "./hub.js";
import type { Actor, Issue, Pull, Repo } from "./model.js";
import { pullCommits, pullRange } from "./pull-range.js";

export type PullIssue = Issue & { pull: Pull };

export function openPull(hub: Hub, repo: Repo, actor: Actor, input: { head: string; base?: string; title: string; body?: string | null; draft?: boolean }): PullIssue {
  requireRole(repo, actor, "read");
  const head = input.head.replace(/^[^:]+:/, "");
  const base = input.base ?? repo.git.defaultBranch;
  const headSha = repo.git.branches.get(head);
  if (!headSha) throw validationFailed({ resource: "PullRequest", field: "head", code: "invalid" });
  const baseSha = repo.git.branches.get(base);
  if (!baseSha) throw validationFailed({ resource: "PullRequest", field: "base", code: "invalid" });
  if (repo.issues.some((i) => i.pull && i.state === "open" && i.pull.headRef === head && i.pull.baseRef === base)) {
    throw validationFailed({ resource: "PullRequest", code: "custom", field: "head", message: `A pull request already exists for ${repo.owner.login}:${head}.` });
  }
  if (repo.git.compare(baseSha, headSha)?.aheadBy === 0) throw validationFailed({ resource: "PullRequest", code: "custom", field: "head", message: `No commits between ${base} and ${head}` });
  const pull: Pull = { id: hub.state.ids.next(), headRef: head, headSha, baseRef: base, draft: input.draft ?? false, merged: false, mergedAt: null, mergedBy: null, mergeCommitSha: null, associated: new Set(), frozen: null };
  const issue = createIssue(hub, repo, actor, { title: input.title, body: input.body ?? null }, pull) as PullIssue;
  for (const commit of pullCommits(repo, pull)) pull.associated.add(commit.sha);
  return issue;
}

export type MergeMethod = "merge" | "squash" | "rebase";

/** Merges a PR onto its base the way GitHub's three buttons do, then announces `closed` and the push. */
export function mergePull(hub: Hub, repo: Repo, issue: PullIssue, actor: Actor, input: { method?: MergeMethod; commitTitle?: string; commitMessage?: string; sha?: string }): Commit {
  requireRole(repo, actor, "write");
  const pull = issue.pull;
  if (issue.state !== "open") throw new ApiError(405, "Pull Request is not mergeable");
  if (pull.draft) throw new ApiError(405, "Pull Request is still a draft");
  if (input.sha && input.sha !== pull.headSha) throw new ApiError(409, "Head branch was modified. Review and try the merge again.");
  const git = repo.git;
  const baseHead = git.branches.get(pull.baseRef);
  if (!baseHead) throw new ApiError(405, "Base branch was deleted");
  const range = pullRange(repo, pull);
  const commits = pullCommits(repo, pull);
  const merged = mergeTrees(git.get(range.base).tree, git.get(baseHead).tree, git.get(pull.headSha).tree);
  if (!merged) throw new ApiError(405, "Pull Request is not mergeable");
  const now = hub.state.now();
  const merger = personOf(actor.user, now);
  const method = input.method ?? "merge";
  const written: Commit[] = [];
  if (method === "merge") {
    const title = input.commitTitle ?? `Merge pull request #${issue.number} from ${repo.owner.login}/${pull.headRef}`;
    written.push(git.commit({ parents: [baseHead, pull.headSha], tree: merged, message: `${title}\n\n${input.commitMessage ?? issue.title}`, author: merger, authorLogin: actor.user.login }));
  } else if (method === "squash") {
    const title = input.commitTitle ?? `${issue.title} (#${issue.number})`;
    const message = input.commitMessage ?? commits.map((c) => `* ${c.message}`).join("\n\n");
    written.push(git.commit({ parents: [baseHead], tree: merged, message: `${title}\n\n${message}`, author: personOf(issue.user, now), committer: merger, authorLogin: issue.user.login }));
  } else {
    let onto = baseHead;
    for (const commit of commits) {
      const parentTree = git.get(commit.parents[0] ?? range.base).tree;
      const tree = mergeTrees(parentTree, git.get(onto).tree, commit.tree);
      if (!tree) throw new ApiError(405, "This branch can't be rebased");
      const copy = git.commit({ parents: [onto], tree, message: commit.message, author: commit.author, committer: merger, authorLogin: commit.authorLogin });
      written.push(copy);
      onto = copy.sha;
    }
  }
  const head = written.at(-1)!;
  pull.frozen = range;
  git.branches.set(pull.baseRef, head.sha);
  pull.merged = true;
  pull.mergedAt = now;
  pull.mergedBy = actor.user;
  pull.mergeCommitSha = head.sha;
  for (const commit of written) pull.associated.add(commit.sha);
  issue.state = "closed";
  issue.closedAt = now;
  issue.closedBy = actor.user;
  issue.updatedAt = now;
  announce(hub, repo, issue, "closed", actor);
  announcePush(hub, repo, actor, pull.baseRef, baseHead, head.sha, method === "merge" ? [...commits, head] : written);
  return head;
}

/**
 * The PRs GitHub lists for a commit: the merged ones that brought it into the default branch,
 * and, for a commit not on the default branch, the open ones that contain it.
 */
export function pullsForCommit(repo: Repo, sha: string): PullIssue[] {
  const defaultHead = repo.git.branches.get(repo.git.defaultBranch);
  const onDefault = defaultHead !== undefined && repo.git.isAncestor(sha, defaultHead);
  const pulls = repo.issues.filter((i): i is PullIssue => i.pull !== null && i.pull.associated.has(sha));
  const merged = pulls.filter((i) => i.pull.merged);
  return onDefault ? merged : [...merged, ...pulls.filter((i) => i.state === "open")];
}
