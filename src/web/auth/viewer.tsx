import type { Context, MiddlewareHandler } from "hono";
import type { VisibleRepository } from "../../db/queries/web-access.js";
import { GitHubError } from "../../github/errors.js";
import { visibleRepositories } from "../../services/viewer/access.js";
import { readSession, type SessionKind } from "../../services/viewer/sessions.js";
import { SignedOut } from "../../services/viewer/viewer-scope.js";
import { isApiPath } from "../request-info.js";
import { MessagePage } from "../views/message-page.js";
import { sendPage } from "../views/render.js";
import { clearSessionCookie, readSessionCookie, setSessionCookie } from "./cookies.js";
import { formToken } from "./form-token.js";
import type { SignIn } from "./sign-in-setup.js";

/** The signed-in person and everything they may see: the only source of repository ids for any query. */
export interface Viewer {
  user: { id: number; login: string; name: string | null };
  sessionId: string;
  kind: SessionKind;
  /** The hidden field of this person's forms. */
  formToken: string;
  repositories: VisibleRepository[];
}

export interface ViewerEnv {
  Variables: {
    viewer: Viewer | undefined;
    /** Set when this request found the person's GitHub sign-in dead and signed them out. */
    signedOutNow: boolean;
  };
}

const bearer = (c: Context) => /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1];

/**
 * The one place access is decided. It reads the session (the cookie, or an API token on
 * /api/), then what the person may see (cached for five minutes, else asked of GitHub with their
 * token, refreshed first when it expired). Routes read `c.var.viewer.repositories` and pass its
 * ids to every query; without a viewer they answer as if nothing were there.
 */
export function resolveViewer(signIn: SignIn | undefined): MiddlewareHandler<ViewerEnv> {
  return async (c, next) => {
    c.set("viewer", undefined);
    c.set("signedOutNow", false);
    if (!signIn) return next();
    const token = isApiPath(c.req.path) ? bearer(c) : undefined;
    const id = token ?? (await readSessionCookie(c, signIn.cookies));
    const kind: SessionKind = token ? "api" : "browser";
    const session = id ? await readSession(signIn.scope, id, kind) : undefined;
    if (!id || !session) {
      if (id && !token) clearSessionCookie(c, signIn.cookies);
      return next();
    }
    if (session.renewed) await setSessionCookie(c, signIn.cookies, id, { expiresAt: session.expiresAt, now: signIn.scope.clock.now() });
    try {
      const repositories = await visibleRepositories(signIn.scope, session.user.id);
      c.set("viewer", { user: session.user, sessionId: id, kind, formToken: formToken(signIn.keys.forms, id), repositories });
    } catch (err) {
      if (err instanceof SignedOut) {
        if (!token) clearSessionCookie(c, signIn.cookies);
        c.set("signedOutNow", true);
        return next();
      }
      if (err instanceof GitHubError && err.failure !== "permanent") {
        signIn.scope.log.warn({ err, user: session.user.id }, "GitHub did not answer while reading access");
        if (isApiPath(c.req.path)) return c.json({ error: "GitHub did not answer; try again shortly" }, 503);
        return sendPage(c, <MessagePage title="GitHub did not answer" message="Senseloop asks GitHub what you may see, and GitHub did not answer in time. Try again in a moment." tone="warn" />, 503);
      }
      throw err;
    }
    return next();
  };
}
