/**
 * A person's browser on Senseloop's web dashboard, for the demo to look at what it shows: it
 * keeps Senseloop's cookies and signs in the way a browser does, through GitHub's (the
 * stand-in's) OAuth pages, following the redirects by hand.
 */
export class WebSession {
  readonly #cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  /** `/login` → the stand-in's authorize page (which approves the signed-in person) → `/auth/callback`. */
  async signIn(): Promise<void> {
    const login = await this.get("/login");
    const authorize = login.headers.get("location");
    if (login.status !== 302 || !authorize) throw new Error(`/login answered ${login.status}, not a redirect to GitHub`);
    const approved = await fetch(authorize, { redirect: "manual" });
    const callback = approved.headers.get("location");
    if (!callback?.startsWith(`${this.base}/auth/callback`)) throw new Error(`GitHub's authorize page answered ${approved.status} without sending the browser back`);
    const back = await this.get(callback);
    if (back.status !== 303) throw new Error(`the sign-in callback answered ${back.status}: ${(await back.text()).slice(0, 200)}`);
  }

  async get(path: string): Promise<Response> {
    const cookie = [...this.#cookies].map(([name, value]) => `${name}=${value}`).join("; ");
    const res = await fetch(new URL(path, this.base), { redirect: "manual", headers: cookie ? { cookie } : {} });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.#cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    return res;
  }

  /** A JSON API route; anything but a 200 is an error naming the route. */
  async json<T>(path: string): Promise<T> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return (await res.json()) as T;
  }

  /** A page's text without its markup, for checking what a person would read on it. */
  async pageText(path: string): Promise<string> {
    const res = await this.get(path);
    if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
    return textOf(await res.text());
  }
}

/** HTML to the words on the page: tags dropped, entities of the escaper undone, spaces folded. */
export function textOf(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();
}
