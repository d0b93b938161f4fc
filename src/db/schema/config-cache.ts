import { bigint, index, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { ts } from "./installations.js";

/**
 * The config files Senseloop read from GitHub (a repository's `.github/senseloop.yml`, the
 * organisation's `.github` repository's, and whatever they `_extends`), one row per file as one
 * installation sees it, so every replica shares them. A push that touches a file marks its row
 * invalidated; otherwise a row is trusted for a while after GitHub confirmed it, then asked again
 * with its ETag (a 304 costs no rate limit).
 */
export const configCache = pgTable(
  "config_cache",
  {
    installationId: bigint("installation_id", { mode: "number" }).notNull(),
    /** owner/name of the repository holding the file, lower-cased. */
    repository: text("repository").notNull(),
    path: text("path").notNull(),
    /** The file's raw text on the default branch as GitHub last gave it; null when there is no such file. */
    content: text("content"),
    /** GitHub's ETag of that text, sent back as If-None-Match; null for a missing file. */
    etag: text("etag"),
    /** When GitHub last confirmed this content: a 200, a 304 or a 404. */
    fetchedAt: ts("fetched_at").notNull(),
    /** A push to the default branch touched the file after it was fetched: the next read asks GitHub. */
    invalidatedAt: ts("invalidated_at"),
  },
  (t) => [primaryKey({ columns: [t.installationId, t.repository, t.path] }), index("config_cache_repository_idx").on(t.repository)],
);
