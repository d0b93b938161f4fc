import { sql } from "drizzle-orm";
import { bigint, bigserial, doublePrecision, index, integer, pgEnum, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { READING_SLOT_KINDS } from "../../domain/reading-slots.js";
import { ts } from "./installations.js";

export const readingSlotKind = pgEnum("reading_slot_kind", READING_SLOT_KINDS);

/** pending: being read or waiting for a retry; read: a number; failed: no number, with the reason. */
export const readingStatus = pgEnum("reading_status", ["pending", "read", "failed"]);

/**
 * One row per reading slot of a sense item: the baseline, each periodic slot, each due date.
 * The slot key is unique per item, so a slot is read once however many sweeps, replicas or
 * redelivered ships ask for it. A pending row is leased by the job reading it.
 */
export const senseReadings = pgTable(
  "sense_readings",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    senseItemId: bigint("sense_item_id", { mode: "number" }).notNull(),
    slotKind: readingSlotKind("slot_kind").notNull(),
    /** `baseline`, `periodic:<time>` or `due:<due date>` (domain/reading-slots.ts). */
    slotKey: text("slot_key").notNull(),
    /** The moment the slot asks the source about. */
    slotAt: ts("slot_at").notNull(),
    status: readingStatus("status").notNull(),
    /** The source and query as they were read, for the record. */
    source: text("source"),
    query: text("query"),
    value: doublePrecision("value"),
    unit: text("unit"),
    /** The moment the number describes, as the source said. */
    at: ts("at"),
    /** Why there is no number (a source's failure kind, or `query` / `error`), and the reason in words. */
    failure: text("failure"),
    reason: text("reason"),
    /** Calls made to the source for this slot. */
    attempts: integer("attempts").notNull().default(0),
    leaseUntil: ts("lease_until"),
    createdAt: ts("created_at").notNull(),
    updatedAt: ts("updated_at").notNull(),
  },
  (t) => [uniqueIndex("sense_readings_slot_idx").on(t.senseItemId, t.slotKey), index("sense_readings_item_at_idx").on(t.senseItemId, t.slotAt)],
);

/**
 * Every call made to a signal source: the rolling-hour count and the reads in flight that
 * enforce each source's limits across replicas (`db/queries/source-calls.ts`).
 */
export const signalSourceCalls = pgTable(
  "signal_source_calls",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    source: text("source").notNull(),
    senseItemId: bigint("sense_item_id", { mode: "number" }),
    startedAt: ts("started_at").notNull(),
    /** A call still unfinished after this is taken for dead (its process died) and stops counting as in flight. */
    leaseUntil: ts("lease_until").notNull(),
    finishedAt: ts("finished_at"),
  },
  (t) => [index("signal_source_calls_source_idx").on(t.source, t.startedAt), index("signal_source_calls_in_flight_idx").on(t.source, t.leaseUntil).where(sql`${t.finishedAt} is null`)],
);
