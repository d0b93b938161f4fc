import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT } from "./senseloop-process.js";

/**
 * What a migrated embedded database depends on: every migration and the PGlite version. A
 * regenerated migration (same number, other content) makes a new template, never a mixed one.
 */
function templateKey(): string {
  const hash = createHash("sha256");
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hash.update(entry.name).update(readFileSync(path));
    }
  };
  walk(join(ROOT, "drizzle"));
  const pglite = join(ROOT, "node_modules/@electric-sql/pglite/package.json");
  hash.update(existsSync(pglite) ? String((JSON.parse(readFileSync(pglite, "utf8")) as { version?: string }).version) : "unknown");
  return hash.digest("hex").slice(0, 16);
}

/** `npm run db:migrate` on an embedded database in `dataDir`, in a directory of its own (no `.env` read). */
function migrate(dataDir: string, cwd: string): Promise<void> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  const child = spawn(process.execPath, ["--import", tsx, join(ROOT, "src/cli/migrate.ts")], {
    cwd,
    env: { PATH: process.env.PATH ?? "", TSX_TSCONFIG_PATH: join(ROOT, "tsconfig.json"), SENSELOOP_DATA_DIR: dataDir, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let errors = "";
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => (code === 0 ? resolve() : reject(new Error(`migrating the demo's database failed (code ${String(code)}): ${errors.trim()}`))));
  });
}

/**
 * Fills `dataDir` with an embedded database already created and migrated. Creating one is
 * PGlite's slowest step by far (initdb in WebAssembly: many seconds), so the demo makes it once
 * per set of migrations, keeps it in the system's temporary directory, and copies it for each
 * run; Senseloop still opens it and applies any migration it lacks, as at every start.
 */
export async function prepareDataDir(dataDir: string): Promise<void> {
  const template = join(tmpdir(), `senseloop-demo-database-${templateKey()}`);
  if (!existsSync(template)) {
    const building = mkdtempSync(join(tmpdir(), "senseloop-demo-database-building-"));
    try {
      await migrate(join(building, "data"), building);
      // Another demo may have finished first: either copy is the same database.
      if (!existsSync(template)) renameSync(join(building, "data"), template);
    } catch (err) {
      if (!existsSync(template)) throw err;
    } finally {
      rmSync(building, { recursive: true, force: true });
    }
  }
  cpSync(template, dataDir, { recursive: true });
}
