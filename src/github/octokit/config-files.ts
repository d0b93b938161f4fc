import type { ConfigFilesPort } from "../port.js";
import { ConfigFileUnreadable, goneInstallation, isNotFound } from "../errors.js";
import { failure, type Client } from "./call.js";

const decoder = new TextDecoder();

/**
 * One file's raw contents (`GET /repos/{owner}/{repo}/contents/{path}`, raw media type). A 304
 * to `If-None-Match` is "unchanged"; a 404 is "absent" unless it was the installation's token
 * that was refused. A directory or submodule answers JSON instead of the file: not a file.
 */
export function configFilesAdapter(client: Client): ConfigFilesPort {
  return {
    async read(ref, path, etag) {
      await client.hooks?.before();
      try {
        const response = await client.octokit.request("GET /repos/{owner}/{repo}/contents/{path}", {
          owner: ref.owner,
          repo: ref.repo,
          path,
          mediaType: { format: "raw" },
          ...(etag ? { headers: { "if-none-match": etag } } : {}),
        });
        if (String(response.headers["content-type"] ?? "").startsWith("application/json")) {
          throw new ConfigFileUnreadable(`${ref.owner}/${ref.repo}:${path} is a directory or a submodule, not a file`);
        }
        const data: unknown = response.data;
        const text = typeof data === "string" ? data : decoder.decode(data as ArrayBuffer);
        return { status: "found", text, etag: response.headers.etag ?? null };
      } catch (err) {
        if (err instanceof ConfigFileUnreadable) throw err;
        if ((err as { status?: unknown }).status === 304) return { status: "unchanged" };
        const mapped = await failure(client, err);
        if (isNotFound(mapped) && goneInstallation(mapped) === undefined) return { status: "absent" };
        throw mapped;
      }
    },
  };
}
