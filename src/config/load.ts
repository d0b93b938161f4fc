import type { RepoRef } from "../github/port.js";
import { composeConfig, type ConfigFileSource } from "./compose.js";
import { ConfigInvalid, problemsFromZod } from "./problems.js";
import { RepoConfig } from "./schema.js";

export type { ConfigFileSource } from "./compose.js";

export const CONFIG_PATH = ".github/senseloop.yml";

/**
 * Reads `.github/senseloop.yml` (with the organisation's default and what it extends) and
 * validates it. Missing file: defaults. A file that is not YAML, or extends itself, or breaks
 * the schema: ConfigInvalid with each problem. Other errors (5xx, rate limits) propagate.
 */
export async function loadRepoConfig(files: ConfigFileSource, ref: RepoRef): Promise<RepoConfig> {
  return parseRepoConfig((await composeConfig(files, ref, CONFIG_PATH)) ?? {});
}

export function parseRepoConfig(raw: unknown): RepoConfig {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new ConfigInvalid([{ path: "(root)", message: "the file must hold a mapping of keys, such as `mode: enforce`" }]);
  }
  const parsed = RepoConfig.safeParse(raw);
  if (!parsed.success) throw new ConfigInvalid(problemsFromZod(parsed.error));
  return parsed.data;
}
