import { SignalSources } from "../../src/signals/signal-sources.js";

/** Where the test sources file lives; only the in-memory file system below ever holds it. */
const FILE = "/test/signals.yml";

/** Each read gives up after this in tests (10 s in production), so a timeout test takes a moment, not minutes. */
export const TEST_READ_TIMEOUT_MS = 250;

/** Credentials the test sources use by `${NAME}` reference; asserted never to appear anywhere. */
export const SIGNAL_ENV = { PROMETHEUS_TOKEN: "prom-token-7f3a91c2e4", POSTHOG_API_KEY: "phx_key_5d3e81aa07" };

/**
 * The harness's sources: an empty sources file until a test writes one. `write` swaps the file and
 * reloads it the way SIGHUP does, so a test sets up sources exactly as an operator would.
 */
export function testSignalSources(): { sources: SignalSources; write(yaml: string): void } {
  let text: string | undefined;
  const sources = SignalSources.load({
    location: { configured: undefined, cwd: "/test" },
    env: SIGNAL_ENV,
    fs: { exists: (path) => path === FILE && text !== undefined, read: () => text ?? "" },
    timeoutMs: TEST_READ_TIMEOUT_MS,
  });
  return {
    sources,
    write(yaml) {
      text = yaml;
      const result = sources.reload();
      if (!result.ok) throw new Error(`test sources file is invalid: ${JSON.stringify(result.problems)}`);
    },
  };
}
