import { describe, expect, it } from "vitest";
import { finishSourceCall, startSourceCall } from "../../src/db/queries/source-calls.js";
import { retryDelaySeconds } from "../../src/services/read-slot.js";
import { useHarness } from "../helpers/harness.js";

const h = useHarness();

const T0 = new Date("2026-03-03T09:00:00.000Z");
const after = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const start = (now: Date, limits: { concurrency: number; perHour: number | null }, source = "prod") => startSourceCall(h.rt.db, { source, limits, senseItemId: 1, now, leaseMs: 30_000 });

describe("the per-source gate", () => {
  it("lets as many calls run at once as the source's concurrency, then says when the first lease ends", async () => {
    const limits = { concurrency: 2, perHour: null };

    const first = await start(T0, limits);
    const second = await start(after(1), limits);
    const third = await start(after(2), limits);

    expect([first.ok, second.ok]).toEqual([true, true]);
    expect(third).toEqual({ ok: false, why: "concurrency", until: after(30) });
  });

  it("frees a place as soon as a call finishes", async () => {
    const limits = { concurrency: 1, perHour: null };
    const first = await start(T0, limits);
    if (!first.ok) throw new Error("the first call was refused");

    await finishSourceCall(h.rt.db, first.callId, after(1));

    expect((await start(after(1), limits)).ok).toBe(true);
  });

  it("stops counting a call whose process died once its lease ends", async () => {
    const limits = { concurrency: 1, perHour: null };
    await start(T0, limits);

    expect((await start(after(29), limits)).ok).toBe(false);
    expect((await start(after(31), limits)).ok).toBe(true);
  });

  it("allows perHour calls in any rolling hour, and names the moment the oldest leaves it", async () => {
    const limits = { concurrency: 5, perHour: 2 };
    for (const [at, id] of [[0, "a"], [600, "b"]] as const) {
      const call = await start(after(at), limits);
      if (!call.ok) throw new Error(`call ${id} was refused`);
      await finishSourceCall(h.rt.db, call.callId, after(at + 1));
    }

    expect(await start(after(1200), limits)).toEqual({ ok: false, why: "per_hour", until: after(3600) });
    expect((await start(after(3600), limits)).ok).toBe(true);
  });

  it("keeps each source's limits apart", async () => {
    const limits = { concurrency: 1, perHour: 1 };
    await start(T0, limits, "prod");

    expect((await start(T0, limits, "product")).ok).toBe(true);
  });
});

describe("retryDelaySeconds", () => {
  it.each<[number, number | undefined, number]>([
    [1, undefined, 30],
    [2, undefined, 120],
    [1, 90, 90],
    [2, 10, 120],
    [1, 86_400, 3_600],
  ])("after %d calls with Retry-After %s waits %d s", (calls, retryAfter, seconds) => {
    expect(retryDelaySeconds(calls, retryAfter)).toBe(seconds);
  });
});
