import type { ConfigProblem } from "../domain/config-problem.js";
import type { SourceOptions } from "./create-source.js";
import type { Environment } from "./interpolate.js";
import { SignalsInvalid, loadSignalsFile, nodeFileSystem, type FileSystem, type SignalsLocation } from "./load.js";
import type { SignalSource } from "./source.js";

export type ReloadResult = { ok: true; path: string; sources: string[] } | { ok: false; path: string; problems: ConfigProblem[] };

export interface SignalSourcesOptions extends SourceOptions {
  location: SignalsLocation;
  /** Read at every load, so a reload sees variables as they are then (usually process.env). */
  env: Environment;
  fs?: FileSystem;
}

/**
 * The sources this process may read, as the sources file last said. `reload()` (on SIGHUP)
 * swaps them whole; a file that does not validate leaves the previous sources in place.
 */
export class SignalSources {
  #sources: ReadonlyMap<string, SignalSource> = new Map();
  readonly #options: SignalSourcesOptions;

  private constructor(options: SignalSourcesOptions) {
    this.#options = options;
  }

  /** Start-up: the file must be valid, or the process should not start. */
  static load(options: SignalSourcesOptions): SignalSources {
    const holder = new SignalSources(options);
    const result = holder.reload();
    if (!result.ok) throw new SignalsInvalid(result.path, result.problems);
    return holder;
  }

  reload(): ReloadResult {
    const { location, env, fs = nodeFileSystem, ...sourceOptions } = this.#options;
    const loaded = loadSignalsFile(location, env, sourceOptions, fs);
    if (!loaded.ok) return loaded;
    this.#sources = new Map(loaded.sources.map((source) => [source.name, source]));
    return { ok: true, path: loaded.path, sources: [...this.#sources.keys()] };
  }

  get(name: string): SignalSource | undefined {
    return this.#sources.get(name.toLowerCase());
  }

  list(): SignalSource[] {
    return [...this.#sources.values()];
  }

  /** The sources an installation may read; what `checkSignalQuery` lists as known. */
  forOwner(owner: string): SignalSource[] {
    return this.list().filter((source) => source.allows(owner));
  }
}
