import { sql } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { rows } from "../../src/db/client.js";
import { openDeployment, type Deployment } from "./deployment.js";
import { deadJobs, deliveryRecords, repeatedEdits, sweepJobs, sweepPeriods, unfinishedJobs, writesMade } from "./observe.js";
import { playWeek, setUpShop, type Shop, type StoryExpectations } from "./story.js";

/*
 * Senseloop as it runs in production with replicas: separate processes (`src/main.ts`, as
 * `npm start` runs it) on one PostgreSQL database, behind a load balancer, against the local
 * GitHub stand-in, which sends its webhooks signed like GitHub's and records every request. Each
 * replica reaches the stand-in through its own relay, so the test knows which replica called.
 * Timings are production's (30 s heartbeats, one-minute sweep periods): the tests mostly wait
 * on them, so they run side by side.
 */

const SWEEP_TOKEN = "replicas-sweep-token";
const NO_DASHBOARD = "dashboard:\n  issue: false\n";
/** docs/faults.md: a job whose process died runs again within 90 s on any replica. */
const PICKED_UP_WITHIN_S = 90;

/** The week's writes, each once: a check run per head, one update, a sense issue and a comment per shipped hypothesis. */
const weekWrites = (shop: Shop, story: StoryExpectations) => [...story.heads.map((sha) => `check run on ${sha}`), `check run senseloop:${shop.repositoryId}:${story.named} updated`, ...story.shipped.map((h) => `issue "Sense: ${h.title}"`), ...story.shipped.map((h) => `comment on #${h.number}`)];

/**
 * Every webhook the stand-in sent arrived and is recorded once, was handled (or ignored) in one
 * attempt, and each time GitHub sent it again is counted as a duplicate, not handled again.
 */
async function expectEachDeliveryHandledOnce(d: Deployment): Promise<void> {
  const sent = new Map<string, number>();
  for (const delivery of d.standin.deliveries()) {
    expect(delivery.state).toBe("delivered");
    sent.set(delivery.guid, (sent.get(delivery.guid) ?? 0) + 1);
  }
  const recorded = await deliveryRecords(d.db);
  expect(recorded.map((r) => r.id).sort()).toEqual([...sent.keys()].sort());
  expect(recorded.filter((r) => r.status !== "done" && r.status !== "ignored")).toEqual([]);
  expect(recorded.filter((r) => r.duplicates !== sent.get(r.id)! - 1 || (r.status === "done" && r.attempts !== 1))).toEqual([]);
}

async function expectNothingLeft(d: Deployment): Promise<void> {
  expect(await unfinishedJobs(d.db)).toBe(0);
  expect(await deadJobs(d.db)).toBe(0);
}

/** The PR checks' jobs: their state, retries, and when their last attempt started (ms since the epoch). */
const checkJobs = (d: Deployment) => rows<{ state: string; retries: number; startedMs: number }>(d.db, sql`select state::text, retry_count as retries, (extract(epoch from started_on) * 1000)::float8 as "startedMs" from pgboss.job where name = 'check-pr' order by created_on`);
const repoWrites = (requests: { method: string; path: string }[]) => requests.filter((r) => r.method !== "GET" && !r.path.endsWith("/access_tokens"));

