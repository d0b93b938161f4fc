import { list, paginate, type ApiContext, type ApiRequest, type ApiResult, type Route } from "./api-kit.js";
import { ApiError, notFound, validationFailed } from "./errors.js";
import type { Delivery } from "./deliveries.js";
import type { Permissions } from "./model.js";
import { repoObject } from "./render-repo.js";
import { appObject, installationObject } from "./render-user.js";

const installationIdOf = (req: ApiRequest) => {
  const id = Number(req.params.installation_id);
  if (!Number.isInteger(id)) throw notFound();
  return id;
};

function deliveryItem(delivery: Delivery) {
  return {
    id: delivery.id,
    guid: delivery.guid,
    delivered_at: delivery.deliveredAt,
    redelivery: delivery.redelivery,
    duration: delivery.duration,
    status: delivery.status,
    status_code: delivery.statusCode,
    event: delivery.event,
    action: delivery.action,
    installation_id: delivery.installationId,
    repository_id: delivery.repositoryId,
    throttled_at: null,
  };
}

/** Newest first, `per_page` at a time, continued by the opaque `cursor` of GitHub's `Link: rel="next"`. */
function listDeliveries(req: ApiRequest, ctx: ApiContext): ApiResult {
  const perPage = Math.min(100, Math.max(1, Number(req.query.get("per_page") ?? 30) || 30));
  const cursor = req.query.get("cursor");
  const before = cursor ? Number(/^v1_(\d+)$/.exec(cursor)?.[1] ?? Number.NaN) : Number.POSITIVE_INFINITY;
  if (Number.isNaN(before)) throw validationFailed({ resource: "HookDelivery", field: "cursor", code: "invalid", value: cursor });
  const status = req.query.get("status");
  const attempted = ctx.deliveries.log.filter((d) => d.state !== "pending" && d.id < before && (status === null || (status === "success") === (d.state === "delivered")));
  const page = attempted.slice().reverse().slice(0, perPage);
  const more = attempted.length > perPage;
  const headers: Record<string, string> = {};
  if (more) headers.link = `<${ctx.hub.urls().api}/app/hook/deliveries?per_page=${perPage}&cursor=v1_${page.at(-1)!.id}${status ? `&status=${status}` : ""}>; rel="next"`;
  return { status: 200, body: page.map(deliveryItem), headers };
}

function deliveryFor(req: ApiRequest, ctx: ApiContext): Delivery {
  const delivery = ctx.deliveries.log.find((d) => d.id === Number(req.params.delivery_id) && d.state !== "pending");
  if (!delivery) throw notFound();
  return delivery;
}

/** Narrows a new token to some repositories or fewer permissions, refusing what the installation lacks. */
function tokenScope(req: ApiRequest, ctx: ApiContext, installationId: number) {
  const installation = ctx.hub.state.requireInstallation(installationId);
  const reachable = ctx.hub.state.installationRepos(installation);
  let repoIds: Set<number> | undefined;
  const names = req.body?.repositories as string[] | undefined;
  const ids = req.body?.repository_ids as number[] | undefined;
  if (names || ids) {
    repoIds = new Set();
    for (const name of names ?? []) {
      const repo = reachable.find((r) => r.name === name || `${r.owner.login}/${r.name}` === name);
      if (!repo) throw new ApiError(422, "There is at least one repository that does not exist or is not accessible to the parent installation.");
      repoIds.add(repo.id);
    }
    for (const id of ids ?? []) {
      if (!reachable.some((r) => r.id === id)) throw new ApiError(422, "There is at least one repository that does not exist or is not accessible to the parent installation.");
      repoIds.add(id);
    }
  }
  const requested = req.body?.permissions as Permissions | undefined;
  if (requested) {
    for (const [name, level] of Object.entries(requested)) {
      const granted = installation.permissions[name];
      if (!granted || (level === "write" && granted !== "write")) throw new ApiError(422, "The permissions requested are not granted to this installation.");
    }
  }
  return { installation, repoIds, permissions: requested, repos: repoIds ? reachable.filter((r) => repoIds!.has(r.id)) : undefined };
}

