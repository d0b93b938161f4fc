import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrationsFolder } from "../src/db/client.js";

interface Journal {
  entries: { idx: number; tag: string }[];
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The migrations as they stood before `tag`: the same files, the journal cut there. */
function migrationsBefore(tag: string): string {
  const journal = JSON.parse(readFileSync(join(migrationsFolder, "meta/_journal.json"), "utf8")) as Journal;
  const cut = journal.entries.findIndex((entry) => entry.tag === tag);
  expect(cut).toBeGreaterThan(0);
  const dir = mkdtempSync(join(tmpdir(), "senseloop-migrations-"));
  dirs.push(dir);
  mkdirSync(join(dir, "meta"));
  const kept = journal.entries.slice(0, cut);
  writeFileSync(join(dir, "meta/_journal.json"), JSON.stringify({ ...journal, entries: kept }));
  for (const entry of kept) copyFileSync(join(migrationsFolder, `${entry.tag}.sql`), join(dir, `${entry.tag}.sql`));
  return dir;
}

describe("migrations on a database that already holds data", () => {
  it("0007 gives each recorded response its sense item's repository, then requires one", async () => {
    const pglite = await PGlite.create();
    const db = drizzle(pglite);
    try {
      await migrate(db, { migrationsFolder: migrationsBefore("0007_responses_repository") });
      await pglite.exec(`
        insert into sense_items (id, hypothesis_id, installation_id, environment, state, shipped_at, due_at, repository_id, created_at, updated_at)
          values (1, 10, 42, 'production', 'responded', now(), now(), 1001, now(), now()), (2, 11, 42, 'production', 'responded', now(), now(), 1002, now(), now());
        insert into responses (sense_item_id, decision, learning, actor_login, comment_id, comment_url, responded_at)
          values (1, 'kill', 'Nobody used it', 'pam', 501, 'https://github.com/acme/shop/issues/1#issuecomment-501', now()),
                 (2, 'pivot', 'Lead with the sample', 'lee', 502, 'https://github.com/acme/product/issues/2#issuecomment-502', now());`);

      await migrate(db, { migrationsFolder });

      const { rows } = await pglite.query<{ sense_item_id: number; repository_id: number }>("select sense_item_id::int, repository_id::int from responses order by sense_item_id");
      expect(rows).toEqual([
        { sense_item_id: 1, repository_id: 1001 },
        { sense_item_id: 2, repository_id: 1002 },
      ]);
      await expect(pglite.exec("insert into responses (sense_item_id, decision, learning, actor_login, comment_id, comment_url, responded_at) values (3, 'kill', 'x', 'pam', 503, 'u', now())")).rejects.toThrow(/repository_id/);
    } finally {
      await pglite.close();
    }
  });
});
