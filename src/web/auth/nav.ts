import type { Nav } from "../views/layout.js";
import type { SignIn } from "./sign-in-setup.js";
import type { Viewer } from "./viewer.js";

/** The header's view of who is looking; a sign-in link brings the person back to this page. */
export function navOf(c: { var: { viewer: Viewer | undefined }; req: { url: string } }, signIn: SignIn | undefined): Nav {
  const viewer = c.var.viewer;
  if (viewer) return { login: viewer.user.login, formToken: viewer.formToken };
  if (!signIn) return {};
  const here = new URL(c.req.url);
  const back = `${here.pathname}${here.search}`;
  return { signInUrl: back === "/" ? "/login" : `/login?return_to=${encodeURIComponent(back)}` };
}
