import { createHash } from "node:crypto";
import { GitHubError, isNotFound } from "./errors.js";
import type { WriteLedger } from "./ledger.js";
import type { GitHubPort } from "./port.js";
import type { CheckRunWrite, CommentRef, IssueRef, NewIssue, RepoRef } from "./types.js";

/**
 * Idempotent writes, each built once on the write ledger: the key is stored before GitHub is
 * called and the result after. A key without a result means an earlier attempt may have written,
 * so our own write is looked for (by its hidden marker, or our app's check run) before writing
 * again. Whatever the retries, replicas or redeliveries, each happens once.
 */

export type Ensured<T> = { status: "created" | "found" | "updated" | "unchanged" | "done"; result: T } | { status: "refused"; reason: string };

export const contentHash = (value: unknown) => createHash("sha256").update(typeof value === "string" ? value : JSON.stringify(value)).digest("hex");

/** A 4xx answer (but a timeout or a rate limit) means GitHub did not make the write. */
export function definitelyNotWritten(err: unknown): boolean {
  return err instanceof GitHubError && err.status >= 400 && err.status < 500 && err.status !== 408 && err.failure !== "rate_limited";
}

/** The core of every verb: find after an unknown outcome, else create; record the result. */
export async function writeOnce<T>(ledger: WriteLedger, key: string, steps: { find(): Promise<T | null>; create(): Promise<T> }): Promise<Ensured<T>> {
  const claim = await ledger.claim<T>(key);
  if (claim.kind === "done") return { status: "done", result: claim.result };
  if (claim.kind === "refused") return { status: "refused", reason: claim.reason };
  return writeClaimed(ledger, key, claim.kind === "new", steps);
}

/** With the key's lease held: look first unless the key is new, then create; record the result. */
async function writeClaimed<T>(ledger: WriteLedger, key: string, fresh: boolean, steps: { find(): Promise<T | null>; create(): Promise<T> }): Promise<{ status: "created" | "found"; result: T }> {
  if (!fresh) {
    const found = await steps.find().catch(async (err) => {
      await ledger.release(key);
      throw err;
    });
    if (found !== null) {
      await ledger.done(key, found);
      return { status: "found", result: found };
    }
  }
  try {
    const result = await steps.create();
    await ledger.done(key, result);
    return { status: "created", result };
  } catch (err) {
    await (definitelyNotWritten(err) ? ledger.forget(key) : ledger.release(key));
    throw err;
  }
}

/** A bot comment, once per key; the key travels in its hidden marker. */
export async function ensureComment(gh: GitHubPort, ledger: WriteLedger, key: string, on: RepoRef & { number: number }, body: string, marker: string): Promise<Ensured<CommentRef>> {
  const ref = { owner: on.owner, repo: on.repo };
  return writeOnce(ledger, key, {
    find: () => gh.issues.findOwnComment(ref, on.number, marker),
    create: () => gh.issues.createComment(ref, on.number, `${body}\n\n${marker}`),
  });
}

/** Labels on an issue, once per key (adding a label it has is harmless on GitHub anyway). */
export async function ensureLabels(gh: GitHubPort, ledger: WriteLedger, key: string, on: RepoRef & { number: number }, labels: string[]): Promise<Ensured<true>> {
  return writeOnce(ledger, key, {
    find: async () => null,
    create: async () => {
      await gh.issues.addLabels({ owner: on.owner, repo: on.repo }, on.number, labels);
      return true as const;
    },
  });
}

interface KeptIssue extends IssueRef {
  hash: string;
}

/**
 * One issue per key whose body is kept as given: opened once (assigned to `issue.assignees` when
 * GitHub accepts them; an unassignable user makes GitHub answer 422, then it opens unassigned),
 * found by `marker` among our own issues after an unknown outcome or when the one we knew is gone,
 * and edited only when the body changed.
 */
