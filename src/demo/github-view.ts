import type { CheckRun, Comment, Issue, Repo } from "../standin/model.js";
import type { Standin } from "../standin/index.js";

/**
 * What the demo reads back from the stand-in: the objects Senseloop wrote (found by their
 * labels, titles and hidden markers, as Senseloop itself finds them) and their pages' URLs.
 */
export class GitHubView {
  constructor(
    private readonly standin: Standin,
    readonly repoName: string,
  ) {}

  get repo(): Repo {
    return this.standin.state.requireRepo(this.repoName);
  }

  get web(): string {
    return `${this.standin.url}/${this.repoName}`;
  }

  issue(number: number): Issue | undefined {
    return this.repo.issues[number - 1];
  }

  /** Issues (not PRs) the app's bot opened, with this label or title. */
  botIssues(match: { label?: string; title?: string }): Issue[] {
    return this.repo.issues.filter((i) => !i.pull && i.viaApp && (!match.label || i.labels.some((l) => l.name === match.label)) && (!match.title || i.title === match.title));
  }

  /** The bot's comments on an issue whose hidden marker key starts with `key`. */
  botComments(issueNumber: number, key: string): Comment[] {
    const marker = `<!-- senseloop:comment key=${key}`;
    return (this.issue(issueNumber)?.comments ?? []).filter((c) => c.viaApp && c.body.includes(marker));
  }

  checkRunsFor(sha: string): CheckRun[] {
    return this.repo.checkRuns.filter((run) => run.headSha === sha);
  }

  issueUrl(number: number): string {
    return `${this.web}/${this.issue(number)?.pull ? "pull" : "issues"}/${number}`;
  }

  commentUrl(comment: Comment): string {
    return `${this.issueUrl(comment.issueNumber)}#issuecomment-${comment.id}`;
  }

  checkRunUrl(run: CheckRun): string {
    return `${this.web}/runs/${run.id}`;
  }
}

/** The first line of text of a comment or body that is not a heading, marker or blank. */
export function firstLine(body: string | null): string {
  return (body ?? "").split("\n").find((line) => line.trim() !== "" && !line.startsWith("<!--")) ?? "";
}

/** A line of a body that starts with `prefix` (markdown emphasis dropped), or undefined. */
export function lineStarting(body: string | null, prefix: string): string | undefined {
  return (body ?? "")
    .split("\n")
    .map((line) => line.replace(/\*\*/g, "").trim())
    .find((line) => line.startsWith(prefix));
}
