import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A JSX element as the renderer sees it: escaped HTML now, or once async parts resolve. */
type Renderable = { toString(): string | Promise<string> } | Promise<{ toString(): string | Promise<string> }>;

/** A whole HTML document from a page element; JSX has no doctype of its own. */
export async function renderDocument(page: Renderable): Promise<string> {
  const node = await page;
  return `<!doctype html>${await node.toString()}`;
}

/** Answers with a page. */
export async function sendPage(c: Context, page: Renderable, status: ContentfulStatusCode = 200): Promise<Response> {
  return c.html(await renderDocument(page), status);
}
