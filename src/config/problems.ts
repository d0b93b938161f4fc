import type { z } from "zod";

import type { ConfigProblem } from "../domain/config-problem.js";

export type { ConfigProblem };

export class ConfigInvalid extends Error {
  readonly code = "CONFIG_INVALID";
  constructor(readonly problems: ConfigProblem[]) {
    super(`Senseloop configuration is invalid: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  }
}

export function problemsFromZod(error: z.ZodError): ConfigProblem[] {
  return error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join(".") : "(root)",
    message: issue.code === "unrecognized_keys" ? `unknown key${issue.keys.length > 1 ? "s" : ""}: ${issue.keys.join(", ")}` : issue.message,
  }));
}

interface YamlErrorLike {
  message?: string;
  linePos?: [{ line: number; col: number }, ...unknown[]];
}

/** The YAML parser's message, with its position, for a file that is not valid YAML. */
export function problemFromYaml(cause: unknown, fallback: string): ConfigProblem {
  const yamlError = (cause ?? {}) as YamlErrorLike;
  const position = yamlError.linePos?.[0];
  // The parser's first line repeats the position ("… at line 2, column 7:"); we say it once.
  const firstLine = ((yamlError.message ?? fallback).split("\n")[0] ?? fallback).replace(/ at line \d+, column \d+:?$/, "");
  return {
    path: "(file)",
    message: position ? `YAML syntax error at line ${position.line}, column ${position.col}: ${firstLine}` : `YAML syntax error: ${firstLine}`,
  };
}
