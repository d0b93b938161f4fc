import { parseJsonPath } from "./json-path.js";
import { JsonSource } from "./json-source.js";
import { PostHogSource } from "./posthog.js";
import { PrometheusSource } from "./prometheus.js";
import type { SourceConfig } from "./schema.js";
import type { SignalSource, SourceKind, SourceLimits } from "./source.js";

export interface SourceOptions {
  /** Per-read deadline; 10 s unless a test wants it shorter. */
  timeoutMs?: number;
}

/** PostHog allows 120 HogQL queries an hour per key unless a team arranged more; the others have no documented limit. */
export const DEFAULT_PER_HOUR: Record<SourceKind, number | null> = { prometheus: null, posthog: 120, json: null };
export const DEFAULT_CONCURRENCY = 2;

/** Builds the adapter for one validated source. Adding a kind means a schema entry, an adapter and a case here. */
export function createSource(name: string, config: SourceConfig, options: SourceOptions = {}): SignalSource {
  const limits: SourceLimits = { concurrency: config.limits?.concurrency ?? DEFAULT_CONCURRENCY, perHour: config.limits?.perHour ?? DEFAULT_PER_HOUR[config.kind] };
  const settings = { name, owners: config.owners ?? null, limits, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  switch (config.kind) {
    case "prometheus":
      return new PrometheusSource({ ...settings, url: config.url, headers: config.headers });
    case "posthog":
      return new PostHogSource({ ...settings, host: config.host, project: config.project, apiKey: config.apiKey });
    case "json": {
      const pick = parseJsonPath(config.pick);
      // The schema has already refused a bad path; this keeps the types honest.
      if ("problem" in pick) throw new Error(`sources.${name}.pick: ${pick.problem}`);
      return new JsonSource({ ...settings, url: config.url, pick, headers: config.headers });
    }
  }
}
