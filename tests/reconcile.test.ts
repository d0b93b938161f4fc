import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reconcileRuns, redeliveryRequests } from "../src/db/schema/index.js";
import { QUEUES, type ReconcileJob } from "../src/jobs/queues.js";
import { DeliveriesStandin, type LoggedAttempt } from "./helpers/deliveries-standin.js";
import { useHarness } from "./helpers/harness.js";
import { repo } from "./helpers/ids.js";
import { installationRepositoriesEvent } from "./helpers/payloads.js";
import { deliveryRow, repositoryRows } from "./helpers/state.js";

const h = useHarness();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const ago = (ms: number) => new Date(h.time.now().getTime() - ms);
/** An event that needs no GitHub call to handle: a repository added to the installation. */
const added = (id: number) => ({ event: "installation_repositories", action: "added", payload: installationRepositoriesEvent("added", { added: [repo("acme", `repo-${id}`, id)] }) });

/** GitHub's log as the receiving side would have it: what arrived was recorded under its guid. */
async function arrived(standin: DeliveriesStandin, o: { at: Date; statusCode?: number; id: number }): Promise<LoggedAttempt> {
  const attempt = standin.log({ at: o.at, statusCode: o.statusCode ?? 202, ...added(o.id) });
  await h.receive(attempt.event, attempt.payload, attempt.guid);
  return attempt;
}

/** Redeliveries reach the test's Probot, which answers 202. */
const listening = (standin: DeliveriesStandin) =>
  standin.receiveWith(async (attempt) => {
    await h.receive(attempt.event, attempt.payload, attempt.guid);
    return 202;
  });

async function reconcile(job: Partial<ReconcileJob> = {}) {
  await h.rt.boss.send(QUEUES.reconcile.name, { trigger: "cron", ...job });
  return h.drain();
}

const runs = () => h.rt.db.select().from(reconcileRuns).orderBy(asc(reconcileRuns.id));

