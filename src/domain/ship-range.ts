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
}

const REVERTS_SHA = /this reverts commit ([0-9a-f]{7,40})\b/gi;
const REVERT_SUBJECT = /^revert\s+"(.*)"(?:\s*\(#\d+\))?\s*$/i;
const PR_SUFFIX = /\(#(\d+)\)\s*$/;

/** The reverts in a range: GitHub's `Revert "…"` subjects and git's `This reverts commit <sha>` lines. */
export function findReverts(commits: readonly Commit[]): RevertCommit[] {
  const out: RevertCommit[] = [];
  for (const commit of commits) {
    const subject = commit.message.split("\n")[0]?.trim() ?? "";
    const revertedShas = [...commit.message.matchAll(REVERTS_SHA)].map((m) => m[1]!.toLowerCase());
    const quoted = REVERT_SUBJECT.exec(subject)?.[1];
    if (revertedShas.length === 0 && quoted === undefined) continue;
    const pr = quoted !== undefined ? PR_SUFFIX.exec(quoted)?.[1] : undefined;
    out.push({ sha: commit.sha, revertedShas, revertedPrNumbers: pr ? [Number(pr)] : [] });
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
}

export interface Shipment {
  /** PRs whose work reached the environment, in commit order. */
  shipped: number[];
  /** PRs of this range whose shipment a revert in the same range cancelled. */
  cancelled: number[];
  /** PRs reverted here that shipped in an earlier deploy: their work left. */
  revertedEarlier: number[];
}

/**
 * Which PRs a range ships, given each commit's PRs: every PR a commit belongs to, minus the PRs
 * that only exist to revert (a revert ships nothing), minus the PRs those reverts undo. A PR only
 * exists to revert when each of its commits in the range, merge commits aside, is such a revert:
 * a PR that also carries its own work ships it. A revert inside one PR of its own commits (a PR
 * that reverts part of itself) changes nothing.
 */
export function decideShipment(commits: readonly Commit[], prsBySha: ReadonlyMap<string, readonly number[]>, reverts: readonly ResolvedRevert[]): Shipment {
  const revertsOthers = new Set<string>();
  const undone = new Set<number>();
  for (const revert of reverts) {
    const own = prsBySha.get(revert.sha) ?? [];
    const targets = revert.revertedPrs.filter((pr) => !own.includes(pr));
    if (targets.length === 0) continue;
    revertsOthers.add(revert.sha);
    for (const pr of targets) undone.add(pr);
  }
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
  return {
    shipped: shipping.filter((pr) => !undone.has(pr)),
    cancelled: shipping.filter((pr) => undone.has(pr)),
    revertedEarlier: [...undone].filter((pr) => !inRange.includes(pr)),
  };
}

/** Due date: ship time plus the hypothesis's sense-after days. */
export function dueDate(shippedAt: Date, senseAfterDays: number): Date {
  return new Date(shippedAt.getTime() + senseAfterDays * 86_400_000);
}
