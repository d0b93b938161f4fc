import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import { every } from "hono/combine";
import { formTokenMatches } from "../auth/form-token.js";
import type { SignIn } from "../auth/sign-in-setup.js";
import type { ViewerEnv } from "../auth/viewer.js";
import { MessagePage } from "../views/message-page.js";
import { sendPage } from "../views/render.js";

/**
 * Every state-changing form: posted from this origin (hono/csrf), by a signed-in browser, with
 * its session's form token. Without a session the answer is a 404, like the page itself.
 */
export function formGuard(signIn: SignIn): MiddlewareHandler<ViewerEnv> {
  const token: MiddlewareHandler<ViewerEnv> = async (c, next) => {
    const viewer = c.get("viewer");
    if (!viewer || viewer.kind !== "browser") return c.notFound();
    const form = await c.req.parseBody();
    if (!formTokenMatches(signIn.keys.forms, viewer.sessionId, form.token)) return sendPage(c, <MessagePage title="Form refused" message="This form is out of date. Reload the page and try again." tone="error" />, 403);
    await next();
  };
  return every(csrf(), bodyLimit({ maxSize: 8192 }), token) as MiddlewareHandler<ViewerEnv>;
}
