import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { rows } from "../../src/db/client.js";
import { createStandin, type Standin } from "../../src/standin/index.js";
import { openTestDatabase, type TestDatabase } from "../helpers/database.js";
import { PRIVATE_KEY } from "../helpers/harness.js";
import { APP_ID, WEBHOOK_SECRET } from "../helpers/ids.js";
import { startRelay, type Relay } from "../helpers/relay.js";
import { startSenseloop, type SenseloopProcess } from "../helpers/senseloop-process.js";
import { deadJobs, deliveryRecords, quiet, repeatedEdits, sweepJobs, sweepPeriods, unfinishedJobs, until, writesMade } from "./observe.js";
import { playWeek, setUpShop, type Shop, type StoryExpectations } from "./story.js";

/*
 * Senseloop as it runs in production with replicas: separate processes (`src/main.ts`, as
 * `npm start` runs it) on one PostgreSQL database, behind a load balancer, against the local
 * GitHub stand-in, which sends its webhooks signed like GitHub's and records every request. Each
 * replica reaches the stand-in through its own relay, so the test knows which replica called.
 */

const SWEEP_TOKEN = "replicas-sweep-token";
const NO_DASHBOARD = "dashboard:\n  issue: false\n";
/** docs/faults.md: a job whose process died runs again within 90 s on any replica. */
const PICKED_UP_WITHIN_S = 90;

let database: TestDatabase;
let standin: Standin;
let processes: SenseloopProcess[] = [];
let relays: Relay[] = [];

type Replica = SenseloopProcess & { door: Relay };

/** A Senseloop process on the test's database; it reaches GitHub through its own relay, so the test knows who asked for what. */
async function replica(name: string, role: "all" | "web" | "worker", env: Record<string, string> = {}): Promise<Replica> {
  if (database.kind !== "postgres") throw new Error("expected PostgreSQL");
  const door = await startRelay([standin.url]);
  relays.push(door);
  const p = await startSenseloop({ name, role, databaseUrl: database.url, githubHost: door.host, env });
  processes.push(p);
  return Object.assign(p, { door });
}

/** Webhooks spread over the replicas in turn, as a load balancer in front of them would. */
async function balance(replicas: Replica[]): Promise<Relay> {
  const balancer = await startRelay(replicas.map((r) => r.url));
  relays.push(balancer);
  standin.setWebhook({ url: `${balancer.url}/api/github/webhooks` });
  return balancer;
}

const settle = () => quiet(standin, database.db, processes);

/** The week's writes, each once: a check run per head, one update, a sense issue and a comment per shipped hypothesis. */
const weekWrites = (shop: Shop, story: StoryExpectations) => [...story.heads.map((sha) => `check run on ${sha}`), `check run senseloop:${shop.repositoryId}:${story.named} updated`, ...story.shipped.map((h) => `issue "Sense: ${h.title}"`), ...story.shipped.map((h) => `comment on #${h.number}`)];

/**
 * Every webhook the stand-in sent arrived and is recorded once, was handled (or ignored) in one
 * attempt, and each time GitHub sent it again is counted as a duplicate, not handled again.
 */
async function expectEachDeliveryHandledOnce(): Promise<void> {
  const sent = new Map<string, number>();
  for (const d of standin.deliveries()) {
    expect(d.state).toBe("delivered");
    sent.set(d.guid, (sent.get(d.guid) ?? 0) + 1);
  }
  const recorded = await deliveryRecords(database.db);
  expect(recorded.map((r) => r.id).sort()).toEqual([...sent.keys()].sort());
  expect(recorded.filter((r) => r.status !== "done" && r.status !== "ignored")).toEqual([]);
  expect(recorded.filter((r) => r.duplicates !== sent.get(r.id)! - 1 || (r.status === "done" && r.attempts !== 1))).toEqual([]);
}

const checkJobs = () => rows<{ state: string; retries: number }>(database.db, sql`select state::text, retry_count as retries from pgboss.job where name = 'check-pr' order by created_on`);

