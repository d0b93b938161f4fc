import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { z } from "zod";

/** The parts of app.yml the registration uses: what the app is, what it may do, what it hears. */
export const AppYml = z.object({
  name: z.string().min(1),
  description: z.string().optional(),
  url: z.string().url(),
  default_events: z.array(z.string()),
  default_permissions: z.record(z.string(), z.string()),
});
export type AppYml = z.infer<typeof AppYml>;

export function loadAppYml(path: string): AppYml {
  return AppYml.parse(parse(readFileSync(path, "utf8")));
}

export interface ManifestUrls {
  /** Where GitHub posts webhooks: the public address plus WEBHOOK_PATH, or the proxy channel. */
  hookUrl: string;
  /** Where browsers reach this server: the public address (or this browser's, with a proxy). */
  siteUrl: string;
  /** Where GitHub sends this browser back with the code: the origin it registered from, whose cookie holds the state. */
  redirectUrl: string;
}

/** GitHub's app manifest: https://docs.github.com/apps/sharing-github-apps/registering-a-github-app-from-a-manifest */
export interface AppManifest {
  name: string;
  description?: string;
  url: string;
  hook_attributes: { url: string; active: boolean };
  redirect_url: string;
  callback_urls: string[];
  setup_url: string;
  public: boolean;
  default_permissions: Record<string, string>;
  default_events: string[];
}

export function buildManifest(app: AppYml, urls: ManifestUrls): AppManifest {
  return {
    name: app.name,
    ...(app.description ? { description: app.description } : {}),
    url: app.url,
    hook_attributes: { url: urls.hookUrl, active: true },
    redirect_url: urls.redirectUrl,
    // The GitHub sign-in of the dashboard returns here.
    callback_urls: [`${urls.siteUrl}/auth/callback`],
    // After someone installs the app, GitHub shows them our status page.
    setup_url: `${urls.siteUrl}/`,
    // Private: only the account that registers it can install it; it can be made public on GitHub later.
    public: false,
    default_permissions: app.default_permissions,
    default_events: app.default_events,
  };
}

/** GitHub's "new app from a manifest" page, for the user's account or an organisation. */
export function registrationUrl(githubWebUrl: string, state: string, organization: string | undefined): string {
  const path = organization ? `/organizations/${encodeURIComponent(organization)}/settings/apps/new` : "/settings/apps/new";
  return `${githubWebUrl}${path}?state=${encodeURIComponent(state)}`;
}
