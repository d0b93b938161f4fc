import { ConfigInvalid, problemFromYaml, problemsFromZod } from "./problems.js";
import { RepoConfig } from "./schema.js";

export const CONFIG_PATH = ".github/senseloop.yml";

interface ConfigReader {
  config: {
    get(params: { owner: string; repo: string; path: string }): Promise<{ config: unknown }>;
  };
}

/**
 * Reads `.github/senseloop.yml` through Probot's config plugin (so `_extends` and the
 * organisation's `.github` repository work) and validates it. Missing file: defaults.
 * Invalid YAML or schema: ConfigInvalid with each problem. Other errors (5xx) propagate.
 */
export async function loadRepoConfig(octokit: ConfigReader, owner: string, repo: string): Promise<RepoConfig> {
  let raw: unknown;
  try {
    raw = (await octokit.config.get({ owner, repo, path: CONFIG_PATH })).config;
  } catch (err) {
    const message = (err as Error).message ?? "";
    if (/could not be parsed|YAML is not an object|invalid JSON/.test(message)) {
      throw new ConfigInvalid([problemFromYaml((err as Error).cause, message.replace(/^\[[^\]]+\]\s*/, ""))]);
    }
    if (/Recursion detected/.test(message)) {
      throw new ConfigInvalid([{ path: "_extends", message: "the _extends chain loops back on itself" }]);
    }
    throw err;
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
