import { jsonb, pgTable, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/** Jobs that can never succeed (GitHub answered 404, 410 or 422, or retries ran out), kept with their reason. */
export const deadJobs = pgTable("dead_jobs", {
  jobId: text("job_id").primaryKey(),
  queue: text("queue").notNull(),
  data: jsonb("data"),
  reason: text("reason").notNull(),
  failedAt: ts("failed_at").notNull(),
});
