import { hasRole, roleOf } from "./access.js";
import { paginate, stringField, type ApiContext, type ApiRequest, type Route } from "./api-kit.js";
import { ApiError, forbiddenForIntegration, notFound } from "./errors.js";
import type { Installation, Repo, User } from "./model.js";
import { repoObject } from "./render-repo.js";
import { installationObject, privateUserObject } from "./render-user.js";

function signedInUser(req: ApiRequest): User {
  if (req.principal.kind === "user" || req.principal.kind === "personal") return req.principal.user;
  throw forbiddenForIntegration();
}

/** Installations the user can reach: some repository of theirs is both visible to them and covered. */
function userInstallations(ctx: ApiContext, user: User): { installation: Installation; repos: Repo[] }[] {
  return [...ctx.hub.state.installations.values()]
    .filter((i) => !i.deleted)
    .map((installation) => ({ installation, repos: ctx.hub.state.installationRepos(installation).filter((r) => hasRole(r, user, "read")) }))
    .filter((entry) => entry.repos.length > 0);
}

function repoPermissions(repo: Repo, user: User) {
  const role = roleOf(repo, user);
  return { admin: role === "admin", maintain: role === "admin" || role === "maintain", push: role === "admin" || role === "maintain" || role === "write", triage: role !== undefined && role !== "read", pull: role !== undefined };
}

/** A revocation names the client in the path and authenticates as it; another client's id is a 404. */
function checkClient(req: ApiRequest, ctx: ApiContext): User {
  if (req.params.client_id !== ctx.hub.state.app.clientId) throw notFound();
  const token = stringField(req.body, "access_token", "Authorization")!;
  const user = ctx.credentials.ownerOf(token);
  if (!user) throw new ApiError(404, "Not Found");
  return user;
}

export const userRoutes: Route[] = [
  {
    method: "GET",
    path: "/user",
    auth: ["user", "personal", "installation"],
    handle: (req, ctx) => ({ status: 200, body: privateUserObject(ctx.hub.urls(), signedInUser(req)) }),
  },
  {
    method: "GET",
    path: "/user/installations",
    auth: ["user"],
    handle: (req, ctx) => {
      const entries = userInstallations(ctx, signedInUser(req));
      const { page, headers } = paginate(req, ctx, entries);
      return { status: 200, headers, body: { total_count: entries.length, installations: page.map((e) => installationObject(ctx.hub.urls(), ctx.hub.state.app, e.installation)) } };
    },
  },
  {
    method: "GET",
    path: "/user/installations/{installation_id}/repositories",
    auth: ["user"],
    handle: (req, ctx) => {
      const user = signedInUser(req);
      const entry = userInstallations(ctx, user).find((e) => e.installation.id === Number(req.params.installation_id));
      if (!entry) throw notFound();
      const { page, headers } = paginate(req, ctx, entry.repos);
      return { status: 200, headers, body: { total_count: entry.repos.length, repository_selection: entry.installation.selection, repositories: page.map((r) => ({ ...repoObject(ctx.hub.urls(), r), permissions: repoPermissions(r, user) })) } };
    },
  },
  {
    method: "DELETE",
    path: "/applications/{client_id}/grant",
    auth: ["oauth-app"],
    handle: (req, ctx) => {
      const user = checkClient(req, ctx);
      if (ctx.credentials.revokeUser(user.id)) ctx.hub.hooks.appEvent("github_app_authorization", "revoked", user);
      return { status: 204 };
    },
  },
  {
    method: "DELETE",
    path: "/applications/{client_id}/token",
    auth: ["oauth-app"],
    handle: (req, ctx) => {
      checkClient(req, ctx);
      ctx.credentials.revokeToken(String(req.body.access_token));
      return { status: 204 };
    },
  },
];