// PGlite serves one process: these tests need several on one database.
describe.skipIf(inject("dbTemplate").kind !== "postgres")("two Senseloop processes on one PostgreSQL (PostgreSQL only: PGlite serves one process)", () => {
  it.concurrent("a web and a worker process: every delivery handled once, every write made once, nothing left", { timeout: 180_000 }, async ({ onTestFinished }) => {
    const d = await openDeployment();
    onTestFinished(() => d.close());
    const web = await d.replica("web", "web");
    const worker = await d.replica("worker", "worker");
    await Promise.all([web.ready, worker.ready]);
    await d.balance([web]);

    const shop = setUpShop(d.standin, { senseAfterDays: 14, config: NO_DASHBOARD });
    await d.settle();
    const story = await playWeek(d.standin, { senseAfterDays: 14 }, d.settle);

    expect(d.standin.deliveries().length).toBeGreaterThanOrEqual(30);
    await expectEachDeliveryHandledOnce(d);
    expect(writesMade(d.standin)).toEqual(weekWrites(shop, story).sort());
    // The web process only receives: every GitHub call, every write, is the worker's.
    expect(web.door.relayed).toEqual([]);
    expect(repoWrites(worker.door.relayed)).toHaveLength(repoWrites(d.standin.requests({ writes: true })).length);
    await expectNothingLeft(d);
  });

  it.concurrent("two `all` processes: deliveries spread over both and handled once, one sweep per period, one reminder per due loop", { timeout: 240_000 }, async ({ onTestFinished }) => {
    const d = await openDeployment();
    onTestFinished(() => d.close());
    const env = { SWEEP_CRON: "* * * * *", SWEEP_TOKEN };
    const [a, b] = [await d.replica("replica A", "all", env), await d.replica("replica B", "all", env)];
    await Promise.all([a.ready, b.ready]);
    const balancer = await d.balance([a, b]);

    const shop = setUpShop(d.standin, { senseAfterDays: 0 });
    await d.settle();
    // Shipped hypotheses are due at once: the sweep of the next period reminds them.
    const story = await playWeek(d.standin, { senseAfterDays: 0 }, d.settle);
    // GitHub sends some deliveries again (a redelivery asked for in its settings): each lands on the other replica.
    for (const delivery of d.standin.deliveries().filter((x) => x.event === "pull_request" || x.event === "deployment_status")) d.standin.redeliver({ id: delivery.id });
    // Both replicas are asked for a sweep at the same moment too, on top of their schedule.
    const asked = await Promise.all([a, b].map((r) => fetch(`${r.url}/api/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } })));
    expect(asked.map((r) => r.status)).toEqual([202, 202]);

    const senseIssues = (await rows<{ n: number }>(d.db, sql`select issue_number as n from sense_items order by issue_number`)).map((r) => r.n);
    const reminders = senseIssues.flatMap((n) => [`comment on #${n}`, `labels needs-response on #${n}`]);
    await d.until("a reminder on every sense issue", async () => reminders.every((r) => writesMade(d.standin).includes(r)), 150_000);
    const remindedAt = new Date();
    const sweptSince = async () => (await rows(d.db, sql`select 1 from pgboss.job where name = 'sweep' and state = 'completed' and created_on > ${remindedAt.toISOString()}::timestamptz`)).length;
    await d.until("a scheduled sweep after the reminders, and two periods", async () => (await sweptSince()) > 0 && (await sweepPeriods(d.db)).length >= 2, 150_000);
    await d.settle();

    await expectEachDeliveryHandledOnce(d);
    const made = writesMade(d.standin);
    expect(made.filter((w) => !w.startsWith("edit of"))).toEqual([...weekWrites(shop, story), ...reminders, 'issue "Senseloop dashboard"'].sort());
    // Edits only bring the dashboard and sense issues up to date, and never write the same thing twice.
    const dashboard = d.standin.state.requireRepo("acme/shop").issues.find((i) => i.title === "Senseloop dashboard")!.number;
    expect(made.filter((w) => w.startsWith("edit of") && ![dashboard, ...senseIssues].some((n) => w === `edit of #${n}`))).toEqual([]);
    expect(repeatedEdits(d.standin)).toEqual([]);
    // One sweep per period while both replicas ran the schedule, and one per ask; each ran once.
    const periods = await sweepPeriods(d.db);
    expect(periods.length).toBeGreaterThanOrEqual(2);
    expect(periods.filter((p) => p.jobs !== 1)).toEqual([]);
    const sweeps = await sweepJobs(d.db);
    expect(sweeps).toHaveLength(periods.length + asked.length);
    expect(sweeps.filter((j) => j.state !== "completed" || j.retries !== 0)).toEqual([]);
    // Both replicas took part: each received webhooks and each called GitHub.
    expect(new Set(balancer.relayed.map((r) => r.upstream))).toEqual(new Set([a.url, b.url]));
    expect(a.door.relayed.length).toBeGreaterThan(0);
    expect(b.door.relayed.length).toBeGreaterThan(0);
    await expectNothingLeft(d);
  });

  it.concurrent("a replica killed mid-job: the other takes the job up and finishes it, with one write", { timeout: 240_000 }, async ({ onTestFinished }) => {
    const d = await openDeployment();
    onTestFinished(() => d.close());
    const [a, b] = [await d.replica("replica A", "all"), await d.replica("replica B", "all")];
    await Promise.all([a.ready, b.ready]);
    const balancer = await d.balance([a, b]);
    setUpShop(d.standin, { senseAfterDays: 14, config: NO_DASHBOARD });
    const hypothesis = d.standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Hypothesis: one-click reorder", labels: ["hypothesis"] });
    await d.settle();

    // Whichever replica takes the PR's check is stopped in the middle of it: reading the PR.
    const { head } = d.standin.push({ repo: "acme/shop", actor: "alice", branch: "one-click", commits: [{ message: "One-click reorder", files: { "one-click.js": "oneClick()\n" } }] });
    const holds = [a, b].map((r) => r.door.holdNext((method, path) => method === "GET" && /\/pulls\/\d+$/.test(path)));
    const pr = d.standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "one-click", title: "One-click reorder", body: `Hypothesis: #${hypothesis.number}` });
    const holder = await Promise.race(holds.map((h, i) => h.caught.then(() => i)));
    for (const h of holds) h.cancel();
    const [killed, survivor] = holder === 0 ? [a, b] : [b, a];
    expect(await checkJobs(d)).toMatchObject([{ state: "active", retries: 0 }]);
    await killed.kill();
    const killedAt = Date.now();
    // The load balancer stops sending it webhooks, as its health check would.
    balancer.route([survivor.url]);

    await d.until("the check run", async () => writesMade(d.standin).includes(`check run on ${head}`), 180_000);
    await d.settle();

    expect(writesMade(d.standin)).toEqual([`check run on ${head}`]);
    expect(repoWrites(killed.door.relayed)).toEqual([]);
    expect(repoWrites(survivor.door.relayed).map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/v3/repos/acme/shop/check-runs"]);
    // The same job, taken up again after its process stopped beating, within what docs/faults.md promises.
    const [job] = await checkJobs(d);
    expect(job).toMatchObject({ state: "completed", retries: 1 });
    expect((job!.startedMs - killedAt) / 1000).toBeLessThanOrEqual(PICKED_UP_WITHIN_S + 5);
    expect(await rows(d.db, sql`select conclusion from check_runs where pr_number = ${pr.number}`)).toEqual([{ conclusion: "success" }]);
    await expectEachDeliveryHandledOnce(d);
    await expectNothingLeft(d);
  });
});
