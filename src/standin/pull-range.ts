import { Git, mergeTrees, type Commit, type FileChange } from "./git.js";
import type { Pull, Repo } from "./model.js";

/** A PR's range: from the merge base with its base branch to its head (frozen once merged). */
export function pullRange(repo: Repo, pull: Pull): { base: string; head: string } {
  if (pull.frozen) return pull.frozen;
  const baseHead = repo.git.branches.get(pull.baseRef);
  const mergeBase = baseHead ? repo.git.mergeBase(baseHead, pull.headSha) : undefined;
  return { base: mergeBase?.sha ?? pull.headSha, head: pull.headSha };
}

/** The PR's commits, oldest first. */
export function pullCommits(repo: Repo, pull: Pull): Commit[] {
  const range = pullRange(repo, pull);
  return repo.git.compare(range.base, range.head)?.commits ?? [];
}

export function pullFiles(repo: Repo, pull: Pull): FileChange[] {
  const range = pullRange(repo, pull);
  return Git.diff(repo.git.get(range.base).tree, repo.git.get(range.head).tree);
}

/** Whether the PR's head merges into its base branch without a conflicting file. */
export function isMergeable(repo: Repo, pull: Pull): boolean {
  const baseHead = repo.git.branches.get(pull.baseRef);
  if (!baseHead) return false;
  const mergeBase = repo.git.mergeBase(baseHead, pull.headSha);
  if (!mergeBase) return false;
  return mergeTrees(mergeBase.tree, repo.git.get(baseHead).tree, repo.git.get(pull.headSha).tree) !== undefined;
}

const lines = (text: string | undefined) => (text === undefined || text === "" ? [] : text.replace(/\n$/, "").split("\n"));

/**
 * Line counts and a unified patch of one changed file. The hunk keeps the common first and last
 * lines as context and replaces the middle, which is what a diff of small edits looks like;
 * it is not a minimal diff of scattered edits.
 */
export function lineDiff(change: FileChange): { additions: number; deletions: number; patch: string } {
  const before = lines(change.before);
  const after = lines(change.after);
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  const removed = before.slice(start, before.length - end);
  const added = after.slice(start, after.length - end);
  const context = Math.min(start, 3);
  const head = before.slice(start - context, start);
  const tail = before.slice(before.length - end, before.length - end + Math.min(end, 3));
  const oldCount = head.length + removed.length + tail.length;
  const newCount = head.length + added.length + tail.length;
  const oldStart = oldCount === 0 ? 0 : start - context + 1;
  const newStart = newCount === 0 ? 0 : start - context + 1;
  const body = [...head.map((l) => ` ${l}`), ...removed.map((l) => `-${l}`), ...added.map((l) => `+${l}`), ...tail.map((l) => ` ${l}`)];
  return { additions: added.length, deletions: removed.length, patch: [`@@ -${oldStart},${oldCount} +${newStart},${newCount} @@`, ...body].join("\n") };
}
