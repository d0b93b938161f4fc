import { hasRole } from "./access.js";
import type { Credentials, InstallationToken, UserToken } from "./credentials.js";
import type { Deliveries } from "./deliveries.js";
import { ApiError, forbiddenForIntegration, notFound } from "./errors.js";
import type { Hub } from "./hub.js";
import type { AppJwtVerifier } from "./jwt.js";
import type { ManifestCodes } from "./manifest-codes.js";
import type { Actor, Installation, Permissions, Repo, User } from "./model.js";

/** Who is calling, from the Authorization header. */
export type Principal =
  | { kind: "app" }
  | { kind: "installation"; installation: Installation; token: InstallationToken }
  | { kind: "user"; user: User; token: UserToken }
  | { kind: "personal"; user: User; token: UserToken }
  | { kind: "oauth-app" }
  | { kind: "anonymous" };
export type PrincipalKind = Principal["kind"];

export interface ApiRequest {
  method: string;
  /** The path after `/api/v3`. */
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  body: any;
  headers: Headers;
  principal: Principal;
  route: Route;
}

export interface ApiResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** A non-JSON answer (raw file contents). */
  text?: { content: string; contentType: string; etag: string };
}

export interface ApiContext {
  hub: Hub;
  credentials: Credentials;
  deliveries: Deliveries;
  jwt: AppJwtVerifier;
  manifests: ManifestCodes;
  realNow: () => number;
}

export interface Route {
  method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  /** GitHub's own path template, as in its OpenAPI description. */
  path: string;
  auth: PrincipalKind[];
  /** The app permission the route needs from an installation (and a user token through the app). */
  permission?: [string, "read" | "write"];
  handle(req: ApiRequest, ctx: ApiContext): ApiResult;
}

/** Token kinds that act on repositories. */
export const REPO_AUTH: PrincipalKind[] = ["installation", "user", "personal"];

const allows = (granted: Permissions, [name, level]: [string, "read" | "write"]) => granted[name] === "write" || (level === "read" && granted[name] === "read");

/**
 * The repository named in the path, if the caller can see it. Anything it cannot see is a 404,
 * like GitHub; seen but not permitted (an installation without the permission) is a 403.
 */
export function repoFor(req: ApiRequest, ctx: ApiContext): Repo {
  const repo = ctx.hub.state.repo(req.params.owner ?? "", req.params.repo ?? "");
  if (!repo) throw notFound();
  const principal = req.principal;
  const need = req.route.permission;
  if (principal.kind === "installation") {
    const visible = ctx.hub.state.installationOf(repo)?.id === principal.installation.id && (!principal.token.repoIds || principal.token.repoIds.has(repo.id));
    if (!visible) throw notFound();
    if (need && !allows(principal.token.permissions, need)) throw forbiddenForIntegration();
    return repo;
  }
  if (principal.kind === "user" || principal.kind === "personal") {
    if (!hasRole(repo, principal.user, "read")) throw notFound();
    if (principal.kind === "user") {
      // A user token through the app reaches only what both the user and the installation can.
      const installation = ctx.hub.state.installationOf(repo);
      if (!installation || installation.suspendedAt) throw notFound();
      if (need && !allows(installation.permissions, need)) throw forbiddenForIntegration();
    }
    return repo;
  }
  throw notFound();
}

/** The person or bot a write is made by. */
export function actorFor(req: ApiRequest, ctx: ApiContext): Actor {
  const principal = req.principal;
  if (principal.kind === "installation") return { user: ctx.hub.state.app.bot, viaApp: true };
  if (principal.kind === "user") return { user: principal.user, viaApp: true };
  if (principal.kind === "personal") return { user: principal.user, viaApp: false };
  throw new ApiError(403, "Resource not accessible by integration");
}

export function intParam(req: ApiRequest, name: string): number {
  const value = Number(req.params[name]);
  if (!Number.isInteger(value) || value <= 0) throw notFound();
  return value;
}

/** `page`/`per_page` pagination with GitHub's `Link` header (first, prev, next, last). */
export function paginate<T>(req: ApiRequest, ctx: ApiContext, items: T[], defaultPerPage = 30): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get("per_page") ?? defaultPerPage) || defaultPerPage));
  const page = Math.max(1, Number(req.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (n: number, rel: string) => {
    const query = new URLSearchParams(req.query);
    query.set("per_page", String(perPage));
    query.set("page", String(n));
    return `<${ctx.hub.urls().api}${req.path}?${query.toString()}>; rel="${rel}"`;
  };
  const links = [...(page > 1 ? [link(page - 1, "prev")] : []), ...(page < last ? [link(page + 1, "next"), link(last, "last")] : []), ...(page > 1 ? [link(1, "first")] : [])];
  return { page: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

export const list = <T>(req: ApiRequest, ctx: ApiContext, items: T[], defaultPerPage = 30): ApiResult => {
  const { page, headers } = paginate(req, ctx, items, defaultPerPage);
  return { status: 200, body: page, headers };
};

/** A string field of the body, or a 422 naming it. */
export function stringField(body: any, field: string, resource: string, required = true): string | undefined {
  const value = body?.[field];
  if (value === undefined || value === null) {
    if (required) throw new ApiError(422, "Validation Failed", [{ resource, field, code: "missing_field" }]);
    return undefined;
  }
  if (typeof value !== "string") throw new ApiError(422, `Invalid request.\n\nFor '${field}', ${JSON.stringify(value)} is not a string.`);
  return value;
}
