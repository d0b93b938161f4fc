import { and, asc, count, eq, gt, isNull, lt, min, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import { signalSourceCalls } from "../schema/index.js";

const HOUR_MS = 3_600_000;

/** A source's limits as the gate enforces them (`SignalSource.limits`). */
export interface CallLimits {
  concurrency: number;
  perHour: number | null;
}

export type CallPermit = { ok: true; callId: number } | { ok: false; why: "concurrency" | "per_hour"; until: Date };

/**
 * Asks to call a source now. Under a per-source transaction lock (so replicas take turns), it
 * counts the calls in flight and the calls of the last rolling hour; within both limits it
 * records the call and says go, otherwise it says when to come back: when the oldest call in
 * flight ends its lease, or when the oldest call of the hour leaves the window. A call whose
 * process died stops counting once its lease ends.
 */
export async function startSourceCall(db: Db, input: { source: string; limits: CallLimits; senseItemId: number | null; now: Date; leaseMs: number }): Promise<CallPermit> {
  const { source, limits, now } = input;
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`senseloop:source:${source}`}, 0))`);
    const inFlight = await tx
      .select({ n: count(), soonest: min(signalSourceCalls.leaseUntil) })
      .from(signalSourceCalls)
      .where(and(eq(signalSourceCalls.source, source), isNull(signalSourceCalls.finishedAt), gt(signalSourceCalls.leaseUntil, now)));
    if ((inFlight[0]?.n ?? 0) >= limits.concurrency) return { ok: false, why: "concurrency", until: inFlight[0]!.soonest! };
    if (limits.perHour !== null) {
      const since = new Date(now.getTime() - HOUR_MS);
      const window = await tx
        .select({ startedAt: signalSourceCalls.startedAt })
        .from(signalSourceCalls)
        .where(and(eq(signalSourceCalls.source, source), gt(signalSourceCalls.startedAt, since)))
        .orderBy(asc(signalSourceCalls.startedAt))
        .limit(limits.perHour);
      // The call that must leave the window before there is room again is the oldest of the last `perHour`.
      if (window.length >= limits.perHour) return { ok: false, why: "per_hour", until: new Date(window[0]!.startedAt.getTime() + HOUR_MS) };
    }
    const [call] = await tx
      .insert(signalSourceCalls)
      .values({ source, senseItemId: input.senseItemId, startedAt: now, leaseUntil: new Date(now.getTime() + input.leaseMs) })
      .returning({ id: signalSourceCalls.id });
    return { ok: true, callId: call!.id };
  });
}

export async function finishSourceCall(db: Db, callId: number, at: Date): Promise<void> {
  await db.update(signalSourceCalls).set({ finishedAt: at }).where(eq(signalSourceCalls.id, callId));
}

/** Calls older than the rolling hour no longer count; a day of them is kept to look back on. */
export async function pruneSourceCalls(db: Db, before: Date): Promise<number> {
  return (await db.delete(signalSourceCalls).where(lt(signalSourceCalls.startedAt, before)).returning({ id: signalSourceCalls.id })).length;
}
