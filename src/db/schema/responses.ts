import { bigint, bigserial, doublePrecision, index, integer, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/** A team's recorded decision on a sense item: persevere, pivot or kill, with what it learned. */
export const responses = pgTable(
  "responses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    senseItemId: bigint("sense_item_id", { mode: "number" }).notNull(),
    /** The sense item's repository, kept here too so the learning log and the figures read one repository's responses, not all. */
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    /** persevere | pivot | kill */
    decision: text("decision").notNull(),
    learning: text("learning").notNull(),
    actorLogin: text("actor_login").notNull(),
    commentId: bigint("comment_id", { mode: "number" }).notNull(),
    commentUrl: text("comment_url").notNull(),
    respondedAt: ts("responded_at").notNull(),
    /** The latest reading when the team decided, so the learning log says what the numbers were. */
    signalValue: doublePrecision("signal_value"),
    signalUnit: text("signal_unit"),
    signalAt: ts("signal_at"),
    signalSource: text("signal_source"),
  },
  (t) => [
    uniqueIndex("responses_sense_item_idx").on(t.senseItemId),
    uniqueIndex("responses_comment_idx").on(t.commentId),
    // The learning log reads responses newest first and stops at a page. NULLS FIRST is what
    // `order by … desc` means: an index sorted otherwise is not used for it, NOT NULL or not.
    index("responses_responded_at_idx").on(t.respondedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    // The same, for the repositories a person may see.
    index("responses_repository_idx").on(t.repositoryId, t.respondedAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
  ],
);

/** `/extend <days> <reason>`: each moves a sense item's due date. */
export const extensions = pgTable(
  "extensions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    senseItemId: bigint("sense_item_id", { mode: "number" }).notNull(),
    days: integer("days").notNull(),
    reason: text("reason").notNull(),
    actorLogin: text("actor_login").notNull(),
    commentId: bigint("comment_id", { mode: "number" }).notNull(),
    previousDueAt: ts("previous_due_at").notNull(),
    newDueAt: ts("new_due_at").notNull(),
    createdAt: ts("created_at").notNull(),
  },
  (t) => [uniqueIndex("extensions_comment_idx").on(t.commentId), index("extensions_sense_item_idx").on(t.senseItemId)],
);
