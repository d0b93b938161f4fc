import { describe, expect, it } from "vitest";
import { readingSeries } from "../src/db/queries/readings.js";
import { senseItems } from "../src/db/schema/index.js";
import { scheduleReadings } from "../src/services/reading-schedule.js";
import { useHarness } from "./helpers/harness.js";
import { SHOP } from "./helpers/ids.js";
import { issuesEvent } from "./helpers/payloads.js";
import { seedSenseItem } from "./helpers/seed.js";
import { nockConfigAlways, nockReading, nockSenseIssueEdits, prometheusSource, readingRows, readingsOf, shipHypothesis, SHIPPED_AT, signalHypothesisBody, SIGNALS_CONFIG } from "./helpers/signal-flow.js";
import { runSweep } from "./helpers/sweep-github.js";

const h = useHarness();

describe("when readings are scheduled", () => {
  it("starts reading a loop whose hypothesis gains a Signal query after it shipped, baseline at the ship's time included", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);
    const { issue } = await shipHypothesis(h, "### By how much\n\nReorder rate >= 0.18\n\n### Sense after (days)\n\n3");

    expect(readingsOf(issue.body.body)).toBe("");
    expect((await h.rt.db.select().from(senseItems))[0]!.nextReadingAt).toBeNull();

    const edits = nockSenseIssueEdits(2);
    await h.time.set("2026-03-04T12:00:00.000Z");
    await h.receive("issues", issuesEvent("edited", { number: 12, assignees: ["pam"], body: signalHypothesisBody(), updatedAt: "2026-03-04T12:00:00Z" }));
    await h.drain();

    expect(readingsOf(edits.calls[0].body).split("\n").at(-1)).toBe("**No reading:** no reading yet.");

    const baseline = nockReading(SHIPPED_AT, "0.17");
    const daily = nockReading("2026-03-04T09:00:00.000Z", "0.19");
    await runSweep(h);

    expect([baseline.calls, daily.calls]).toEqual([1, 1]);
    expect(readingsOf(edits.calls[1].body)).toContain("| 0.17 (2026-03-03) | 0.19 (2026-03-04) | ≥ 0.18 | +11.76% (+0.02) |");
  });

  it("looks at no more loops per run than its budget; the rest keep their place for the next run", async () => {
    h.useSignals(prometheusSource());
    for (const n of [12, 13, 14]) {
      await seedSenseItem(h, { hypothesisNumber: n, issueNumber: 100 + n, shippedAt: "2026-03-01T09:00:00.000Z", signalQuery: "prod: up", nextReadingAt: `2026-03-01T0${n - 11}:00:00.000Z` });
    }
    await h.time.set("2026-03-02T09:30:00.000Z");
    const scope = { db: h.rt.db, clock: h.time, log: h.rt.log };

    const first = await scheduleReadings(scope, 2);
    const second = await scheduleReadings(scope, 2);
    const third = await scheduleReadings(scope, 2);

    const items = (work: typeof first) => [...new Set(work.map((w) => (w.kind === "read-slot" ? w.senseItemId : 0)))];
    expect(items(first)).toEqual([1, 2]);
    expect(items(second)).toEqual([3]);
    expect(third).toEqual([]);
    expect(first.filter((w) => w.kind === "read-slot" && w.senseItemId === 1).map((w) => (w.kind === "read-slot" ? `${w.slot.kind}:${w.slot.at}` : ""))).toEqual(["baseline:2026-03-01T09:00:00.000Z", "periodic:2026-03-02T09:00:00.000Z"]);
  });
});

describe("readingSeries", () => {
  it("gives the numbers read for the loops of the repositories asked about, oldest first, and nothing of others", async () => {
    h.useSignals(prometheusSource());
    nockConfigAlways(SIGNALS_CONFIG);
    nockReading(SHIPPED_AT, "0.17");
    await shipHypothesis(h, signalHypothesisBody());
    nockSenseIssueEdits(1);
    nockReading("2026-03-04T09:00:00.000Z", "0.19");
    await h.time.set("2026-03-04T09:05:00.000Z");
    await runSweep(h);

    expect(await readingSeries(h.rt.db, { repositoryIds: [SHOP.id] })).toEqual([
      { senseItemId: 1, slotKind: "baseline", at: new Date(SHIPPED_AT), value: 0.17, unit: null },
      { senseItemId: 1, slotKind: "periodic", at: new Date("2026-03-04T09:00:00.000Z"), value: 0.19, unit: null },
    ]);
    expect(await readingSeries(h.rt.db, { repositoryIds: [9009] })).toEqual([]);
    expect(await readingSeries(h.rt.db, { repositoryIds: [SHOP.id], senseItemIds: [2] })).toEqual([]);
    expect((await readingRows(h)).length).toBe(2);
  });
});
