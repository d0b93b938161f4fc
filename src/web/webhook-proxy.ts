import { SmeeClient } from "smee-client";
import type { Logger } from "probot";

/** Where the proxy forwards: this server's own webhook path, on the interface it listens on. */
export function localWebhookUrl(options: { port: number; host: string | undefined; path: string }): string {
  const host = !options.host || options.host === "0.0.0.0" || options.host === "::" ? "127.0.0.1" : options.host;
  return `http://${host.includes(":") ? `[${host}]` : host}:${options.port}${options.path}`;
}

/**
 * Relays deliveries from a webhook proxy channel (WEBHOOK_PROXY_URL) to our own webhook
 * route, for a server GitHub cannot reach. Deliveries arrive signed as GitHub sent them and
 * are verified like any other (the proxy re-serialises the JSON, which matches GitHub's compact
 * payloads byte for byte). Resolves once the channel is open; `stop` closes it.
 */
export async function startWebhookProxy(options: { source: string; target: string; log: Logger }): Promise<{ stop(): Promise<void> }> {
  const client = new SmeeClient({
    source: options.source,
    target: options.target,
    maxConnectionTimeout: 15_000,
    logger: { info: (...args: unknown[]) => options.log.debug({ proxy: options.source }, args.map(String).join(" ")), error: (...args: unknown[]) => options.log.warn({ proxy: options.source }, args.map(String).join(" ")) },
  });
  try {
    await client.start();
  } catch (err) {
    await client.stop();
    throw err;
  }
  options.log.info({ proxy: options.source, target: options.target }, "forwarding webhooks from the proxy");
  return { stop: () => client.stop() };
}
