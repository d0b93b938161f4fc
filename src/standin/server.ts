import { createAdaptorServer } from "@hono/node-server";
import { Hono } from "hono";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError } from "./errors.js";
import { createFromManifest } from "./manifest.js";
import type { ManifestCodes } from "./manifest-codes.js";
import { accessToken, authorize, type OAuthDeps } from "./oauth.js";
import { notFoundPage, renderPage, type PageResult } from "./pages.js";
import type { RecordedRequest, RequestLog } from "./requests.js";
import type { State } from "./state.js";

export interface ServerDeps {
  state: State;
  log: RequestLog;
  api: (request: Request, path: string) => Promise<Response>;
  control: Record<string, (input: any) => unknown>;
  oauth: OAuthDeps;
  manifests: ManifestCodes;
}

function pageResponse(result: PageResult): Response {
  if ("location" in result) return new Response(null, { status: 302, headers: { location: result.location } });
  return new Response(result.html, { status: result.status, headers: { "content-type": "text/html; charset=utf-8" } });
}

/** One HTTP server: the REST API under /api/v3, OAuth and the manifest flow, the control API, and pages. */
export function createServerApp(deps: ServerDeps): Hono {
  const app = new Hono();
  const record = (request: Request, status: number, kind: RecordedRequest["actor"]["kind"], started: number, body?: unknown) => {
    const url = new URL(request.url);
    deps.log.add({ at: deps.state.now(), method: request.method, path: url.pathname, query: Object.fromEntries(url.searchParams), route: null, status, actor: { kind }, ...(body !== undefined ? { body } : {}), durationMs: performance.now() - started });
  };

  app.all("/api/v3/*", (c) => deps.api(c.req.raw, new URL(c.req.url).pathname.slice("/api/v3".length) || "/"));

  app.post("/_standin/:method", async (c) => {
    const method = deps.control[c.req.param("method")];
    if (!method) return c.json({ message: `no control method ${c.req.param("method")}`, methods: Object.keys(deps.control) }, 404);
    const text = await c.req.text();
    try {
      const input = text ? (JSON.parse(text) as unknown) : {};
      return c.json((await method(input)) ?? null);
    } catch (err) {
      if (err instanceof ApiError) return c.json(err.body(), err.status as 400);
      if (err instanceof SyntaxError) return c.json({ message: "the control API takes a JSON object" }, 400);
      return c.json({ message: (err as Error).message }, 500);
    }
  });
  app.get("/_standin", (c) => c.json({ methods: Object.keys(deps.control) }));

  app.get("/login/oauth/authorize", (c) => {
    const started = performance.now();
    const response = authorize(deps.oauth, new URL(c.req.url));
    record(c.req.raw, response.status, "web", started);
    return response;
  });
  app.post("/login/oauth/access_token", async (c) => {
    const started = performance.now();
    const { response, body } = await accessToken(deps.oauth, c.req.raw);
    record(c.req.raw, response.status, "oauth-app", started, body);
    return response;
  });
  app.on(["GET", "POST"], ["/settings/apps/new", "/organizations/:org/settings/apps/new"], (c) => createFromManifest(deps.manifests, c.req.raw));

  app.get("*", (c) => {
    const started = performance.now();
    const response = pageResponse(renderPage(deps.state, new URL(c.req.url).pathname, deps.oauth.signedIn()) ?? notFoundPage());
    record(c.req.raw, response.status, "web", started);
    return response;
  });
  app.all("*", (c) => c.json({ message: "Not Found" }, 404));
  return app;
}

export async function listen(app: Hono, port: number, host: string): Promise<{ server: Server; port: number }> {
  // Hono's adaptor keeps the global Request/Response alone, so tests in the same process are unaffected.
  const server = createAdaptorServer({ fetch: app.fetch, overrideGlobalObjects: false }) as Server;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  return { server, port: (server.address() as AddressInfo).port };
}

export async function close(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
