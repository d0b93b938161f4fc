import { bigint, boolean, index, integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const installations = pgTable("installations", {
  id: bigint("id", { mode: "number" }).primaryKey(),
  accountLogin: text("account_login").notNull(),
  accountType: text("account_type").notNull().default("Organization"),
  /** False once the app is uninstalled or GitHub answers that the installation is gone. */
  active: boolean("active").notNull().default(true),
  suspended: boolean("suspended").notNull().default(false),
  /** GitHub rate-limited this installation: no call of it goes out before this time. */
  rateLimitedUntil: ts("rate_limited_until"),
  /** primary | secondary: which limit, as GitHub said. */
  rateLimitKind: text("rate_limit_kind"),
  /** Secondary limits in a row without a retry-after: each doubles the wait, from a minute. */
  rateLimitStrikes: integer("rate_limit_strikes").notNull().default(0),
  createdAt: ts("created_at").notNull().defaultNow(),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

export const repositories = pgTable(
  "repositories",
  {
    id: bigint("id", { mode: "number" }).primaryKey(),
    installationId: bigint("installation_id", { mode: "number" }).notNull(),
    owner: text("owner").notNull(),
    name: text("name").notNull(),
    /** Lower-cased owner/name: GitHub treats repository names case-insensitively. */
    fullNameKey: text("full_name_key").notNull(),
    defaultBranch: text("default_branch"),
    private: boolean("private").notNull().default(false),
    /** "ok" | "invalid" | "unknown": while invalid the app takes no action here but the check. */
    configStatus: text("config_status").notNull().default("unknown"),
    configProblems: jsonb("config_problems").$type<{ path: string; message: string }[]>(),
    /** respond.graceDays and respond.escalateAfterDays as last read, so the sweep and the web dashboard decide what is due without reading config. */
    graceDays: integer("grace_days").notNull().default(0),
    escalateAfterDays: integer("escalate_after_days").notNull().default(7),
    /** hypotheses.label as last read, so the web dashboard tells hypotheses from issues that lost the label without reading config. */
    hypothesisLabel: text("hypothesis_label").notNull().default("hypothesis"),
    /** signals.every as last read, in hours, so the sweep schedules readings without reading config. */
    readingEveryHours: integer("reading_every_hours").notNull().default(24),
    removedAt: ts("removed_at"),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("repositories_full_name_key_idx").on(t.fullNameKey), index("repositories_installation_idx").on(t.installationId)],
);

export { ts };
