import { z } from "zod";

/** What GitHub answers when a manifest code is converted: the new app and its secrets. */
export const ManifestConversion = z.object({
  id: z.number().int(),
  slug: z.string().min(1),
  name: z.string(),
  html_url: z.string().url(),
  client_id: z.string().min(1),
  client_secret: z.string().min(1),
  webhook_secret: z.string().min(1),
  pem: z.string().min(1),
});
export type ManifestConversion = z.infer<typeof ManifestConversion>;

export class ConversionFailed extends Error {
  readonly code = "MANIFEST_CONVERSION_FAILED";
  constructor(
    message: string,
    readonly status: number | undefined,
  ) {
    super(message);
  }
}

/**
 * Exchanges the one-hour code GitHub handed back for the app's id, key and secrets
 * (`POST /app-manifests/{code}/conversions`, no authentication).
 */
export async function convertManifestCode(apiUrl: string, code: string): Promise<ManifestConversion> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/app-manifests/${encodeURIComponent(code)}/conversions`, {
      method: "POST",
      headers: { accept: "application/vnd.github+json", "x-github-api-version": "2022-11-28", "user-agent": "senseloop" },
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new ConversionFailed(`GitHub could not be reached (${(err as Error).message})`, undefined);
  }
  if (!response.ok) {
    throw new ConversionFailed(`GitHub refused the registration code (HTTP ${response.status}); codes are valid for one hour and only once`, response.status);
  }
  const parsed = ManifestConversion.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) throw new ConversionFailed("GitHub's answer did not carry the app's credentials", response.status);
  return parsed.data;
}
