import { ConfigFileUnreadable } from "../github/errors.js";
import type { ConfigFilesPort, RepoRef } from "../github/port.js";
import { ConfigInvalid, problemFromYaml, problemsFromZod } from "./problems.js";
import { RepoConfig } from "./schema.js";

export const CONFIG_PATH = ".github/senseloop.yml";

/**
 * Reads `.github/senseloop.yml` (with what it extends) and validates it. Missing file: defaults.
 * A file that is not YAML, or extends itself, or breaks the schema: ConfigInvalid with each
 * problem. Other errors (5xx, rate limits) propagate.
 */
export async function loadRepoConfig(files: ConfigFilesPort, ref: RepoRef): Promise<RepoConfig> {
  let raw: unknown;
  try {
    raw = await files.read(ref, CONFIG_PATH);
  } catch (err) {
    if (!(err instanceof ConfigFileUnreadable)) throw err;
    if (err.reason === "recursion") throw new ConfigInvalid([{ path: "_extends", message: "the _extends chain loops back on itself" }]);
    throw new ConfigInvalid([problemFromYaml(err.cause, err.message)]);
  }
  return parseRepoConfig(raw ?? {});
}

export function parseRepoConfig(raw: unknown): RepoConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigInvalid([{ path: "(root)", message: "the file must hold a mapping of keys, such as `mode: enforce`" }]);
  }
  const parsed = RepoConfig.safeParse(raw);
  if (!parsed.success) throw new ConfigInvalid(problemsFromZod(parsed.error));
  return parsed.data;
}
