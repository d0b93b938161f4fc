import { bigint, bigserial, integer, jsonb, pgTable, text, uniqueIndex } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/** The database mirror of hypothesis issues, kept up to date from `issues` events. */
export const hypotheses = pgTable(
  "hypotheses",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    repositoryId: bigint("repository_id", { mode: "number" }).notNull(),
    number: integer("number").notNull(),
    title: text("title").notNull(),
    htmlUrl: text("html_url").notNull(),
    /** open | closed */
    state: text("state").notNull(),
    /** The labels, lower-cased; which one makes it a hypothesis is the config's choice. */
    labels: jsonb("labels").$type<string[]>().notNull().default([]),
    authorLogin: text("author_login"),
    assignees: jsonb("assignees").$type<string[]>().notNull().default([]),
    belief: text("belief"),
    who: text("who"),
    doesWhat: text("does_what"),
    byHowMuch: text("by_how_much"),
    signal: text("signal"),
    /** The form's Signal query as written (`<source>: <query>`); checked against the sources when used. */
    signalQuery: text("signal_query"),
    senseAfterDays: integer("sense_after_days").notNull().default(14),
    /** Set when the issue was deleted or transferred away: it is no longer a hypothesis here. */
    goneAt: ts("gone_at"),
    /** GitHub's updated_at of the version we hold, so an older payload never overwrites a newer one. */
    githubUpdatedAt: ts("github_updated_at").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("hypotheses_repo_number_idx").on(t.repositoryId, t.number)],
);