export async function ensureIssue(gh: GitHubPort, ledger: WriteLedger, key: string, ref: RepoRef, issue: NewIssue, marker: string, options: { maxPages?: number; known?: IssueRef | undefined; lookFirst?: boolean } = {}): Promise<Ensured<IssueRef>> {
  const hash = contentHash(issue.body);
  let claim = await ledger.claim<KeptIssue>(key);
  // An issue recorded elsewhere before this key existed (older data): adopt it rather than open another.
  if (claim.kind !== "done" && claim.kind !== "refused" && options.known) claim = { kind: "done", result: { ...options.known, hash: "" } };
  if (claim.kind === "refused") return { status: "refused", reason: claim.reason };
  if (claim.kind === "done") {
    const known = { number: claim.result.number, htmlUrl: claim.result.htmlUrl };
    if (claim.result.hash === hash) return { status: "unchanged", result: known };
    try {
      await gh.issues.update(ref, known.number, { body: issue.body });
      await ledger.done(key, { ...known, hash });
      return { status: "updated", result: known };
    } catch (err) {
      if (!isNotFound(err)) throw err;
      // The issue we knew is gone (deleted or transferred): claim the key again and look for another.
      await ledger.reopen(key);
    }
  }
  // `lookFirst`: an issue that must be unique per repository is looked for even under a new key
  // (a fresh or moved database), so it is never opened twice.
  const written = await writeClaimed(ledger, key, claim.kind === "new" && !options.lookFirst, {
    find: async () => {
      const found = await gh.issues.findOwn(ref, marker, { maxPages: options.maxPages ?? 5 });
      if (!found) return null;
      if (found.body !== issue.body) await gh.issues.update(ref, found.number, { body: issue.body });
      return { number: found.number, htmlUrl: found.htmlUrl, hash };
    },
    create: async () => ({ ...(await createWithAssignees(gh, ref, issue)), hash }),
  });
  return { status: written.status, result: { number: written.result.number, htmlUrl: written.result.htmlUrl } };
}

async function createWithAssignees(gh: GitHubPort, ref: RepoRef, issue: NewIssue): Promise<IssueRef> {
  try {
    return await gh.issues.create(ref, issue);
  } catch (err) {
    if (err instanceof GitHubError && err.status === 422 && issue.assignees.length > 0) return gh.issues.create(ref, { ...issue, assignees: [] });
    throw err;
  }
}

interface KeptCheckRun {
  id: number;
  hash: string;
}

/**
 * One check run per key (a repository's head SHA), updated in place; an unchanged result is not
 * written again unless `force` (GitHub's Re-run waits for a write). After an unknown outcome our
 * app's check run on the commit is looked for first.
 */
export async function ensureCheckRun(gh: GitHubPort, ledger: WriteLedger, key: string, ref: RepoRef, sha: string, name: string, write: CheckRunWrite, options: { force?: boolean } = {}): Promise<Ensured<{ id: number }>> {
  const hash = contentHash(write);
  const claim = await ledger.claim<KeptCheckRun>(key);
  if (claim.kind === "refused") return { status: "refused", reason: claim.reason };
  if (claim.kind === "done") {
    if (claim.result.hash === hash && !options.force) return { status: "unchanged", result: { id: claim.result.id } };
    try {
      await gh.checks.update(ref, claim.result.id, write);
      await ledger.done(key, { id: claim.result.id, hash });
      return { status: "updated", result: { id: claim.result.id } };
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await ledger.reopen(key);
    }
  }
  const written = await writeClaimed(ledger, key, claim.kind === "new", {
    find: async () => {
      const id = await gh.checks.findOwn(ref, sha, name);
      if (id === null) return null;
      await gh.checks.update(ref, id, write);
      return { id, hash };
    },
    create: async () => ({ id: await gh.checks.create(ref, sha, name, write), hash }),
  });
  return { status: written.status === "found" ? "updated" : "created", result: { id: written.result.id } };
}

/** The one dashboard issue of a repository, found by its marker, never by its title (renaming it is fine). */
export function ensureDashboardIssue(gh: GitHubPort, ledger: WriteLedger, repositoryId: number, ref: RepoRef, title: string, body: string, marker: string): Promise<Ensured<IssueRef>> {
  return ensureIssue(gh, ledger, `dashboard:${repositoryId}`, ref, { title, body, labels: [], assignees: [] }, marker, { maxPages: 10, lookFirst: true });
}
