import type { ConfigFilesPort } from "../port.js";
import { ConfigFileUnreadable } from "../errors.js";
import { failure, type Client } from "./call.js";

/**
 * Through Probot's config plugin, so `_extends` and the organisation's `.github` repository
 * work. The plugin reports a file it cannot parse in its message; that becomes a
 * ConfigFileUnreadable, anything else (5xx, rate limits) a GitHubError.
 */
export function configFilesAdapter(client: Client): ConfigFilesPort {
  return {
    async read(ref, path) {
      await client.hooks?.before();
      try {
        return (await client.octokit.config.get({ owner: ref.owner, repo: ref.repo, path })).config ?? null;
      } catch (err) {
        const message = (err as Error).message ?? "";
        if (/could not be parsed|YAML is not an object|invalid JSON/.test(message)) {
          throw new ConfigFileUnreadable("syntax", message.replace(/^\[[^\]]+\]\s*/, ""), (err as Error).cause);
        }
        if (/Recursion detected/.test(message)) throw new ConfigFileUnreadable("recursion", message);
        throw await failure(client, err);
      }
    },
  };
}
