import { Hono } from "hono";
import { deleteApiToken, listApiTokens } from "../../db/queries/web-sessions.js";
import { startSession } from "../../services/viewer/sessions.js";
import { navOf } from "../auth/nav.js";
import type { SignIn } from "../auth/sign-in-setup.js";
import type { ViewerEnv } from "../auth/viewer.js";
import { sendPage } from "../views/render.js";
import { TokensPage, type TokensView } from "../views/tokens-page.js";
import { formGuard } from "./form-guard.js";

/** `/settings/tokens`: make and revoke API tokens, which are sessions of kind "api". */
export function tokenRoutes(signIn: SignIn): Hono<ViewerEnv> {
  const app = new Hono<ViewerEnv>();
  const { db, clock } = signIn.scope;
  const apiBase = (url: string) => signIn.publicUrl ?? new URL(url).origin;
  const view = async (userId: number, url: string, extra: Partial<TokensView> = {}): Promise<TokensView> => ({
    tokens: (await listApiTokens(db, userId, clock.now())).map((row) => ({ id: row.idHash, label: row.label ?? "", createdAt: row.createdAt, lastSeenAt: row.lastSeenAt, expiresAt: row.expiresAt })),
    apiBase: apiBase(url),
    ...extra,
  });

  app.get("/settings/tokens", async (c) => {
    const viewer = c.get("viewer");
    if (!viewer) return c.notFound();
    return sendPage(c, <TokensPage data={await view(viewer.user.id, c.req.url)} nav={navOf(c, signIn)} />);
  });

  app.post("/settings/tokens", formGuard(signIn), async (c) => {
    const viewer = c.get("viewer")!;
    const form = await c.req.parseBody();
    const label = typeof form.label === "string" ? form.label.trim().slice(0, 100) : "";
    if (!label) return sendPage(c, <TokensPage data={await view(viewer.user.id, c.req.url, { problem: "Say what the token is for, so you know which one to revoke later." })} nav={navOf(c, signIn)} />, 400);
    const created = await startSession(signIn.scope, viewer.user.id, "api", label);
    signIn.scope.log.info({ user: viewer.user.id }, "API token made");
    return sendPage(c, <TokensPage data={await view(viewer.user.id, c.req.url, { created: { token: created.id, label } })} nav={navOf(c, signIn)} />, 201);
  });

  app.post("/settings/tokens/revoke", formGuard(signIn), async (c) => {
    const viewer = c.get("viewer")!;
    const form = await c.req.parseBody();
    if (typeof form.id !== "string" || !(await deleteApiToken(db, viewer.user.id, form.id))) return c.notFound();
    return c.redirect("/settings/tokens", 303);
  });
  return app;
}
