import { SignalsInvalid } from "./load.js";
import type { Environment } from "./interpolate.js";
import { SignalSources } from "./signal-sources.js";

export type StartedSources = { ok: true; sources: SignalSources } | { ok: false; problems: string[] };

/**
 * The sources file at start-up (`SENSELOOP_SIGNALS`, else `signals.yml` when present): the
 * holder, or every problem as one line each (`file: path: message`), which never carries a value.
 */
export function startSignalSources(configured: string | undefined, env: Environment = process.env, cwd = process.cwd()): StartedSources {
  try {
    return { ok: true, sources: SignalSources.load({ location: { configured, cwd }, env }) };
  } catch (err) {
    if (!(err instanceof SignalsInvalid)) throw err;
    return { ok: false, problems: err.problems.map((problem) => `${err.file}: ${problem.path}: ${problem.message}`) };
  }
}
