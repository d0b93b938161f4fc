import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Clock } from "../../clock.js";
import type { Db } from "../../db/client.js";
import { listHypotheses } from "../../db/queries/web-repository.js";
import { decodeCursor, encodeCursor } from "../../services/pages/cursor.js";
import { figuresOf } from "../../services/pages/figures.js";
import { hypothesisData } from "../../services/pages/hypothesis-data.js";
import { learningLog } from "../../services/pages/learnings-data.js";
import { orgData } from "../../services/pages/org-data.js";
import { LOOP_STATES, repositoryData, repositoryLoopPage } from "../../services/pages/repository-data.js";
import { visibleOwner, visibleOwners, visibleRepository } from "../../services/pages/visible.js";
import type { ViewerEnv } from "../auth/viewer.js";
import { HypothesisParams, LearningsQuery, OwnerParams, RepoParams } from "../dashboard/page-params.js";
import { validParams } from "../params.js";
import { badRequest, Limit, page, sliceAfter } from "./paging.js";
import { closureJson, featureFactoryJson, figuresJson, hypothesisJson, learningJson, loopJson, mergedWeekJson, repositoryJson } from "./serialize.js";

const Key = z.object({ k: z.string().max(300) });
const NumberCursor = z.object({ n: z.number().int().min(0) });

/** Reads `?limit` and an opaque `?cursor`; undefined (a 400 already sent) when either does not parse. */
function paging<S extends z.ZodType>(c: Context, schema: S): { limit: number; after: z.infer<S> | undefined } | Response {
  const limit = Limit.safeParse(c.req.query("limit"));
  if (!limit.success) return badRequest(c, "limit must be a whole number from 1 to 100");
  const cursor = c.req.query("cursor");
  const after = cursor ? decodeCursor(schema, cursor) : undefined;
  if (cursor && after === undefined) return badRequest(c, "cursor is not one this server gave out");
  return { limit: limit.data, after };
}

/**
 * The JSON API, `/api/v1/…`: the pages' data under the pages' access rules. A script signs in
 * with an API token (`Authorization: Bearer …`), a browser with its session; without either every
 * route answers 401, and a resource the person may not see answers 404.
 */
