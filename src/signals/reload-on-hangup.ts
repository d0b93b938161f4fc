import type { EventEmitter } from "node:events";
import type { SignalSources } from "./signal-sources.js";

interface ReloadLog {
  info(meta: object, message: string): void;
  error(meta: object, message: string): void;
}

/**
 * Reloads the sources file when the process gets SIGHUP, logging what it now holds or why it
 * kept the previous sources. Problems are safe to log: they never carry a value. Returns a
 * function that stops listening.
 */
export function reloadOnHangup(sources: SignalSources, log: ReloadLog, emitter: EventEmitter = process): () => void {
  const onHangup = () => {
    const result = sources.reload();
    if (result.ok) log.info({ file: result.path, sources: result.sources }, "signal sources reloaded");
    else log.error({ file: result.path, problems: result.problems }, "signal sources file is invalid; keeping the previous sources");
  };
  emitter.on("SIGHUP", onHangup);
  return () => emitter.off("SIGHUP", onHangup);
}
