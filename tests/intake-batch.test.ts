import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "../src/db/client.js";
import { acceptDeliveries, type IncomingDelivery } from "../src/intake/accept-delivery.js";
import { createIntake } from "../src/intake/intake-queue.js";
import { useHarness } from "./helpers/harness.js";
import { pullRequestEvent } from "./helpers/payloads.js";
import { deliveryRow, jobsIn } from "./helpers/state.js";

const h = useHarness();

/**
 * How many deliveries each transaction stored, smallest first: rows one transaction wrote share
 * its xmin. (Transactions written at once take their ids in no set order, so sizes are sorted.)
 */
async function transactionSizes(): Promise<number[]> {
  const sizes = await rows<{ size: number }>(h.rt.db, sql`select count(*)::int as size from deliveries group by xmin::text order by size`);
  return sizes.map((row) => row.size);
}

const delivery = (id: string, raw = true): IncomingDelivery => {
  const payload = pullRequestEvent("opened");
  return { id, name: "pull_request", payload, ...(raw ? { raw: JSON.stringify(payload) } : {}) };
};

describe("intake's group commit", () => {
  it("writes deliveries that arrive while a batch is written together in the next batch, each answered once it is committed", async () => {
    const intake = createIntake(h.rt);

    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => intake.accept(delivery(`d-${i}`))));

    expect(results).toEqual(Array(9).fill("queued"));
    // The first is written alone at once; the eight that came meanwhile go in one transaction.
    expect(await transactionSizes()).toEqual([1, 8]);
    expect(await jobsIn(h, "delivery")).toBe(9);
  });

  it("writes as many transactions at once as it is allowed, batching what arrives while they are all busy", async () => {
    const intake = createIntake(h.rt, { inFlight: 2 });

    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => intake.accept(delivery(`p-${i}`))));

    expect(results).toEqual(Array(9).fill("queued"));
    // Two are written at once, each alone; the seven that came meanwhile go together once one is done.
    expect(await transactionSizes()).toEqual([1, 1, 7]);
    expect(await jobsIn(h, "delivery")).toBe(9);
  });

  it("answers every delivery of a batch the database refuses with its error, and goes on with the next batch", async () => {
    const intake = createIntake(h.rt, { maxBatch: 2 });
    // A body that is not the JSON it claims to be: the database refuses it, and its whole transaction with it.
    const refused = { ...delivery("f-1"), raw: "{" };

    const results = await Promise.allSettled([intake.accept(delivery("f-0")), intake.accept(refused), intake.accept(delivery("f-2")), intake.accept(delivery("f-3")), intake.accept(delivery("f-4"))]);

    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled", "fulfilled"]);
    expect(await transactionSizes()).toEqual([1, 2]);
    expect(await jobsIn(h, "delivery")).toBe(3);
  });

  it("stores one delivery and one job for an id repeated inside a batch and counts each repeat", async () => {
    const results = await acceptDeliveries(h.rt, [delivery("d-same"), delivery("d-same"), delivery("d-other"), delivery("d-same")]);

    expect(results).toEqual(["queued", "duplicate", "queued", "duplicate"]);
    expect(await jobsIn(h, "delivery")).toBe(2);
    expect(await deliveryRow(h, "d-same")).toMatchObject({ status: "queued", duplicates: 2 });
  });

  it("stores the raw body as the payload, and strips NULs from one that carries a \\u0000 escape", async () => {
    const payload = pullRequestEvent("opened", { title: "Null\u0000byte" });
    await acceptDeliveries(h.rt, [delivery("d-raw"), { id: "d-nul", name: "pull_request", payload, raw: JSON.stringify(payload) }]);

    expect((await deliveryRow(h, "d-raw"))!.payload).toEqual(pullRequestEvent("opened"));
    expect(((await deliveryRow(h, "d-nul"))!.payload as { pull_request: { title: string } }).pull_request.title).toBe("Nullbyte");
  });
});

describe("the stored payload", () => {
  it("is compressed with lz4 on PostgreSQL, and with the default on the embedded database, which has no lz4", async () => {
    const [row] = await rows<{ method: string }>(h.rt.db, sql`select attcompression::text as method from pg_attribute where attrelid = 'deliveries'::regclass and attname = 'payload'`);
    expect(row!.method).toBe(process.env.DATABASE_URL ? "l" : "");
  });
});