async function expectNothingLeft(): Promise<void> {
  expect(await unfinishedJobs(database.db)).toBe(0);
  expect(await deadJobs(database.db)).toBe(0);
}

// PGlite serves one process: these tests need several on one database.
describe.skipIf(inject("dbTemplate").kind !== "postgres")("two Senseloop processes on one PostgreSQL (PostgreSQL only: PGlite serves one process)", () => {
  beforeEach(async () => {
    database = await openTestDatabase();
    standin = createStandin({ app: { id: APP_ID, slug: "senseloop", privateKey: PRIVATE_KEY }, webhook: { secret: WEBHOOK_SECRET } });
    await standin.start();
  });

  afterEach(async () => {
    for (const p of processes) await p.kill();
    for (const r of relays) await r.stop();
    await standin.stop();
    await database.close();
    processes = [];
    relays = [];
  });

  it("a web and a worker process: every delivery handled once, every write made once, nothing left", { timeout: 180_000 }, async () => {
    const web = await replica("web", "web");
    const worker = await replica("worker", "worker");
    await Promise.all([web.ready, worker.ready]);
    standin.setWebhook({ url: `${web.url}/api/github/webhooks` });

    const shop = setUpShop(standin, { senseAfterDays: 14, config: NO_DASHBOARD });
    await settle();
    const story = await playWeek(standin, { senseAfterDays: 14 }, settle);

    expect(standin.deliveries().length).toBeGreaterThanOrEqual(30);
    await expectEachDeliveryHandledOnce();
    expect(writesMade(standin)).toEqual(weekWrites(shop, story).sort());
    // The web process only receives: every GitHub call, every write, is the worker's.
    expect(web.door.relayed).toEqual([]);
    expect(worker.door.relayed.filter((r) => r.method !== "GET").length).toBe(standin.requests({ writes: true }).length);
    await expectNothingLeft();
  });

  it("two `all` processes: deliveries spread over both and handled once, one sweep per period, one reminder per due loop", { timeout: 240_000 }, async () => {
    const env = { SWEEP_CRON: "* * * * *", SWEEP_TOKEN };
    const [a, b] = [await replica("replica A", "all", env), await replica("replica B", "all", env)];
    await Promise.all([a.ready, b.ready]);
    const balancer = await balance([a, b]);

    const shop = setUpShop(standin, { senseAfterDays: 0 });
    await settle();
    // Shipped hypotheses are due at once: the sweep of the next period reminds them.
    const story = await playWeek(standin, { senseAfterDays: 0 }, settle);
    // GitHub sends some deliveries again (a redelivery asked for in its settings): each lands on the other replica.
    for (const d of standin.deliveries().filter((d) => d.event === "pull_request" || d.event === "deployment_status")) standin.redeliver({ id: d.id });
    const senseIssues = (await rows<{ n: number }>(database.db, sql`select issue_number as n from sense_items order by issue_number`)).map((r) => r.n);
    // Both replicas are asked for a sweep at the same moment too, on top of their schedule.
    const asked = await Promise.all([a, b].map((r) => fetch(`${r.url}/api/sweep`, { method: "POST", headers: { authorization: `Bearer ${SWEEP_TOKEN}` } })));
    expect(asked.map((r) => r.status)).toEqual([202, 202]);
    const reminders = senseIssues.flatMap((n) => [`comment on #${n}`, `labels needs-response on #${n}`]);
    await until("a reminder on every sense issue", async () => reminders.every((r) => writesMade(standin).includes(r)), processes, 150_000);
    const remindedAt = new Date();
    const sweptSince = async () => (await rows(database.db, sql`select 1 from pgboss.job where name = 'sweep' and state = 'completed' and created_on > ${remindedAt.toISOString()}::timestamptz`)).length;
    await until("a scheduled sweep after the reminders", async () => (await sweptSince()) > 0, processes, 150_000);
    await settle();

    await expectEachDeliveryHandledOnce();
    const made = writesMade(standin);
    expect(made.filter((w) => !w.startsWith("edit of"))).toEqual([...weekWrites(shop, story), ...reminders, 'issue "Senseloop dashboard"'].sort());
    // Edits only bring the dashboard (and sense issues) up to date, and never write the same thing twice.
    const dashboard = standin.state.requireRepo("acme/shop").issues.find((i) => i.title === "Senseloop dashboard")!.number;
    expect(made.filter((w) => w.startsWith("edit of") && ![dashboard, ...senseIssues].some((n) => w === `edit of #${n}`))).toEqual([]);
    expect(repeatedEdits(standin)).toEqual([]);
    // One sweep per period while both replicas ran the schedule, and one per ask; each ran once.
    const periods = await sweepPeriods(database.db);
    expect(periods.length).toBeGreaterThanOrEqual(2);
    expect(periods.filter((p) => p.jobs !== 1)).toEqual([]);
    const sweeps = await sweepJobs(database.db);
    expect(sweeps).toHaveLength(periods.length + asked.length);
    expect(sweeps.filter((j) => j.state !== "completed" || j.retries !== 0)).toEqual([]);
    // Both replicas took part: each received webhooks and each called GitHub.
    expect(new Set(balancer.relayed.map((r) => r.upstream))).toEqual(new Set([a.url, b.url]));
    expect(a.door.relayed.length).toBeGreaterThan(0);
    expect(b.door.relayed.length).toBeGreaterThan(0);
    await expectNothingLeft();
  });

  it("a replica killed mid-job: the other takes the job up and finishes it, with one write", { timeout: 240_000 }, async () => {
    const [a, b] = [await replica("replica A", "all"), await replica("replica B", "all")];
    await Promise.all([a.ready, b.ready]);
    const balancer = await balance([a, b]);
    setUpShop(standin, { senseAfterDays: 14, config: NO_DASHBOARD });
    const hypothesis = standin.openIssue({ repo: "acme/shop", actor: "pam", title: "Hypothesis: one-click reorder", labels: ["hypothesis"] });
    await settle();

    // Whichever replica takes the PR's check is stopped in the middle of it: reading the PR.
    const { head } = standin.push({ repo: "acme/shop", actor: "alice", branch: "one-click", commits: [{ message: "One-click reorder", files: { "one-click.js": "oneClick()\n" } }] });
    const holds = [a, b].map((r) => r.door.holdNext((method, path) => method === "GET" && /\/pulls\/\d+$/.test(path)));
    const pr = standin.openPullRequest({ repo: "acme/shop", actor: "alice", head: "one-click", title: "One-click reorder", body: `Hypothesis: #${hypothesis.number}` });
    const holder = await Promise.race(holds.map((h, i) => h.caught.then(() => i)));
    for (const h of holds) h.cancel();
    const [killed, survivor] = holder === 0 ? [a, b] : [b, a];
    expect(await checkJobs()).toEqual([{ state: "active", retries: 0 }]);
    await killed.kill();
    const killedAt = Date.now();
    // The load balancer stops sending it webhooks, as its health check would.
    balancer.route([survivor.url]);

    await until("the check run", async () => writesMade(standin).includes(`check run on ${head}`), processes, 180_000);
    const doneAfterS = (Date.now() - killedAt) / 1000;
    await settle();

    expect(writesMade(standin)).toEqual([`check run on ${head}`]);
    expect(killed.door.relayed.filter((r) => r.method !== "GET" && !r.path.endsWith("/access_tokens"))).toEqual([]);
    expect(survivor.door.relayed.filter((r) => r.method === "POST" && r.path.endsWith("/check-runs"))).toHaveLength(1);
    // The same job, taken up again after its process stopped beating, within what docs/faults.md promises.
    expect(await checkJobs()).toEqual([{ state: "completed", retries: 1 }]);
    expect(doneAfterS).toBeLessThanOrEqual(PICKED_UP_WITHIN_S + 10);
    const checked = await rows<{ conclusion: string }>(database.db, sql`select conclusion from check_runs where pr_number = ${pr.number}`);
    expect(checked).toEqual([{ conclusion: "success" }]);
    await expectEachDeliveryHandledOnce();
    await expectNothingLeft();
  });
});
