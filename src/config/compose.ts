import { parse } from "yaml";
import type { RepoRef } from "../github/port.js";
import { ConfigInvalid, problemFromYaml } from "./problems.js";

/** One file's raw text on a repository's default branch, or null when there is none. */
export type ConfigFileSource = (ref: RepoRef, path: string) => Promise<string | null>;

/** `_extends: repo`, `owner/repo` or `owner/repo:path.yml`, as Probot's config plugin reads it. */
const EXTENDS = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

interface Located extends RepoRef {
  path: string;
}

const where = (file: Located) => `${file.owner}/${file.repo}:${file.path}`;

/**
 * A repository's config the way Probot's config plugin composes it, file by file so each file
 * can be cached: the repository's own file, else the organisation's `.github` repository's; then
 * the chain of `_extends`, each file's keys over those it extends (a shallow merge). Null when no
 * file exists. A file that is not YAML, an `_extends` that names nothing, or a chain that loops
 * back is ConfigInvalid.
 */
export async function composeConfig(read: ConfigFileSource, ref: RepoRef, path: string): Promise<Record<string, unknown> | null> {
  const files: { at: Located; config: Record<string, unknown> | null }[] = [];
  const load = async (at: Located) => {
    const file = { at, config: parseFile(await read(at, at.path), at) };
    files.push(file);
    return file;
  };
  let last = await load({ ...ref, path });
  if (!last.config && ref.repo !== ".github") last = await load({ owner: ref.owner, repo: ".github", path });

  while (last.config && "_extends" in last.config) {
    const next = extendsTarget(last.config._extends, ref.owner, path);
    delete last.config._extends;
    if (files.some((f) => f.at.owner === next.owner && f.at.repo === next.repo && f.at.path === next.path)) {
      throw new ConfigInvalid([{ path: "_extends", message: "the _extends chain loops back on itself" }]);
    }
    last = await load(next);
  }
  const configs = files.map((f) => f.config).filter((c): c is Record<string, unknown> => c !== null);
  return configs.length === 0 ? null : Object.assign({}, ...configs.reverse());
}

function parseFile(text: string | null, at: Located): Record<string, unknown> | null {
  if (text === null) return null;
  let parsed: unknown;
  try {
    parsed = parse(text, { logLevel: "error" }) || {};
  } catch (err) {
    throw new ConfigInvalid([problemFromYaml(err, `Configuration could not be parsed from ${where(at)} (invalid YAML)`)]);
  }
  if (typeof parsed === "string") throw new ConfigInvalid([problemFromYaml(undefined, `Configuration could not be parsed from ${where(at)} (YAML is not an object)`)]);
  if (typeof parsed !== "object" || Array.isArray(parsed)) throw new ConfigInvalid([{ path: "(root)", message: "the file must hold a mapping of keys, such as `mode: enforce`" }]);
  return parsed as Record<string, unknown>;
}

function extendsTarget(value: unknown, owner: string, path: string): Located {
  const match = typeof value === "string" ? EXTENDS.exec(value) : null;
  if (!match) throw new ConfigInvalid([{ path: "_extends", message: "must name a repository: `repo`, `owner/repo` or `owner/repo:path.yml`" }]);
  return { owner: match[1] || owner, repo: match[2]!, path: match[3] || path };
}
