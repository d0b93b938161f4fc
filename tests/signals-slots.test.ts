import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { senseItems } from "../src/db/schema/index.js";
import { QUEUES } from "../src/jobs/queues.js";
import { nockAddLabels } from "./helpers/github.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { nockHypothesis, nockRange, nockShippedPrs } from "./helpers/ship-flow.js";
import { nockCreateComment, nockCreateIssueTitled, nockDeployments, sha } from "./helpers/ship-github.js";
import { deploymentStatusEvent } from "./helpers/ship-payloads.js";
import {
  nockConfigAlways,
  nockReading,
  nockSenseIssueEdits,
  nockSlowReading,
  prometheusSource,
  readingRows,
  readingsOf,
  shipHypothesis,
  SHIPPED_AT,
  signalHypothesisBody,
  SIGNALS_CONFIG,
  sourceCallRows,
} from "./helpers/signal-flow.js";
import { pendingJobs } from "./helpers/state.js";
import { runSweep } from "./helpers/sweep-github.js";

const h = useHarness();

const DUE = "2026-03-06T09:00:00.000Z";

describe("a source that does not answer", () => {
  it("retries with backoff, then stores 'no reading' with the reason, and the reminder still goes out, carrying it", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);
    nockReading(SHIPPED_AT, "0.17");
    await shipHypothesis(h, signalHypothesisBody());
    nockSlowReading(DUE, 3);
    const edit = nockSenseIssueEdits(1);
    const reminder = nockCreateComment(SHOP, 100, 9001);
    nockAddLabels(SHOP, 100);

    await h.time.set("2026-03-06T09:05:00.000Z");
    await runSweep(h);

    // The reminder waits for the due-date reading it should carry.
    expect(reminder.calls).toHaveLength(0);
    expect((await readingRows(h)).at(-1)).toMatchObject({ slotKey: `due:${DUE}`, status: "pending", failure: "timeout", attempts: 1 });

    await h.time.advanceSeconds(31);
    await h.drain();
    await h.time.advanceSeconds(121);
    await h.drain();

    expect((await readingRows(h)).at(-1)).toMatchObject({ status: "failed", failure: "timeout", reason: "prod did not answer within 0.25 s", attempts: 3 });
    expect(readingsOf(edit.body.body).split("\n").at(-1)).toBe("**No reading:** the last reading failed: prod did not answer within 0.25 s.");
    expect(reminder.calls).toHaveLength(1);
    expect(reminder.body.body).toContain("was due for a response on 2026-03-06.\n\nSignal: **No reading:** the last reading failed: prod did not answer within 0.25 s.\n\nAnswer here with");
    expect((await h.rt.db.select().from(senseItems))[0]!.state).toBe("overdue");
  });
});

describe("each slot is read once", () => {
  it("reads the baseline once for a ship delivered again and a sweep right after it, and each daily slot once however many sweeps run", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);
    const baseline = nockReading(SHIPPED_AT, "0.17");
    await shipHypothesis(h, signalHypothesisBody());
    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), at: SHIPPED_AT }), "deploy-2-replayed");
    await h.drain();
    await runSweep(h);

    expect(baseline.calls).toBe(1);

    nockSenseIssueEdits(1);
    const daily = nockReading("2026-03-04T09:00:00.000Z", "0.19");
    await h.time.set("2026-03-04T09:05:00.000Z");
    await runSweep(h);
    await runSweep(h);
    // Another replica that picked the loop before the first stored its reading.
    await h.rt.db.update(senseItems).set({ nextReadingAt: new Date("2026-03-04T09:00:00.000Z") });
    await runSweep(h);

    expect(daily.calls).toBe(1);
    expect((await readingRows(h)).map((r) => r.slotKey)).toEqual(["baseline", "periodic:2026-03-04T09:00:00.000Z"]);
  });

  it("calls the source once when two reading jobs for the same slot run", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);
    nockReading(SHIPPED_AT, "0.17");
    await shipHypothesis(h, signalHypothesisBody());
    const daily = nockReading("2026-03-04T09:00:00.000Z", "0.19");
    nockSenseIssueEdits(1);
    await h.time.set("2026-03-04T09:05:00.000Z");

    const job = { senseItemId: 1, installationId: 42, slot: { kind: "periodic", at: "2026-03-04T09:00:00.000Z" } };
    await h.rt.boss.send(QUEUES.reading.name, job);
    await h.rt.boss.send(QUEUES.reading.name, job);
    await h.drain();

    expect(daily.calls).toBe(1);
  });
});

describe("a source's hourly limit", () => {
  it("parks a reading over the limit until the hour has room, instead of calling or failing", async () => {
    h.useSignals(prometheusSource({ perHour: 1 }));
    nockConfigAlways(SIGNALS_CONFIG);
    nockDeployments(SHOP, "production", []);
    await h.receive("deployment_status", deploymentStatusEvent({ id: 1, sha: sha(1), at: "2026-03-02T09:00:00Z" }));
    await h.drain();
    await h.time.set(SHIPPED_AT);
    nockRange(sha(1), sha(2), [{ sha: sha(2), message: "Add reorder button (#7)", prs: [7] }]);
    nockShippedPrs({ 7: "Hypothesis: #12, #13" });
    nockHypothesis({ body: signalHypothesisBody() });
    nockHypothesis({ body: signalHypothesisBody(), title: "Guests check out faster" }, SHOP, 13);
    nockCreateIssueTitled(SHOP, 100, "Sense: Returning customers reorder a past basket");
    nockCreateIssueTitled(SHOP, 101, "Sense: Guests check out faster");
    nockCreateComment(SHOP, 12);
    nockCreateComment(SHOP, 13);
    const first = nockReading(SHIPPED_AT, "0.17");

    await h.receive("deployment_status", deploymentStatusEvent({ id: 2, sha: sha(2), at: SHIPPED_AT }));
    const counts = await h.drain();

    expect(first.calls).toBe(1);
    expect(counts.dead).toBe(0);
    expect(await pendingJobs(h, QUEUES.reading.name)).toBe(1);
    const [parked] = await h.rt.db.execute(sql`select start_after from pgboss.job where name = 'reading' and state = 'created'`).then((r: any) => (Array.isArray(r) ? r : r.rows));
    expect(new Date(parked.start_after).toISOString()).toBe("2026-03-03T10:00:00.000Z");
    // One loop's baseline was read; the other's waits, with no call made for it.
    const rowsOf = await readingRows(h);
    expect(rowsOf.map((r) => [r.status, r.attempts]).sort()).toEqual([
      ["pending", 0],
      ["read", 1],
    ]);

    const second = nockReading(SHIPPED_AT, "0.4");
    // Which of the two loops got the hour's one call is up to the queue; the other's issue is edited now.
    const parkedIssue = (await h.rt.db.select().from(senseItems)).find((item) => item.id === (rowsOf.find((r) => r.status === "pending") ?? rowsOf[0])!.senseItemId)!.issueNumber!;
    const edit = nockSenseIssueEdits(1, parkedIssue);
    await h.time.set("2026-03-03T10:00:00.000Z");
    await h.drain();

    expect(second.calls).toBe(1);
    expect(readingsOf(edit.body.body)).toContain("| 0.4 (2026-03-03) |");
    expect((await sourceCallRows(h)).map((c) => c.startedAt.toISOString())).toEqual([SHIPPED_AT, "2026-03-03T10:00:00.000Z"]);
  });
});