export const appRoutes: Route[] = [
  {
    method: "GET",
    path: "/app",
    auth: ["app"],
    handle: (_req, ctx) => ({ status: 200, body: { ...appObject(ctx.hub.urls(), ctx.hub.state.app, true), installations_count: [...ctx.hub.state.installations.values()].filter((i) => !i.deleted).length } }),
  },
  {
    method: "GET",
    path: "/app/installations",
    auth: ["app"],
    handle: (req, ctx) => list(req, ctx, [...ctx.hub.state.installations.values()].filter((i) => !i.deleted).map((i) => installationObject(ctx.hub.urls(), ctx.hub.state.app, i))),
  },
  {
    method: "GET",
    path: "/app/installations/{installation_id}",
    auth: ["app"],
    handle: (req, ctx) => ({ status: 200, body: installationObject(ctx.hub.urls(), ctx.hub.state.app, ctx.hub.state.requireInstallation(installationIdOf(req))) }),
  },
  {
    method: "POST",
    path: "/app/installations/{installation_id}/access_tokens",
    auth: ["app"],
    handle: (req, ctx) => {
      const id = installationIdOf(req);
      const installation = ctx.hub.state.installations.get(id);
      if (!installation || installation.deleted) throw notFound();
      if (installation.suspendedAt) throw new ApiError(403, "This installation has been suspended");
      const scope = tokenScope(req, ctx, id);
      const token = ctx.credentials.issueInstallationToken(installation, scope);
      const urls = ctx.hub.urls();
      return { status: 201, body: { token: token.token, expires_at: token.expiresAt, permissions: token.permissions, repository_selection: scope.repos ? "selected" : installation.selection, ...(scope.repos ? { repositories: scope.repos.map((r) => repoObject(urls, r)) } : {}) } };
    },
  },
  {
    method: "GET",
    path: "/repos/{owner}/{repo}/installation",
    auth: ["app"],
    handle: (req, ctx) => {
      const repo = ctx.hub.state.repo(req.params.owner ?? "", req.params.repo ?? "");
      const installation = repo ? ctx.hub.state.installationOf(repo) : undefined;
      if (!installation) throw notFound();
      return { status: 200, body: installationObject(ctx.hub.urls(), ctx.hub.state.app, installation) };
    },
  },
  {
    method: "GET",
    path: "/installation/repositories",
    auth: ["installation"],
    handle: (req, ctx) => {
      if (req.principal.kind !== "installation") throw notFound();
      const { installation, token } = req.principal;
      const repos = ctx.hub.state.installationRepos(installation).filter((r) => !token.repoIds || token.repoIds.has(r.id));
      const { page, headers } = paginate(req, ctx, repos);
      return { status: 200, body: { total_count: repos.length, repository_selection: installation.selection, repositories: page.map((r) => repoObject(ctx.hub.urls(), r)) }, headers };
    },
  },
  { method: "GET", path: "/app/hook/deliveries", auth: ["app"], handle: listDeliveries },
  {
    method: "GET",
    path: "/app/hook/deliveries/{delivery_id}",
    auth: ["app"],
    handle: (req, ctx) => {
      const delivery = deliveryFor(req, ctx);
      return {
        status: 200,
        body: { ...deliveryItem(delivery), url: ctx.hub.state.app.webhookUrl ?? "", request: { headers: delivery.requestHeaders, payload: JSON.parse(delivery.payload) as unknown }, response: { headers: delivery.responseHeaders, payload: delivery.responseBody } },
      };
    },
  },
  {
    method: "POST",
    path: "/app/hook/deliveries/{delivery_id}/attempts",
    auth: ["app"],
    handle: (req, ctx) => {
      ctx.deliveries.redeliver(deliveryFor(req, ctx).id);
      return { status: 202, body: {} };
    },
  },
];

