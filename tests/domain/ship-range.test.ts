import { describe, expect, it } from "vitest";
import { decideShipment, dueDate, expandSha, findReverts, type ResolvedRevert } from "../../src/domain/ship-range.js";
import type { CommitData } from "../../src/github/port.js";

const sha = (n: number | string) => String(n).padStart(40, "0");
const commit = (n: number, message: string, parents: string[] = [sha(n - 1)]): CommitData => ({ sha: sha(n), message, parents });
const FULL = "abcdef0123456789abcdef0123456789abcdef01";

describe("findReverts", () => {
  it.each<[string, string, { revertedShas: string[]; revertedPrNumbers: number[]; restoredPrNumbers?: number[] } | undefined]>([
    ["GitHub's revert, squashed", `Revert "Add reorder button (#7)" (#10)\n\nThis reverts commit ${FULL}.`, { revertedShas: [FULL], revertedPrNumbers: [7] }],
    ["GitHub's revert before merging", `Revert "Add reorder button (#7)"`, { revertedShas: [], revertedPrNumbers: [7] }],
    ["git revert of a plain commit", `Revert "Fix typo"\n\nThis reverts commit abcdef1.`, { revertedShas: ["abcdef1"], revertedPrNumbers: [] }],
    ["a subject in lower case", `revert "Add reorder button (#7)"`, { revertedShas: [], revertedPrNumbers: [7] }],
    ["an upper-case SHA", `Undo it\n\nThis reverts commit ${FULL.toUpperCase()}.`, { revertedShas: [FULL], revertedPrNumbers: [] }],
    ["several reverted commits", `Revert two\n\nThis reverts commit abcdef1.\nThis reverts commit 1234567.`, { revertedShas: ["abcdef1", "1234567"], revertedPrNumbers: [] }],
    ["git's revert of a revert names the original PR one level deeper: it comes back", `Revert "Revert "Add reorder button (#7)""\n\nThis reverts commit abcdef1.`, { revertedShas: ["abcdef1"], revertedPrNumbers: [], restoredPrNumbers: [7] }],
    ["GitHub's revert of a squashed revert PR undoes that PR and brings the original back", `Revert "Revert "Add reorder button (#7)" (#10)" (#11)\n\nThis reverts commit ${FULL}.`, { revertedShas: [FULL], revertedPrNumbers: [10], restoredPrNumbers: [7] }],
    ["three levels deep, the original is undone again", `Revert "Revert "Revert "Add reorder button (#7)" (#10)" (#11)" (#12)`, { revertedShas: [], revertedPrNumbers: [11, 7], restoredPrNumbers: [10] }],
    ["an ordinary commit", "Add reorder button (#7)", undefined],
    ["a subject that only starts with the word", "Reverting the checkout flow is out of scope (#9)", undefined],
    ["a SHA too short to name a commit", "Revert it\n\nThis reverts commit abc12.", undefined],
  ])("%s", (_name, message, expected) => {
    const found = findReverts([commit(5, message)]);

    expect(found).toEqual(expected ? [{ sha: sha(5), restoredPrNumbers: [], ...expected }] : []);
  });

  it("finds every revert of a range, in commit order", () => {
    const commits = [commit(2, `Revert "A (#1)"`), commit(3, "B (#2)"), commit(4, `Revert "C (#3)"`)];

    expect(findReverts(commits).map((r) => [r.sha, r.revertedPrNumbers])).toEqual([
      [sha(2), [1]],
      [sha(4), [3]],
    ]);
  });
});

describe("expandSha", () => {
  const shas = ["abcdef0000000000000000000000000000000000", "abcdef1111111111111111111111111111111111", "1234567000000000000000000000000000000000"];

  it.each([
    ["a unique prefix", "1234567", "1234567000000000000000000000000000000000"],
    ["a full SHA", "abcdef1111111111111111111111111111111111", "abcdef1111111111111111111111111111111111"],
    ["an upper-case prefix", "ABCDEF1", "abcdef1111111111111111111111111111111111"],
    ["an ambiguous prefix", "abcdef", undefined],
    ["an unknown prefix", "fedcba9", undefined],
  ])("%s", (_name, prefix, expected) => {
    expect(expandSha(prefix, shas)).toBe(expected);
  });
});

