import { bigint, bigserial, integer, pgTable, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/**
 * Every reconcile run: the window of GitHub's delivery log it read and what it found. The
 * latest finished run's `reconciledThrough` is where the next run starts reading back to.
 */
export const reconcileRuns = pgTable("reconcile_runs", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  /** cron | api | cli | start-up */
  trigger: text("trigger").notNull(),
  startedAt: ts("started_at").notNull(),
  finishedAt: ts("finished_at"),
  /** The oldest delivery time the run looked at. */
  since: ts("since").notNull(),
  /** Every delivery GitHub made before this was dealt with; null until the run finishes, or when it failed. */
  reconciledThrough: ts("reconciled_through"),
  /** Delivery attempts listed in the window. */
  listed: integer("listed").notNull().default(0),
  /** Deliveries Senseloop has no record of and GitHub did not deliver. */
  missing: integer("missing").notNull().default(0),
  /** Missing deliveries GitHub accepted to redeliver. */
  redelivered: integer("redelivered").notNull().default(0),
  /** Missing deliveries not redelivered in this run: over the budget, asked already, or refused. */
  skipped: integer("skipped").notNull().default(0),
  /** Why the run failed, when it did. */
  error: text("error"),
});

/**
 * One row per delivery guid Senseloop asked GitHub to redeliver: claimed before the request, so
 * two runs or replicas never ask for the same delivery twice; asked again only after a while.
 */
export const redeliveryRequests = pgTable("redelivery_requests", {
  guid: text("guid").primaryKey(),
  /** GitHub's id of the delivery attempt that was redelivered. */
  deliveryId: bigint("delivery_id", { mode: "number" }).notNull(),
  event: text("event").notNull(),
  action: text("action"),
  installationId: bigint("installation_id", { mode: "number" }),
  attempts: integer("attempts").notNull().default(1),
  requestedAt: ts("requested_at").notNull(),
  /** accepted, or why GitHub refused. */
  outcome: text("outcome"),
});

/** Processes that receive webhooks stamp this while they run, so a start-up can tell how long nobody listened. */
export const heartbeats = pgTable("heartbeats", {
  name: text("name").primaryKey(),
  seenAt: ts("seen_at").notNull(),
});