export function apiRoutes(options: { db: Db; clock: Clock }): Hono<ViewerEnv> {
  const { db, clock } = options;
  const app = new Hono<ViewerEnv>();
  app.use("/api/v1/*", async (c, next) => {
    if (!c.get("viewer")) {
      c.header("www-authenticate", 'Bearer realm="senseloop"');
      return c.json({ error: "sign in required: send an API token as Authorization: Bearer <token>" }, 401);
    }
    await next();
  });
  const visible = (c: { var: { viewer: ViewerEnv["Variables"]["viewer"] } }) => c.var.viewer!.repositories;
  const notFound = (c: Context) => c.json({ error: "not found" }, 404);

  app.get("/api/v1/orgs", async (c) => {
    const p = paging(c, Key);
    if (p instanceof Response) return p;
    const owners = visibleOwners(visible(c));
    const { rows, next } = sliceAfter(owners, (o) => o.login.toLowerCase(), p.after?.k, p.limit);
    const data = await Promise.all(rows.map(async (o) => ({ login: o.login, repositories: o.repositories.length, totals: figuresJson((await figuresOf(db, clock.now(), o.repositories)).totals) })));
    return page(c, data, next ? encodeCursor({ k: next }) : null);
  });

  app.get("/api/v1/orgs/:owner/metrics", validParams(OwnerParams), async (c) => {
    const owner = visibleOwner(visible(c), c.var.params.owner);
    if (!owner) return notFound(c);
    const data = await orgData(db, clock.now(), owner, { sort: "name", direction: "asc" });
    return c.json({ login: data.owner, repositories: data.repositories.length, totals: figuresJson(data.totals), feature_factory: data.featureFactory.map(featureFactoryJson) });
  });

  app.get("/api/v1/orgs/:owner/repos", validParams(OwnerParams), async (c) => {
    const owner = visibleOwner(visible(c), c.var.params.owner);
    if (!owner) return notFound(c);
    const p = paging(c, Key);
    if (p instanceof Response) return p;
    const sorted = [...owner.repositories].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
    const { rows, next } = sliceAfter(sorted, (r) => r.name.toLowerCase(), p.after?.k, p.limit);
    const figures = await figuresOf(db, clock.now(), rows);
    return page(c, figures.repositories.map((r) => ({ ...repositoryJson(r.repository), figures: figuresJson(r.figures) })), next ? encodeCursor({ k: next }) : null);
  });

  app.get("/api/v1/orgs/:owner/learnings", validParams(OwnerParams), async (c) => {
    const owner = visibleOwner(visible(c), c.var.params.owner);
    if (!owner) return notFound(c);
    const limit = Limit.safeParse(c.req.query("limit"));
    if (!limit.success) return badRequest(c, "limit must be a whole number from 1 to 100");
    const query = LearningsQuery.parse(c.req.query());
    const log = await learningLog(db, owner, { decision: query.decision, repository: query.repo, text: query.q, cursor: query.cursor, limit: limit.data });
    if (!log.ok) return badRequest(c, log.problem);
    return page(c, log.rows.map(learningJson), log.nextCursor);
  });

  app.get("/api/v1/repos/:owner/:repo/metrics", validParams(RepoParams), async (c) => {
    const repo = visibleRepository(visible(c), c.var.params.owner, c.var.params.repo);
    if (!repo) return notFound(c);
    const data = await repositoryData(db, clock.now(), repo);
    return c.json({ ...repositoryJson(repo), figures: figuresJson(data.figures), closure_by_month: data.charts.closure.map(closureJson), merged_by_week: data.charts.merged.map(mergedWeekJson) });
  });

  app.get("/api/v1/repos/:owner/:repo/loops", validParams(RepoParams), async (c) => {
    const repo = visibleRepository(visible(c), c.var.params.owner, c.var.params.repo);
    if (!repo) return notFound(c);
    const state = z.enum(LOOP_STATES).optional().safeParse(c.req.query("state") || undefined);
    if (!state.success) return badRequest(c, `state must be one of ${LOOP_STATES.join(", ")}`);
    const p = paging(c, NumberCursor);
    if (p instanceof Response) return p;
    // The lists in the page's order (the page stops at LIST_LIMIT rows each); the cursor is the position reached.
    const start = p.after?.n ?? 0;
    const loops = await repositoryLoopPage(db, clock.now(), repo, state.data, { start, limit: p.limit });
    return page(c, loops.rows.map(loopJson), start + p.limit < loops.total ? encodeCursor({ n: start + p.limit }) : null);
  });

  app.get("/api/v1/repos/:owner/:repo/hypotheses", validParams(RepoParams), async (c) => {
    const repo = visibleRepository(visible(c), c.var.params.owner, c.var.params.repo);
    if (!repo) return notFound(c);
    const p = paging(c, NumberCursor);
    if (p instanceof Response) return p;
    const rows = await listHypotheses(db, { repositoryIds: visible(c).map((r) => r.id), repositoryId: repo.id, after: p.after?.n ?? 0, limit: p.limit + 1 });
    const shown = rows.slice(0, p.limit);
    const data = shown.map((h) => ({ number: h.number, title: h.title, html_url: h.htmlUrl, state: h.goneAt ? "gone" : h.state, is_hypothesis: h.goneAt === null && h.labels.includes(repo.hypothesisLabel) }));
    return page(c, data, rows.length > p.limit ? encodeCursor({ n: shown.at(-1)!.number }) : null);
  });

  app.get("/api/v1/repos/:owner/:repo/hypotheses/:number", validParams(HypothesisParams), async (c) => {
    const repo = visibleRepository(visible(c), c.var.params.owner, c.var.params.repo);
    const data = repo ? await hypothesisData(db, visible(c), repo, c.var.params.number) : null;
    if (!data) return notFound(c);
    return c.json(hypothesisJson(data));
  });
  return app;
}
