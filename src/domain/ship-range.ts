/** A commit as the ship range needs it. */
export interface Commit {
  sha: string;
  message: string;
  parents: readonly string[];
}

export interface RevertCommit {
  /** The commit that reverts. */
  sha: string;
  /** SHAs (full or abbreviated, at least 7 characters) named by `This reverts commit <sha>`. */
  revertedShas: string[];
  /** PR numbers named in a `Revert "… (#N)"` subject. */
  revertedPrNumbers: number[];
  /** PR numbers a revert of a revert brings back: `Revert "Revert "… (#N)""`, named one level deeper. */
  restoredPrNumbers: number[];
}

const REVERTS_SHA = /this reverts commit ([0-9a-f]{7,40})\b/gi;
const REVERT_SUBJECT = /^revert\s+"(.*)"(?:\s*\(#\d+\))?\s*$/i;
const PR_SUFFIX = /\(#(\d+)\)\s*$/;

/**
 * The PRs a revert subject names, level by level: `Revert "Revert "Add button (#7)" (#10)" (#11)`
 * reverts #10 (level 1), which had reverted #7 (level 2). Odd levels are undone, even ones restored.
 */
function revertLevels(subject: string): number[][] {
  const levels: number[][] = [];
  let current = subject;
  for (let quoted = REVERT_SUBJECT.exec(current)?.[1]; quoted !== undefined && levels.length < 10; quoted = REVERT_SUBJECT.exec(current)?.[1]) {
    const pr = PR_SUFFIX.exec(quoted)?.[1];
    levels.push(pr ? [Number(pr)] : []);
    current = quoted.trim();
  }
  return levels;
}

/** The reverts in a range: GitHub's `Revert "…"` subjects and git's `This reverts commit <sha>` lines. */
export function findReverts(commits: readonly Commit[]): RevertCommit[] {
  const out: RevertCommit[] = [];
  for (const commit of commits) {
    const subject = commit.message.split("\n")[0]?.trim() ?? "";
    const revertedShas = [...commit.message.matchAll(REVERTS_SHA)].map((m) => m[1]!.toLowerCase());
    const levels = revertLevels(subject);
    if (revertedShas.length === 0 && levels.length === 0) continue;
    out.push({ sha: commit.sha, revertedShas, revertedPrNumbers: levels.filter((_, i) => i % 2 === 0).flat(), restoredPrNumbers: levels.filter((_, i) => i % 2 === 1).flat() });
  }
  return out;
}

/** The full SHA in `shas` that an abbreviated `prefix` names, if exactly one does. */
export function expandSha(prefix: string, shas: Iterable<string>): string | undefined {
  const matches = [...shas].filter((sha) => sha.startsWith(prefix.toLowerCase()));
  return matches.length === 1 ? matches[0] : undefined;
}

export interface ResolvedRevert {
  sha: string;
  /** The PRs the revert undoes. */
  revertedPrs: number[];
  /** The PRs it brings back: it reverts a revert of them. */
  restoredPrs?: number[];
}

export interface Shipment {
  /** PRs whose work reached the environment, in commit order. */
  shipped: number[];
  /** PRs of this range whose shipment a revert in the same range cancelled. */
  cancelled: number[];
  /** PRs reverted here that shipped in an earlier deploy: their work left. */
  revertedEarlier: number[];
}

/** Each PR's fate after the range's reverts, in commit order: a later revert of a revert brings it back. */
function revertOutcome(reverts: readonly ResolvedRevert[], prsBySha: ReadonlyMap<string, readonly number[]>): { revertsOthers: Set<string>; undone: Set<number>; restored: Set<number> } {
  const revertsOthers = new Set<string>();
  const undone = new Set<number>();
  const restored = new Set<number>();
  for (const revert of reverts) {
    const own = prsBySha.get(revert.sha) ?? [];
    const targets = revert.revertedPrs.filter((pr) => !own.includes(pr));
    const back = (revert.restoredPrs ?? []).filter((pr) => !own.includes(pr));
    if (targets.length === 0 && back.length === 0) continue;
    revertsOthers.add(revert.sha);
    for (const pr of targets) {
      undone.add(pr);
      restored.delete(pr);
    }
    for (const pr of back) {
      undone.delete(pr);
      restored.add(pr);
    }
  }
  return { revertsOthers, undone, restored };
}

/**
 * Which PRs a range ships, given each commit's PRs: every PR a commit belongs to, minus the PRs
 * that only exist to revert (a revert ships nothing), minus the PRs those reverts undo. A PR only
 * exists to revert when each of its commits in the range, merge commits aside, is such a revert:
 * a PR that also carries its own work ships it. A revert inside one PR of its own commits (a PR
 * that reverts part of itself) changes nothing. A revert of a revert brings the first PR back:
 * shipped again, whether it shipped in this range or an earlier one.
 */
export function decideShipment(commits: readonly Commit[], prsBySha: ReadonlyMap<string, readonly number[]>, reverts: readonly ResolvedRevert[]): Shipment {
  const { revertsOthers, undone, restored } = revertOutcome(reverts, prsBySha);
  const inRange: number[] = [];
  const reverting = new Set<number>();
  const ownWork = new Set<number>();
  for (const commit of commits) {
    const prs = prsBySha.get(commit.sha) ?? [];
    for (const pr of prs) if (!inRange.includes(pr)) inRange.push(pr);
    if (commit.parents.length > 1) continue;
    for (const pr of prs) (revertsOthers.has(commit.sha) ? reverting : ownWork).add(pr);
  }
  const shipping = inRange.filter((pr) => !reverting.has(pr) || ownWork.has(pr));
  const back = [...restored].filter((pr) => !inRange.includes(pr));
  return {
    shipped: [...shipping.filter((pr) => !undone.has(pr)), ...back],
    cancelled: shipping.filter((pr) => undone.has(pr)),
    revertedEarlier: [...undone].filter((pr) => !inRange.includes(pr)),
  };
}

/** Due date: ship time plus the hypothesis's sense-after days. */
export function dueDate(shippedAt: Date, senseAfterDays: number): Date {
  return new Date(shippedAt.getTime() + senseAfterDays * 86_400_000);
}
