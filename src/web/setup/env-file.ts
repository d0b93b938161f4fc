import { chmodSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** Values that need no quoting in a .env file. */
const PLAIN = /^[A-Za-z0-9_./:@+=,-]*$/;

/** One `KEY=value` line; a PEM key's newlines are written as `\n` inside double quotes. */
function formatLine(key: string, value: string): string {
  if (PLAIN.test(value)) return `${key}=${value}`;
  if (/["\\]/.test(value)) throw new Error(`${key}: a value with quotes or backslashes cannot be written to .env`);
  return `${key}="${value.replace(/\r?\n/g, "\\n")}"`;
}

/** The key a line sets (`KEY=…` or `export KEY=…`), if any. */
function keyOf(line: string): string | undefined {
  return /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line)?.[1];
}

/** Whether a line opens a double-quoted value that goes on over more lines (as Probot wrote PEM keys). */
function opensMultiline(line: string): boolean {
  const value = /=\s*(.*)$/.exec(line)?.[1] ?? "";
  return value.startsWith('"') && !/^"(?:[^"\\]|\\.)*"/.test(value);
}

/** The keys a .env file sets. */
export function readEnvFileKeys(path: string): Set<string> {
  if (!existsSync(path)) return new Set();
  return new Set(
    readFileSync(path, "utf8")
      .split(/\r?\n/)
      .map(keyOf)
      .filter((key): key is string => key !== undefined),
  );
}

/**
 * Sets keys in a .env file: replaces their lines (a multi-line quoted value whole), appends the
 * others, keeps every other line as it was. The file is replaced in one rename and readable by
 * its owner only, since it holds the app's private key.
 */
export function updateEnvFile(path: string, values: Record<string, string>): void {
  const lines = existsSync(path) ? readFileSync(path, "utf8").split(/\r?\n/) : [];
  if (lines.at(-1) === "") lines.pop();
  const kept: string[] = [];
  const pending = new Map(Object.entries(values));
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const key = keyOf(line);
    if (key === undefined || !Object.hasOwn(values, key)) {
      kept.push(line);
      continue;
    }
    if (opensMultiline(line)) {
      while (i + 1 < lines.length) {
        i++;
        if (lines[i]!.trimEnd().endsWith('"')) break;
      }
    }
    if (pending.has(key)) kept.push(formatLine(key, pending.get(key)!));
    pending.delete(key);
  }
  for (const [key, value] of pending) kept.push(formatLine(key, value));
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  writeFileSync(temporary, `${kept.join("\n")}\n`, { mode: 0o600 });
  chmodSync(temporary, 0o600);
  renameSync(temporary, path);
}
