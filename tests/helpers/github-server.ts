import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { APP_ID, type TestRepo } from "./ids.js";
import { pullRequestObject } from "./payloads.js";

interface CheckRun {
  id: number;
  headSha: string;
  name: string;
  conclusion: string;
  title: string;
  updates: number;
}

/**
 * A tiny GitHub on a loopback port (as GitHub Enterprise Server: `/api/v3`), for tests where
 * another process calls GitHub, which nock cannot reach: one installation, one repository, its
 * pull requests (exempt ones: nothing else to read) and check runs. `holdCheckRunCreates` makes
 * it apply a check-run create and never answer it, as a process that dies mid-request sees.
 */
export class GitHubServer {
  readonly checkRuns: CheckRun[] = [];
  readonly creates: string[] = [];
  readonly unexpected: string[] = [];
  holdCheckRunCreates = false;
  private readonly held: ServerResponse[] = [];
  private server: Server | undefined;
  private nextId = 555;

  constructor(private readonly repo: TestRepo) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.route(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    for (const res of this.held.splice(0)) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, any>) : {};
    const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/^\/api\/v3/, "");
    const send = (status: number, data: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(data));
    };
    const repoPath = `/repos/${this.repo.fullName}`;
    const pr = new RegExp(`^${repoPath}/pulls/(\\d+)$`).exec(path);
    const checkRunsOfCommit = new RegExp(`^${repoPath}/commits/([0-9a-f]{40})/check-runs$`).exec(path);
    const checkRun = new RegExp(`^${repoPath}/check-runs/(\\d+)$`).exec(path);

    if (req.method === "POST" && /^\/app\/installations\/\d+\/access_tokens$/.test(path)) return send(201, { token: "ghs_server", expires_at: "2099-01-01T00:00:00Z", permissions: {}, repository_selection: "all" });
    if (req.method === "GET" && pr) return send(200, pullRequestObject({ repo: this.repo, number: Number(pr[1]), title: "docs: tidy the readme", body: "Tidies the readme.", headSha: "a".repeat(40) }));
    if (req.method === "GET" && new RegExp(`^${repoPath}/pulls/\\d+/commits$`).test(path)) return send(200, []);
    if (req.method === "GET" && /\/contents\//.test(path)) return send(404, { message: "Not Found" });
    if (req.method === "POST" && path === `${repoPath}/check-runs`) {
      const run = { id: this.nextId++, headSha: body.head_sha, name: body.name, conclusion: body.conclusion, title: body.output?.title ?? "", updates: 0 };
      this.checkRuns.push(run);
      this.creates.push(run.headSha);
      if (this.holdCheckRunCreates) {
        this.held.push(res);
        return;
      }
      return send(201, this.checkRunJson(run));
    }
    if (req.method === "GET" && checkRunsOfCommit) {
      const runs = this.checkRuns.filter((r) => r.headSha === checkRunsOfCommit[1]);
      return send(200, { total_count: runs.length, check_runs: runs.map((r) => this.checkRunJson(r)) });
    }
    if (req.method === "PATCH" && checkRun) {
      const run = this.checkRuns.find((r) => r.id === Number(checkRun[1]));
      if (!run) return send(404, { message: "Not Found" });
      Object.assign(run, { conclusion: body.conclusion, title: body.output?.title ?? run.title, updates: run.updates + 1 });
      return send(200, this.checkRunJson(run));
    }
    this.unexpected.push(`${req.method} ${path}`);
    send(404, { message: "Not Found" });
  }

  private checkRunJson(run: CheckRun) {
    return { id: run.id, name: run.name, head_sha: run.headSha, status: "completed", conclusion: run.conclusion, output: { title: run.title }, app: { id: APP_ID, slug: "senseloop" } };
  }
}
