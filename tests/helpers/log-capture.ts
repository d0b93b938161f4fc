import { pino } from "pino";
import type { Logger } from "probot";
import type { Harness } from "./harness.js";

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** Swaps the harness's logger for one that keeps every line at `info` and above, for asserting what was logged. */
export function captureLogs(h: Harness): LogLine[] {
  const lines: LogLine[] = [];
  h.rt.log = pino({ level: "info" }, { write: (line: string) => void lines.push(JSON.parse(line) as LogLine) }) as unknown as Logger;
  return lines;
}

export const WARN = 40;
