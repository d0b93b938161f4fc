import { readFileSync } from "node:fs";
import type postgres from "postgres";

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/**
 * CPU time spent by the database server's backends serving one database, read from /proc
 * (PostgreSQL on this machine, Linux only): on a machine other work keeps busy, wall time says
 * how long a request waited, CPU time how much work it was.
 */
export class DatabaseCpu {
  private pids: number[] = [];

  constructor(
    private readonly sql: postgres.Sql,
    private readonly database: string,
  ) {}

  /** The backends serving the database now (the app's pool, once warm). */
  async refresh(): Promise<boolean> {
    const found = await this.sql.unsafe(`select pid from pg_stat_activity where datname = '${this.database}' and pid <> pg_backend_pid()`);
    this.pids = found.map((row) => Number(row.pid));
    return this.pids.length > 0 && this.read() !== undefined;
  }

  /** Their CPU so far, in ms; undefined where /proc cannot be read. */
  read(): number | undefined {
    let ticks = 0;
    try {
      for (const pid of this.pids) {
        // Fields after the command's closing parenthesis: utime and stime are the 12th and 13th.
        const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      return undefined;
    }
    return (ticks / TICKS_PER_SECOND) * 1000;
  }
}
