import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { rows } from "../src/db/client.js";
import { acceptDeliveries, type IncomingDelivery } from "../src/intake/accept-delivery.js";
import { createIntake } from "../src/intake/intake-queue.js";
import { useHarness } from "./helpers/harness.js";
import { pullRequestEvent } from "./helpers/payloads.js";
import { deliveryRow, jobsIn } from "./helpers/state.js";

const h = useHarness();

const delivery = (id: string, raw = true): IncomingDelivery => {
  const payload = pullRequestEvent("opened");
  return { id, name: "pull_request", payload, ...(raw ? { raw: JSON.stringify(payload) } : {}) };
};

describe("intake's group commit", () => {
  it("writes deliveries that arrive while a batch is written together in the next batch, each answered once it is committed", async () => {
    const batches: number[] = [];
    const intake = createIntake(h.rt, {
      accept: async (rt, incoming) => {
        batches.push(incoming.length);
        return acceptDeliveries(rt, incoming);
      },
    });

    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => intake.accept(delivery(`d-${i}`))));

    expect(results).toEqual(Array(9).fill("queued"));
    // The first is written alone at once; the eight that came meanwhile go in one transaction.
    expect(batches).toEqual([1, 8]);
    expect(await jobsIn(h, "delivery")).toBe(9);
  });

  it("writes as many transactions at once as it is allowed, batching what arrives while they are all busy", async () => {
    const batches: number[] = [];
    let open = 0;
    let most = 0;
    const intake = createIntake(h.rt, {
      inFlight: 2,
      accept: async (rt, incoming) => {
        batches.push(incoming.length);
        most = Math.max(most, ++open);
        try {
          return await acceptDeliveries(rt, incoming);
        } finally {
          open--;
        }
      },
    });

    const results = await Promise.all(Array.from({ length: 9 }, (_, i) => intake.accept(delivery(`p-${i}`))));

    expect(results).toEqual(Array(9).fill("queued"));
    // Two are written at once, each alone; the seven that came meanwhile go together once one is done.
    expect(batches).toEqual([1, 1, 7]);
    expect(most).toBe(2);
    expect(await jobsIn(h, "delivery")).toBe(9);
  });

  it("answers every delivery of a failed batch with its error, and goes on with the next batch", async () => {
    let calls = 0;
    const intake = createIntake(h.rt, {
      accept: async (rt, incoming) => {
        if (++calls === 1) throw new Error("database gone");
        return acceptDeliveries(rt, incoming);
      },
    });

    const results = await Promise.allSettled([intake.accept(delivery("f-1")), intake.accept(delivery("f-2")), intake.accept(delivery("f-3"))]);

    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(await jobsIn(h, "delivery")).toBe(2);
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
