import type { ManifestUrls } from "./manifest.js";
import { checkPublicAddress } from "./webhook-address.js";

export interface TargetInput {
  /** An address typed in the setup form, if any. */
  typedAddress: string | undefined;
  publicUrl: string | undefined;
  webhookProxyUrl: string | undefined;
  webhookPath: string;
  /** An Enterprise Server may reach private addresses that github.com cannot. */
  enterprise: boolean;
  /** Where this browser reaches us (see browserBase). */
  browserBase: string;
}

export type Target = { ok: true; urls: ManifestUrls; typedPublicUrl: string | undefined } | { ok: false; problem: string };

export const NO_ADDRESS =
  "GitHub needs an address it can call. Type this server's public address below (or set PUBLIC_URL), or set WEBHOOK_PROXY_URL to relay webhooks through a proxy, and restart.";

/** Decides the URLs the app is registered with, or why it cannot be registered yet. */
export function registrationTarget(input: TargetInput): Target {
  const redirectUrl = `${input.browserBase}/setup/callback`;
  if (input.webhookProxyUrl) {
    // The proxy relays deliveries; browser-facing URLs can stay wherever this browser is.
    const siteUrl = input.publicUrl ?? input.browserBase;
    return { ok: true, urls: { hookUrl: input.webhookProxyUrl, siteUrl, redirectUrl }, typedPublicUrl: undefined };
  }
  const typed = input.typedAddress?.trim() ? input.typedAddress.trim() : undefined;
  const address = typed ?? input.publicUrl;
  if (!address) return { ok: false, problem: NO_ADDRESS };
  const checked = checkPublicAddress(address, { enterprise: input.enterprise });
  if (!checked.ok) return checked;
  return {
    ok: true,
    urls: { hookUrl: `${checked.url}${input.webhookPath}`, siteUrl: checked.url, redirectUrl },
    typedPublicUrl: typed && checked.url !== input.publicUrl ? checked.url : undefined,
  };
}

/**
 * Where this browser reaches the server: PUBLIC_URL when the request came through it (its
 * scheme survives a TLS-terminating proxy), else the request's own origin. The state cookie is
 * set there, so GitHub must send the browser back there.
 */
export function browserBase(requestUrl: string, publicUrl: string | undefined): string {
  const request = new URL(requestUrl);
  if (publicUrl && new URL(publicUrl).host === request.host) return publicUrl;
  return request.origin;
}