describe("decideShipment", () => {
  const prs = (entries: [number, number[]][]) => new Map(entries.map(([n, numbers]) => [sha(n), numbers]));

  it.each<[string, CommitData[], [number, number[]][], ResolvedRevert[], { shipped: number[]; cancelled: number[]; revertedEarlier: number[] }]>([
    ["every PR once, in commit order", [commit(2, "a"), commit(3, "b"), commit(4, "c")], [[2, [8]], [3, [7]], [4, [8]]], [], { shipped: [8, 7], cancelled: [], revertedEarlier: [] }],
    ["commits without a PR ship nothing", [commit(2, "direct push")], [[2, []]], [], { shipped: [], cancelled: [], revertedEarlier: [] }],
    [
      "a PR reverted in the same range is cancelled, the revert ships nothing",
      [commit(2, "Add reorder button (#7)"), commit(3, "Other (#8)"), commit(4, `Revert "Add reorder button (#7)"`)],
      [[2, [7]], [3, [8]], [4, [10]]],
      [{ sha: sha(4), revertedPrs: [7] }],
      { shipped: [8], cancelled: [7], revertedEarlier: [] },
    ],
    [
      "a revert pushed without a PR still cancels",
      [commit(2, "Add reorder button (#7)"), commit(3, "Revert")],
      [[2, [7]], [3, []]],
      [{ sha: sha(3), revertedPrs: [7] }],
      { shipped: [], cancelled: [7], revertedEarlier: [] },
    ],
    [
      "a revert of a PR shipped earlier takes its work out",
      [commit(3, `Revert "Add reorder button (#7)"`)],
      [[3, [10]]],
      [{ sha: sha(3), revertedPrs: [7] }],
      { shipped: [], cancelled: [], revertedEarlier: [7] },
    ],
    [
      "a PR that reverts part of itself ships",
      [commit(2, "Try the banner"), commit(3, `Revert "Try the banner"`), commit(4, "Keep the button")],
      [[2, [7]], [3, [7]], [4, [7]]],
      [{ sha: sha(3), revertedPrs: [7] }],
      { shipped: [7], cancelled: [], revertedEarlier: [] },
    ],
    [
      "a PR that also reverts another PR still ships its own work",
      [commit(2, "Add reorder button (#7)"), commit(3, "Checkout fix"), commit(4, `Revert "Add reorder button (#7)"`), commit(5, "Merge pull request #11", [sha(1), sha(4)])],
      [[2, [7]], [3, [11]], [4, [11]], [5, [11]]],
      [{ sha: sha(4), revertedPrs: [7] }],
      { shipped: [11], cancelled: [7], revertedEarlier: [] },
    ],
    [
      "a revert of a revert ships the first PR again when both came in earlier deploys",
      [commit(4, `Revert "Revert "Add reorder button (#7)" (#10)" (#11)`)],
      [[4, [11]]],
      [{ sha: sha(4), revertedPrs: [10], restoredPrs: [7] }],
      { shipped: [7], cancelled: [], revertedEarlier: [10] },
    ],
    [
      "a PR, its revert and the revert of that revert in one range: the PR ships",
      [commit(2, "Add reorder button (#7)"), commit(3, `Revert "Add reorder button (#7)" (#10)`), commit(4, `Revert "Revert "Add reorder button (#7)" (#10)" (#11)`)],
      [[2, [7]], [3, [10]], [4, [11]]],
      [{ sha: sha(3), revertedPrs: [7] }, { sha: sha(4), revertedPrs: [10], restoredPrs: [7] }],
      { shipped: [7], cancelled: [], revertedEarlier: [] },
    ],
    [
      "a revert PR merged with a merge commit is still only a revert",
      [commit(3, `Revert "Add reorder button (#7)"`), commit(4, "Merge pull request #10", [sha(2), sha(3)])],
      [[3, [10]], [4, [10]]],
      [{ sha: sha(3), revertedPrs: [7] }],
      { shipped: [], cancelled: [], revertedEarlier: [7] },
    ],
  ])("%s", (_name, commits, mapping, reverts, expected) => {
    expect(decideShipment(commits, prs(mapping), reverts)).toEqual(expected);
  });
});

describe("dueDate", () => {
  it.each([
    ["2026-03-03T09:00:00.000Z", 14, "2026-03-17T09:00:00.000Z"],
    ["2026-03-03T09:00:00.000Z", 0, "2026-03-03T09:00:00.000Z"],
    ["2026-03-28T23:30:00.000Z", 1, "2026-03-29T23:30:00.000Z"],
    ["2026-12-25T12:00:00.000Z", 365, "2027-12-25T12:00:00.000Z"],
  ])("%s plus %i days is %s", (shippedAt, days, due) => {
    expect(dueDate(new Date(shippedAt), days).toISOString()).toBe(due);
  });
});
