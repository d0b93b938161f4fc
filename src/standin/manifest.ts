import type { Route } from "./api-kit.js";
import { notFound } from "./errors.js";
import { ManifestCodes, type Manifest } from "./manifest-codes.js";
import { appObject } from "./render-user.js";

/**
 * `POST /settings/apps/new` (Probot's setup page posts here): "creates" the app at once and
 * sends the browser back to the manifest's redirect_url with a code.
 */
export async function createFromManifest(codes: ManifestCodes, request: Request): Promise<Response> {
  const url = new URL(request.url);
  const form = request.method === "POST" ? new URLSearchParams(await request.text()) : url.searchParams;
  let manifest: Manifest;
  try {
    manifest = JSON.parse(form.get("manifest") ?? "") as Manifest;
  } catch {
    return new Response("Invalid GitHub App manifest: it is not JSON", { status: 422 });
  }
  if (!manifest.redirect_url) return new Response("Invalid GitHub App manifest: redirect_url is required", { status: 422 });
  const target = new URL(manifest.redirect_url);
  target.searchParams.set("code", codes.issue(manifest));
  const state = url.searchParams.get("state") ?? form.get("state");
  if (state) target.searchParams.set("state", state);
  return Response.redirect(target.toString(), 302);
}

/**
 * The stand-in has one app: a conversion applies the manifest's name, URLs, webhook,
 * permissions and events to it and hands back its credentials. Id, slug and key stay.
 */
export const manifestRoutes: Route[] = [
  {
    method: "POST",
    path: "/app-manifests/{code}/conversions",
    auth: ["anonymous", "app", "installation", "user", "personal", "oauth-app"],
    handle: (req, ctx) => {
      const manifest = ctx.manifests.take(req.params.code ?? "");
      if (!manifest) throw notFound();
      const state = ctx.hub.state;
      const app = state.app;
      if (manifest.name) app.name = manifest.name;
      if (manifest.description !== undefined) app.description = manifest.description;
      if (manifest.hook_attributes?.url && manifest.hook_attributes.active !== false) app.webhookUrl = manifest.hook_attributes.url;
      if (manifest.callback_urls?.length) app.callbackUrls = [...manifest.callback_urls];
      if (manifest.default_permissions) app.permissions = { metadata: "read", ...manifest.default_permissions };
      if (manifest.default_events) app.events = [...manifest.default_events];
      app.updatedAt = state.now();
      return { status: 201, body: { ...appObject(ctx.hub.urls(), app, true), client_secret: app.clientSecret, webhook_secret: app.webhookSecret, pem: app.privateKey } };
    },
  },
];
