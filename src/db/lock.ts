import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";

export class DataDirLocked extends Error {
  readonly code = "DATA_DIR_LOCKED";
  constructor(
    readonly dir: string,
    readonly pid: number,
  ) {
    super(
      `The embedded database in ${dir} is in use by another Senseloop process (pid ${pid}). ` +
        `Stop that process, or point SENSELOOP_DATA_DIR at another directory, or set DATABASE_URL to share a PostgreSQL server.`,
    );
  }
}

export interface DirLock {
  release(): void;
}

/**
 * PGlite lets two processes open one directory and then corrupts it, so the directory is
 * claimed with a pid file created exclusively. A pid file left by a process that no longer
 * runs is taken over.
 */
export function lockDataDir(dir: string, pid = process.pid): DirLock {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, "senseloop.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(pid));
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          rmSync(path, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = readHolder(path);
      if (holder !== undefined && holder !== pid && isRunning(holder)) throw new DataDirLocked(dir, holder);
      rmSync(path, { force: true });
    }
  }
  throw new Error(`could not lock ${dir}`);
}

function readHolder(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, "utf8").trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
