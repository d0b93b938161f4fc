import { sql } from "drizzle-orm";
import { rows } from "../../src/db/client.js";
import { QUEUES, type QueueName } from "../../src/jobs/queues.js";
import { api } from "./github.js";
import { commentObject, errorBody } from "./rest-objects.js";
import { installationTokenObject } from "./rest-ship-objects.js";
import type { Harness } from "./harness.js";
import type { TestRepo } from "./ids.js";

/** The sweep's configuration with the dashboard off, so a refresh the sweep queues only reads config. */
export const NO_DASHBOARD = "dashboard:\n  issue: false\n";

/**
 * The access token of an installation other than the harness's own: issued, or refused with
 * `status` (404 when the app was uninstalled, 403 when the installation is suspended).
 */
export function nockInstallationTokenFor(installationId: number, status = 201) {
  const scope = api().post(`/app/installations/${installationId}/access_tokens`);
  if (status === 201) {
    scope.reply(201, installationTokenObject(installationId));
  } else {
    scope.reply(status, errorBody(status === 404 ? "Not Found" : "This installation has been suspended", status));
  }
}

/** One scheduled run: the sweep job as cron sends it, then every job it leads to. */
export async function runSweep(h: Harness) {
  await h.rt.boss.send(QUEUES.sweep.name, {});
  return h.drain();
}

/** Jobs of a queue in any state, finished ones included. */
export async function jobCount(h: Harness, queue: QueueName, states?: string[]): Promise<number> {
  const filter = states ? sql` and state = any(${`{${states.join(",")}}`}::pgboss.job_state[])` : sql``;
  const [row] = await rows<{ n: number }>(h.rt.db, sql`select count(*)::int as n from pgboss.job where name = ${queue}${filter}`);
  return row?.n ?? 0;
}

// nock 15 hands a reply function the fetch Request alone (a second parameter would make it a callback).

/**
 * Every label add on the repository's issues, `times` in all (up to `times` when `optional`),
 * recording which issue got which labels.
 */
export function nockLabelsOnIssues(repo: TestRepo, times: number, optional = false): { issue: number; labels: string[] }[] {
  const sent: { issue: number; labels: string[] }[] = [];
  const path = new RegExp(`/repos/${repo.fullName}/issues/(\\d+)/labels$`);
  api()
    .post((uri) => path.test(uri))
    .times(times)
    .optionally(optional)
    .reply(async (request: Request) => {
      sent.push({ issue: Number(path.exec(request.url)![1]), labels: ((await request.json()) as { labels: string[] }).labels });
      return [200, []];
    });
  return sent;
}

/** Every comment created on the repository's issues, `times` in all, recording which issue got which body. */
export function nockCommentsOnIssues(repo: TestRepo, times: number): { issue: number; body: string }[] {
  const sent: { issue: number; body: string }[] = [];
  const path = new RegExp(`/repos/${repo.fullName}/issues/(\\d+)/comments$`);
  api()
    .post((uri) => path.test(uri))
    .times(times)
    .reply(async (request: Request) => {
      const issue = Number(path.exec(request.url)![1]);
      sent.push({ issue, body: ((await request.json()) as { body: string }).body });
      const id = 90_000 + sent.length;
      return [201, commentObject(repo, issue, { id })];
    });
  return sent;
}
