import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parse } from "yaml";
import type { z } from "zod";
import { problemFromYaml, type ConfigProblem } from "../domain/config-problem.js";
import { createSource, type SourceOptions } from "./create-source.js";
import { interpolate, type Environment } from "./interpolate.js";
import { SOURCE_KINDS, SignalsFile } from "./schema.js";
import type { SignalSource } from "./source.js";

export const DEFAULT_SIGNALS_FILE = "signals.yml";

export class SignalsInvalid extends Error {
  readonly code = "SIGNALS_INVALID";
  constructor(
    readonly file: string,
    readonly problems: ConfigProblem[],
  ) {
    super(`${file} is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  }
}

const EXPECTED: Record<string, string> = { string: "text", object: "a mapping", record: "a mapping", array: "a list", number: "a number", int: "a whole number", boolean: "true or false" };

/** zod's issues in the file's own words; no message repeats a value. */
function problemsFromZod(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)";
    switch (issue.code) {
      case "unrecognized_keys":
        return { path, message: `unknown key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}` };
      case "invalid_key":
        return { path, message: issue.issues[0]?.message ?? "is not a valid name" };
      case "invalid_union":
        return { path, message: issue.path.at(-1) === "kind" ? `must be one of ${SOURCE_KINDS.join(", ")}` : issue.message };
      case "invalid_type":
        // zod leaves the input out of issues (it may be a secret); its own message says whether one was there.
        return { path, message: /received undefined/.test(issue.message) ? "is required" : `must be ${EXPECTED[issue.expected] ?? issue.expected}` };
      default:
        return { path, message: issue.message };
    }
  });
}

/** The sources a file defines, or every problem in it. An empty file defines none. */
export function parseSignalsFile(text: string, env: Environment, options: SourceOptions = {}): { ok: true; sources: SignalSource[] } | { ok: false; problems: ConfigProblem[] } {
  let document: unknown;
  try {
    document = parse(text, { logLevel: "error" }) ?? {};
  } catch (err) {
    return { ok: false, problems: [problemFromYaml(err, "the file is not valid YAML")] };
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    return { ok: false, problems: [{ path: "(root)", message: "the file must hold a mapping with a `sources` key" }] };
  }
  const { value, problems } = interpolate(document, env);
  const parsed = SignalsFile.safeParse(value);
  // Both lists, so one run names every problem; a path can be in both (an unset variable in a URL).
  const all = [...problems, ...(parsed.success ? [] : problemsFromZod(parsed.error))];
  if (all.length > 0 || !parsed.success) return { ok: false, problems: dedupe(all) };
  return { ok: true, sources: Object.entries(parsed.data.sources).map(([name, config]) => createSource(name, config, options)) };
}

/** One message per path when an empty interpolation also failed validation: the variable is the cause. */
function dedupe(problems: ConfigProblem[]): ConfigProblem[] {
  const variablePaths = new Set(problems.filter((p) => p.message.startsWith("${")).map((p) => p.path));
  return problems.filter((p) => p.message.startsWith("${") || !variablePaths.has(p.path));
}

export interface SignalsLocation {
  /** `SENSELOOP_SIGNALS`: when set, the file must exist. */
  configured: string | undefined;
  /** Where `signals.yml` is looked for when it is not; usually the working directory. */
  cwd: string;
}

/** The file to read, and whether its absence is an error. */
export function signalsPath(location: SignalsLocation): { path: string; required: boolean } {
  return location.configured ? { path: resolve(location.cwd, location.configured), required: true } : { path: resolve(location.cwd, DEFAULT_SIGNALS_FILE), required: false };
}

export interface FileSystem {
  exists(path: string): boolean;
  read(path: string): string;
}

export const nodeFileSystem: FileSystem = { exists: existsSync, read: (path) => readFileSync(path, "utf8") };

/** Reads and validates the sources file. A missing default file is no sources; a missing named one is a problem. */
export function loadSignalsFile(location: SignalsLocation, env: Environment, options: SourceOptions = {}, fs: FileSystem = nodeFileSystem): { ok: true; path: string; sources: SignalSource[] } | { ok: false; path: string; problems: ConfigProblem[] } {
  const { path, required } = signalsPath(location);
  if (!fs.exists(path)) return required ? { ok: false, path, problems: [{ path: "(file)", message: `${path} does not exist (SENSELOOP_SIGNALS)` }] } : { ok: true, path, sources: [] };
  let text: string;
  try {
    text = fs.read(path);
  } catch (err) {
    return { ok: false, path, problems: [{ path: "(file)", message: `cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? "error"})` }] };
  }
  const parsed = parseSignalsFile(text, env, options);
  return parsed.ok ? { ok: true, path, sources: parsed.sources } : { ok: false, path, problems: parsed.problems };
}