describe("reconciling missed deliveries", () => {
  it("asks GitHub to redeliver, oldest first, what Senseloop has no record of, and handles each redelivery once", async () => {
    const standin = new DeliveriesStandin(h.time);
    await arrived(standin, { at: ago(5 * HOUR), id: 2001 });
    const missedWhileDown = standin.log({ at: ago(4 * HOUR), statusCode: 0, ...added(2002) });
    const failedWith502 = standin.log({ at: ago(3 * HOUR), statusCode: 502, ...added(2003) });
    listening(standin);

    const counts = await reconcile();

    expect(counts).toMatchObject({ dead: 0, retry: 0 });
    expect(standin.redeliveryAsks).toEqual([missedWhileDown.id, failedWith502.id]);
    expect(await deliveryRow(h, missedWhileDown.guid)).toMatchObject({ status: "done", duplicates: 0 });
    expect(await deliveryRow(h, failedWith502.guid)).toMatchObject({ status: "done", duplicates: 0 });
    expect((await repositoryRows(h)).map((r) => r.id)).toEqual([2001, 2002, 2003]);
    expect(await runs()).toMatchObject([{ trigger: "cron", listed: 3, missing: 2, redelivered: 2, skipped: 0, error: null }]);
  });

  it("does not ask for a delivery that arrived, even when GitHub logged it as failed, nor for one still being worked on", async () => {
    const standin = new DeliveriesStandin(h.time);
    // Recorded and queued, then answered 503 (the database was slow to confirm): it did arrive.
    await arrived(standin, { at: ago(2 * HOUR), statusCode: 503, id: 2001 });
    await arrived(standin, { at: ago(HOUR), id: 2002 });

    await reconcile();

    expect(standin.redeliveryAsks).toEqual([]);
    expect(await runs()).toMatchObject([{ listed: 2, missing: 0, redelivered: 0, skipped: 0 }]);
  });

  it("handles a redelivery of something that did arrive once: its delivery id is known", async () => {
    const standin = new DeliveriesStandin(h.time);
    const first = await arrived(standin, { at: ago(HOUR), id: 2001 });
    await h.drain();

    await h.receive(first.event, first.payload, first.guid);
    await h.drain();

    expect(await deliveryRow(h, first.guid)).toMatchObject({ status: "done", duplicates: 1 });
    expect(await repositoryRows(h)).toHaveLength(1);
  });

  it("asks once per delivery however many runs there are, and again only after an hour when the redelivery failed too", async () => {
    const standin = new DeliveriesStandin(h.time);
    const missed = standin.log({ at: ago(HOUR), statusCode: 0, ...added(2001) });

    await reconcile({ trigger: "api" });
    await reconcile({ trigger: "start-up" });
    const askedWithinTheHour = [...standin.redeliveryAsks];
    await h.time.advanceSeconds(61 * 60);
    await reconcile();

    // Nobody is listening: every redelivery fails, and the log shows each of them.
    expect(askedWithinTheHour).toEqual([missed.id]);
    expect(standin.redeliveryAsks).toHaveLength(2);
    expect(standin.redeliveryAsks[1]).toBeGreaterThan(missed.id);
    expect((await runs()).map((r) => [r.trigger, r.missing, r.redelivered, r.skipped])).toEqual([
      ["api", 1, 1, 0],
      ["start-up", 1, 0, 1],
      ["cron", 1, 1, 0],
    ]);
    expect(await h.rt.db.select({ attempts: redeliveryRequests.attempts, outcome: redeliveryRequests.outcome }).from(redeliveryRequests)).toEqual([{ attempts: 2, outcome: "accepted" }]);
  });

  it("reads every page of the log through its cursor and asks within the budget, leaving the rest, oldest first, to the next run", async () => {
    const standin = new DeliveriesStandin(h.time);
    const missed = Array.from({ length: 230 }, (_, i) => standin.log({ at: ago((300 - i) * MINUTE), statusCode: 0, ...added(3000 + i) }));

    await reconcile({ budget: 100 });

    expect(standin.pagesRead).toEqual(["", `v1_${missed[130]!.id}`, `v1_${missed[30]!.id}`]);
    expect(standin.redeliveryAsks).toEqual(missed.slice(0, 100).map((m) => m.id));
    const [first] = await runs();
    expect(first).toMatchObject({ listed: 230, missing: 230, redelivered: 100, skipped: 130 });
    expect(first!.reconciledThrough!.getTime()).toBe(missed[100]!.deliveredAt.getTime() - 1000);

    await reconcile({ budget: 100 });

    expect(standin.redeliveryAsks.slice(100)).toEqual(missed.slice(100, 200).map((m) => m.id));
  });

  it("reads back three days at most, and after a run only back to where it left off", async () => {
    const standin = new DeliveriesStandin(h.time);
    listening(standin);
    standin.log({ at: ago(3 * 24 * HOUR + MINUTE), statusCode: 0, ...added(2001) });
    const withinTheWindow = standin.log({ at: ago(3 * 24 * HOUR - MINUTE), statusCode: 0, ...added(2002) });

    await reconcile();
    const firstRunAt = h.time.now();
    await h.time.advanceDays(1);
    // Answered 202 without a record: the server took it (a proxy would have been told apart).
    standin.log({ at: ago(HOUR), statusCode: 202, ...added(2003) });
    await reconcile();

    expect(standin.redeliveryAsks).toEqual([withinTheWindow.id]);
    const [first, second] = await runs();
    expect(first!.since.toISOString()).toBe(new Date(firstRunAt.getTime() - 3 * 24 * HOUR).toISOString());
    expect(second!.since.toISOString()).toBe(new Date(firstRunAt.getTime() - 5 * MINUTE).toISOString());
    // The second run stopped at the first page: it reaches past where the first run left off.
    expect(standin.pagesRead).toEqual(["", ""]);
    // Listed: the 202 and the redelivery of the first run, both in the window and neither missing.
    expect(second).toMatchObject({ listed: 2, missing: 0, redelivered: 0, skipped: 0 });
  });

  it.each([
    ["trusts a 2xx without a record when GitHub delivers to Senseloop itself", false, 0],
    ["counts a 2xx without a record as missing when GitHub delivers to a webhook proxy", true, 1],
  ])("%s", async (_name, viaProxy, asks) => {
    const standin = new DeliveriesStandin(h.time);
    standin.log({ at: ago(HOUR), statusCode: 200, ...added(2001) });

    await reconcile({ viaProxy });

    expect(standin.redeliveryAsks).toHaveLength(asks);
  });

  it("records a redelivery GitHub refuses (422: too old) and goes on with the others", async () => {
    const standin = new DeliveriesStandin(h.time);
    standin.log({ at: ago(2 * HOUR), statusCode: 0, ...added(2001) });
    standin.log({ at: ago(HOUR), statusCode: 0, ...added(2002) });
    standin.refuseRedeliveries = 422;

    const counts = await reconcile();

    expect(counts).toMatchObject({ dead: 0, retry: 0 });
    expect(standin.redeliveryAsks).toHaveLength(2);
    expect(await runs()).toMatchObject([{ missing: 2, redelivered: 0, skipped: 2, error: null }]);
    expect((await h.rt.db.select({ outcome: redeliveryRequests.outcome }).from(redeliveryRequests)).map((r) => r.outcome)).toEqual(["refused: 422", "refused: 422"]);
  });
});
