import { Hono } from "hono";
import type { Clock } from "../../clock.js";
import type { Db } from "../../db/client.js";
import { homeData } from "../../services/pages/home-data.js";
import { hypothesisData } from "../../services/pages/hypothesis-data.js";
import { learningLog } from "../../services/pages/learnings-data.js";
import { orgData } from "../../services/pages/org-data.js";
import { repositoryData } from "../../services/pages/repository-data.js";
import { visibleOwner, visibleRepository } from "../../services/pages/visible.js";
import { navOf } from "../auth/nav.js";
import { callbackUrl } from "../auth/sign-in-routes.js";
import type { SignIn } from "../auth/sign-in-setup.js";
import type { ViewerEnv } from "../auth/viewer.js";
import { validParams } from "../params.js";
import { HomePage } from "../views/home-page.js";
import { HypothesisPage } from "../views/hypothesis-page.js";
import { LandingPage } from "../views/landing-page.js";
import { LearningsPage } from "../views/learnings-page.js";
import { MessagePage } from "../views/message-page.js";
import { FIRST_DIRECTION, OrgPage } from "../views/org-page.js";
import { sendPage } from "../views/render.js";
import { RepoPage } from "../views/repo-page.js";
import { HypothesisParams, LearningsQuery, OrgQuery, OwnerParams, RepoParams } from "./page-params.js";

export interface PageRouteOptions {
  db: Db;
  clock: Clock;
  signIn: SignIn | undefined;
  signInMissing: string[];
}

const LEARNINGS_PAGE = 50;

/**
 * The dashboard's pages. Each reads what the person may see from `c.var.viewer` (set by the
 * access middleware) and hands only that to its service; an owner, repository or hypothesis
 * outside it is a 404, exactly like one that does not exist.
 */
export function pageRoutes(options: PageRouteOptions): Hono<ViewerEnv> {
  const { db, clock, signIn } = options;
  const app = new Hono<ViewerEnv>();

  app.get("/", async (c) => {
    const viewer = c.get("viewer");
    const nav = navOf(c, signIn);
    if (!viewer) {
      const data = { signInConfigured: signIn !== undefined, signInMissing: options.signInMissing, callbackUrl: callbackUrl(c, signIn?.publicUrl), signedOutNow: c.get("signedOutNow") };
      return sendPage(c, <LandingPage data={data} nav={nav} />);
    }
    return sendPage(c, <HomePage owners={await homeData(db, clock.now(), viewer.repositories)} nav={nav} />);
  });

  app.get("/:owner/learnings", validParams(OwnerParams), async (c) => {
    const owner = visibleOwner(c.get("viewer")?.repositories ?? [], c.var.params.owner);
    if (!owner) return c.notFound();
    const query = LearningsQuery.parse(c.req.query());
    const page = await learningLog(db, owner, { decision: query.decision, repository: query.repo, text: query.q, cursor: query.cursor, limit: LEARNINGS_PAGE });
    if (!page.ok) return sendPage(c, <MessagePage title="Not a page of the log" message="This page address is out of date. Start from the newest entries." tone="warn" />, 400);
    const link = (cursor: string | undefined) => {
      const search = new URLSearchParams();
      if (query.q) search.set("q", query.q);
      if (query.decision) search.set("decision", query.decision);
      if (query.repo) search.set("repo", query.repo);
      if (cursor) search.set("cursor", cursor);
      const text = search.toString();
      return `/${encodeURIComponent(owner.login)}/learnings${text ? `?${text}` : ""}`;
    };
    const data = {
      owner: owner.login,
      repositories: owner.repositories,
      filter: { decision: query.decision, repository: query.repo, text: query.q },
      rows: page.rows,
      nextUrl: page.nextCursor ? link(page.nextCursor) : null,
      firstUrl: query.cursor ? link(undefined) : null,
    };
    return sendPage(c, <LearningsPage data={data} nav={navOf(c, signIn)} />);
  });

  app.get("/:owner", validParams(OwnerParams), async (c) => {
    const owner = visibleOwner(c.get("viewer")?.repositories ?? [], c.var.params.owner);
    if (!owner) return c.notFound();
    const query = OrgQuery.parse(c.req.query());
    const order = { sort: query.sort, direction: query.dir ?? FIRST_DIRECTION[query.sort] };
    return sendPage(c, <OrgPage data={await orgData(db, clock.now(), owner, order)} sort={order.sort} direction={order.direction} nav={navOf(c, signIn)} />);
  });

  app.get("/:owner/:repo", validParams(RepoParams), async (c) => {
    const repo = visibleRepository(c.get("viewer")?.repositories ?? [], c.var.params.owner, c.var.params.repo);
    if (!repo) return c.notFound();
    return sendPage(c, <RepoPage data={await repositoryData(db, clock.now(), repo)} nav={navOf(c, signIn)} />);
  });

  app.get("/:owner/:repo/hypotheses/:number", validParams(HypothesisParams), async (c) => {
    const visible = c.get("viewer")?.repositories ?? [];
    const repo = visibleRepository(visible, c.var.params.owner, c.var.params.repo);
    const data = repo ? await hypothesisData(db, visible, repo, c.var.params.number) : null;
    if (!data) return c.notFound();
    return sendPage(c, <HypothesisPage data={data} nav={navOf(c, signIn)} />);
  });
  return app;
}
