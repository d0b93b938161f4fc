import { blobSha, sha1 } from "./ids.js";

export interface GitPerson {
  name: string;
  email: string;
  date: string;
}

/** A file tree: path → text content. Trees are copied on write, commits never change. */
export type Tree = ReadonlyMap<string, string>;

export interface Commit {
  sha: string;
  treeSha: string;
  message: string;
  parents: string[];
  tree: Tree;
  author: GitPerson;
  committer: GitPerson;
  /** The account behind the author, when the commit was made by a known user. */
  authorLogin: string | null;
  /** Creation order: parents always come before their children. */
  seq: number;
}

export interface FileChange {
  filename: string;
  status: "added" | "modified" | "removed";
  before: string | undefined;
  after: string | undefined;
}

export type CompareStatus = "ahead" | "behind" | "identical" | "diverged";

export interface Comparison {
  status: CompareStatus;
  aheadBy: number;
  behindBy: number;
  /** Reachable from head and not from base, oldest first. */
  commits: Commit[];
  mergeBase: Commit;
}

export const subjectOf = (message: string) => message.split("\n", 1)[0] ?? "";

const treeSha = (tree: Tree) => sha1([...tree.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, content]) => `${path}\0${blobSha(content)}`).join("\n"));

/** One repository's history: commits, branches, tags and the default branch. */
export class Git {
  readonly commits = new Map<string, Commit>();
  readonly branches = new Map<string, string>();
  readonly tags = new Map<string, string>();
  private seq = 0;

  constructor(public defaultBranch: string) {}

  /** Records a commit whose id is the SHA-1 of its content, like git's (not byte-identical to git's). */
  commit(input: { parents: string[]; tree: Tree; message: string; author: GitPerson; committer?: GitPerson; authorLogin?: string | null }): Commit {
    const tsha = treeSha(input.tree);
    const committer = input.committer ?? input.author;
    const text = [`tree ${tsha}`, ...input.parents.map((p) => `parent ${p}`), `author ${input.author.name} <${input.author.email}> ${input.author.date}`, `committer ${committer.name} <${committer.email}> ${committer.date}`, `seq ${this.seq}`, "", input.message].join("\n");
    const commit: Commit = { sha: sha1(`commit ${text}`), treeSha: tsha, message: input.message, parents: input.parents, tree: new Map(input.tree), author: input.author, committer, authorLogin: input.authorLogin ?? null, seq: this.seq++ };
    this.commits.set(commit.sha, commit);
    return commit;
  }

  /** A commit by full or abbreviated (7+) SHA, branch, tag, `heads/…`, `tags/…` or `refs/…`. */
  resolve(ref: string): Commit | undefined {
    const name = ref.replace(/^refs\//, "");
    const bySha = this.commits.get(name);
    if (bySha) return bySha;
    const branch = name.startsWith("tags/") ? undefined : this.branches.get(name.replace(/^heads\//, ""));
    if (branch) return this.commits.get(branch);
    const tag = this.tags.get(name.replace(/^tags\//, ""));
    if (tag) return this.commits.get(tag);
    if (/^[0-9a-f]{7,39}$/.test(name)) {
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(name));
      if (matches.length === 1) return this.commits.get(matches[0]!);
    }
    return undefined;
  }

  get(sha: string): Commit {
    const commit = this.commits.get(sha);
    if (!commit) throw new Error(`unknown commit ${sha}`);
    return commit;
  }

  /** Every commit reachable from `sha`, itself included. */
  ancestors(sha: string): Set<string> {
    const seen = new Set<string>();
    const stack = [sha];
    while (stack.length > 0) {
      const next = stack.pop()!;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...this.get(next).parents);
    }
    return seen;
  }

  isAncestor(ancestor: string, of: string): boolean {
    return this.ancestors(of).has(ancestor);
  }

  /** The best common ancestor (the newest one that no other common ancestor descends from), or undefined. */
  mergeBase(a: string, b: string): Commit | undefined {
    const fromA = this.ancestors(a);
    const common = [...this.ancestors(b)].filter((sha) => fromA.has(sha)).map((sha) => this.get(sha));
    return common.sort((x, y) => y.seq - x.seq)[0];
  }

  /** `base...head` as GitHub's compare answers it: measured from the merge base. */
  compare(base: string, head: string): Comparison | undefined {
    const mergeBase = this.mergeBase(base, head);
    if (!mergeBase) return undefined;
    const fromBase = this.ancestors(base);
    const fromHead = this.ancestors(head);
    const ahead = [...fromHead].filter((sha) => !fromBase.has(sha)).map((sha) => this.get(sha)).sort((x, y) => x.seq - y.seq);
    const behindBy = [...fromBase].filter((sha) => !fromHead.has(sha)).length;
    const status: CompareStatus = ahead.length === 0 && behindBy === 0 ? "identical" : behindBy === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
    return { status, aheadBy: ahead.length, behindBy, commits: ahead, mergeBase };
  }

  /** Files that differ between two trees, by path. */
  static diff(from: Tree | undefined, to: Tree): FileChange[] {
    const before = from ?? new Map<string, string>();
    const paths = [...new Set([...before.keys(), ...to.keys()])].sort();
    const changes: FileChange[] = [];
    for (const filename of paths) {
      const a = before.get(filename);
      const b = to.get(filename);
      if (a === b) continue;
      changes.push({ filename, status: a === undefined ? "added" : b === undefined ? "removed" : "modified", before: a, after: b });
    }
    return changes;
  }

  /** What a commit changed against its first parent. */
  changesOf(commit: Commit): FileChange[] {
    const parent = commit.parents[0];
    return Git.diff(parent ? this.get(parent).tree : undefined, commit.tree);
  }
}

/** `tree` with `changes` applied; a null content deletes the file. */
export function applyChanges(tree: Tree, changes: Record<string, string | null>): Map<string, string> {
  const next = new Map(tree);
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) next.delete(path);
    else next.set(path, content);
  }
  return next;
}

/**
 * A three-way merge of trees: a path changed on one side only takes that side; changed on
 * both sides to different contents is a conflict (undefined), as git would refuse it.
 */
export function mergeTrees(base: Tree, ours: Tree, theirs: Tree): Map<string, string> | undefined {
  const result = new Map<string, string>();
  for (const path of new Set([...base.keys(), ...ours.keys(), ...theirs.keys()])) {
    const b = base.get(path);
    const o = ours.get(path);
    const t = theirs.get(path);
    let chosen: string | undefined;
    if (o === t) chosen = o;
    else if (o === b) chosen = t;
    else if (t === b) chosen = o;
    else return undefined;
    if (chosen !== undefined) result.set(path, chosen);
  }
  return result;
}
