/**
 * The GitHub stand-in in a process of its own, for benchmarks that measure Senseloop's own cost:
 * what the stand-in spends answering is then not counted against Senseloop. Driven over the IPC
 * channel (see `standin-client.ts`): `populate` builds many organisations at once in process
 * (thousands of control calls over HTTP would take longer than the measurement), `calls`
 * summarises the request log per installation.
 */
import { createStandin, type RecordedRequest } from "../../src/standin/index.js";

export interface OrgSpec {
  login: string;
  repos: { name: string; issues: number }[];
  /** Install the app on the organisation. */
  install: boolean;
}

export interface PopulatedOrg {
  login: string;
  installationId: number | null;
  repos: { id: number; name: string; issues: number[] }[];
}

export interface CallSummary {
  lastSeq: number;
  dropped: number;
  /** Calls made with an installation token, by installation id. */
  perInstallation: Record<string, { calls: number; writes: number; notifying: number }>;
  /** `METHOD route` → count, installation-token calls only. */
  byRoute: Record<string, number>;
  /** Calls made as the app (JWT): installation tokens. */
  appCalls: number;
  /** `owner/repo#n` of each write to an issue. */
  writeTargets: string[];
  /** Answers that were not 2xx, by status and route. */
  failures: Record<string, number>;
  cpuMs: number;
}

export type Request = { id: number; type: "populate"; orgs: OrgSpec[] } | { id: number; type: "calls"; since: number };

const standin = createStandin({
  app: { id: Number(process.env.APP_ID), slug: process.env.APP_SLUG, privateKey: process.env.PRIVATE_KEY },
  webhook: { secret: process.env.WEBHOOK_SECRET },
  maxRecordedRequests: 1_000_000,
});
const url = await standin.start();

function populate(orgs: OrgSpec[]): PopulatedOrg[] {
  standin.createUser({ login: "pam" });
  return orgs.map((org) => {
    standin.createOrg({ login: org.login });
    const repos = org.repos.map((spec) => {
      const repo = standin.createRepo({ owner: org.login, name: spec.name, creator: "pam" });
      const issues = Array.from({ length: spec.issues }, (_, i) => standin.openIssue({ repo: repo.fullName, actor: "pam", title: `Sense: change ${i + 1} in production`, body: "Shipped; what did we learn?" }).number);
      return { id: repo.id, name: spec.name, issues };
    });
    const installationId = org.install ? standin.createInstallation({ account: org.login, sender: "pam" }).id : null;
    return { login: org.login, installationId, repos };
  });
}

const ISSUE_WRITE = /^\/api\/v3\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\//;
/** Writes that notify people, which Octokit's throttling spaces 3 s apart (its list, as far as we use it). */
const NOTIFYING = new Set(["POST /repos/{owner}/{repo}/issues", "POST /repos/{owner}/{repo}/issues/{issue_number}/comments"]);

function calls(since: number): CallSummary {
  const summary: CallSummary = { lastSeq: 0, dropped: 0, perInstallation: {}, byRoute: {}, appCalls: 0, writeTargets: [], failures: {}, cpuMs: 0 };
  const log: RecordedRequest[] = standin.requests({ since });
  for (const r of log) {
    if (r.status >= 300) summary.failures[`${r.status} ${r.route ?? r.path}`] = (summary.failures[`${r.status} ${r.route ?? r.path}`] ?? 0) + 1;
    if (r.actor.kind === "app") summary.appCalls++;
    if (r.actor.kind !== "installation") continue;
    const write = r.method !== "GET" && r.method !== "HEAD";
    const entry = (summary.perInstallation[String(r.actor.installationId)] ??= { calls: 0, writes: 0, notifying: 0 });
    entry.calls++;
    if (write) entry.writes++;
    if (r.route && NOTIFYING.has(r.route)) entry.notifying++;
    const route = r.route ?? `${r.method} ${r.path}`;
    summary.byRoute[route] = (summary.byRoute[route] ?? 0) + 1;
    const target = write ? ISSUE_WRITE.exec(r.path) : null;
    if (target) summary.writeTargets.push(`${target[1]}#${target[2]}`);
  }
  summary.lastSeq = log.at(-1)?.seq ?? since;
  const cpu = process.cpuUsage();
  summary.cpuMs = (cpu.user + cpu.system) / 1000;
  return summary;
}

process.on("message", (message: Request) => {
  try {
    const result = message.type === "populate" ? populate(message.orgs) : calls(message.since);
    process.send!({ id: message.id, result });
  } catch (err) {
    process.send!({ id: message.id, error: (err as Error).stack ?? String(err) });
  }
});
process.on("disconnect", () => void standin.stop().then(() => process.exit(0)));
process.send!({ ready: url });
