import { api } from "./github.js";
import { BOT_LOGIN, type TestRepo } from "./ids.js";
import { issueObject, user } from "./payloads.js";
import { appObject, checkRunObject, commentObject, labelObject } from "./rest-objects.js";

export type Write = "issue" | "comment" | "labels" | "check-run";

interface Issue {
  number: number;
  title: string;
  body: string;
  labels: Set<string>;
  state: string;
}

interface Comment {
  id: number;
  issue: number;
  body: string;
}

interface CheckRun {
  id: number;
  headSha: string;
  name: string;
  conclusion: string;
  title: string;
}

const own = () => ({ user: user(BOT_LOGIN, "Bot"), performed_via_github_app: appObject() });
const bodyOf = async (request: Request) => (await request.json()) as Record<string, any>;

/**
 * One repository's issues, comments, labels and check runs, kept like GitHub keeps them, for
 * faults that depend on what GitHub did: `applyThenFail` makes GitHub apply the next write of a
 * kind and still answer 502, as happens when its front end times out behind a write that went through.
 */
export class FakeRepo {
  readonly issues: Issue[] = [];
  readonly comments: Comment[] = [];
  readonly checkRuns: CheckRun[] = [];
  /** Every write request, in order, by kind. */
  readonly writes: Write[] = [];
  private readonly failing = new Set<Write>();
  private nextIssue = 100;
  private nextId = 9000;

  constructor(private readonly repo: TestRepo) {
    const base = `/repos/${repo.fullName}`;
    const route = (method: "get" | "post" | "patch", path: RegExp, answer: (request: Request, match: RegExpExecArray) => Promise<[number, unknown]>) =>
      api()
        .intercept((uri) => path.test(uri.split("?")[0]!), method.toUpperCase())
        .optionally()
        .reply(async (request: Request) => answer(request, path.exec(new URL(request.url).pathname)!))
        .persist();
    const esc = base.replace(/[/.]/g, (c) => `\\${c}`);
    route("post", new RegExp(`^${esc}/issues$`), async (request) => this.write("issue", 201, await this.createIssue(await bodyOf(request))));
    route("get", new RegExp(`^${esc}/issues$`), async () => [200, [...this.issues].reverse().map((i) => this.issueJson(i))]);
    route("patch", new RegExp(`^${esc}/issues/(\\d+)$`), async (request, m) => {
      const issue = this.issues.find((i) => i.number === Number(m[1]));
      if (!issue) return [404, { message: "Not Found" }];
      Object.assign(issue, await bodyOf(request));
      return [200, this.issueJson(issue)];
    });
    route("post", new RegExp(`^${esc}/issues/(\\d+)/comments$`), async (request, m) => {
      const comment = { id: this.nextId++, issue: Number(m[1]), body: String((await bodyOf(request)).body) };
      this.comments.push(comment);
      return this.write("comment", 201, this.commentJson(comment));
    });
    route("get", new RegExp(`^${esc}/issues/(\\d+)/comments$`), async (_request, m) => [200, this.comments.filter((c) => c.issue === Number(m[1])).map((c) => this.commentJson(c))]);
    route("post", new RegExp(`^${esc}/issues/(\\d+)/labels$`), async (request, m) => {
      const issue = this.issue(Number(m[1]));
      for (const label of (await bodyOf(request)).labels as string[]) issue.labels.add(label);
      return this.write("labels", 200, [...issue.labels].map((name, i) => labelObject(this.repo, name, i)));
    });
    route("post", new RegExp(`^${esc}/check-runs$`), async (request) => {
      const sent = await bodyOf(request);
      const run = { id: this.nextId++, headSha: sent.head_sha, name: sent.name, conclusion: sent.conclusion, title: sent.output?.title ?? "" };
      this.checkRuns.push(run);
      return this.write("check-run", 201, this.checkRunJson(run));
    });
    route("get", new RegExp(`^${esc}/commits/([0-9a-f]{40})/check-runs$`), async (_request, m) => {
      const runs = this.checkRuns.filter((r) => r.headSha === m[1]);
      return [200, { total_count: runs.length, check_runs: runs.map((r) => this.checkRunJson(r)) }];
    });
    route("patch", new RegExp(`^${esc}/check-runs/(\\d+)$`), async (request, m) => {
      const run = this.checkRuns.find((r) => r.id === Number(m[1]));
      if (!run) return [404, { message: "Not Found" }];
      const sent = await bodyOf(request);
      Object.assign(run, { conclusion: sent.conclusion, title: sent.output?.title ?? run.title });
      return [200, this.checkRunJson(run)];
    });
  }

  /** GitHub applies the next write of this kind, then answers 502. */
  applyThenFail(kind: Write): void {
    this.failing.add(kind);
  }

  /** An issue GitHub already has (a sense issue opened earlier). */
  issue(number: number): Issue {
    let issue = this.issues.find((i) => i.number === number);
    if (!issue) {
      issue = { number, title: `Issue ${number}`, body: "", labels: new Set(), state: "open" };
      this.issues.push(issue);
    }
    return issue;
  }

  private write(kind: Write, status: number, body: unknown): [number, unknown] {
    this.writes.push(kind);
    if (!this.failing.delete(kind)) return [status, body];
    return [502, { message: "Server Error" }];
  }

  private async createIssue(sent: Record<string, any>) {
    const issue = { number: this.nextIssue++, title: sent.title, body: sent.body ?? "", labels: new Set<string>(sent.labels ?? []), state: "open" };
    this.issues.push(issue);
    return this.issueJson(issue);
  }

  private issueJson(issue: Issue) {
    return { ...issueObject({ repo: this.repo, number: issue.number, title: issue.title, labels: [...issue.labels], state: issue.state === "closed" ? "closed" : "open" }), body: issue.body, ...own() };
  }

  private commentJson(comment: Comment) {
    return commentObject(this.repo, comment.issue, { id: comment.id, body: comment.body });
  }

  private checkRunJson(run: CheckRun) {
    const object = checkRunObject(this.repo, { id: run.id, name: run.name, headSha: run.headSha });
    return { ...object, status: "completed", conclusion: run.conclusion, output: { ...object.output, title: run.title } };
  }
}
