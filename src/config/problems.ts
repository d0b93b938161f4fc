import type { z } from "zod";

import type { ConfigProblem } from "../domain/config-problem.js";

export type { ConfigProblem };
export { problemFromYaml } from "../domain/config-problem.js";

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
