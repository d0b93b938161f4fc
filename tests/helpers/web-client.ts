/**
 * A small browser for HTTP tests: it keeps cookies per name, follows no redirects (tests look at
 * them), and sends forms as a same-origin page would, unless told otherwise.
 */
export class WebClient {
  readonly cookies = new Map<string, string>();

  constructor(readonly base: string) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const at = pair.indexOf("=");
      const name = pair.slice(0, at);
      const value = pair.slice(at + 1);
      if (value === "" || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size === 0 ? {} : { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") };
  }

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.base), { redirect: "manual", headers: { ...this.cookieHeader(), ...headers } });
    this.remember(res);
    return res;
  }

  /** A form post; `origin` defaults to this server's, as a browser sends from our own page. */
  async post(path: string, form: Record<string, string>, o: { origin?: string; headers?: Record<string, string> } = {}): Promise<Response> {
    const res = await fetch(new URL(path, this.base), {
      method: "POST",
      redirect: "manual",
      body: new URLSearchParams(form).toString(),
      headers: { "content-type": "application/x-www-form-urlencoded", origin: o.origin ?? this.base, ...this.cookieHeader(), ...o.headers },
    });
    this.remember(res);
    return res;
  }
}

/** The hidden form token on a page (the sign-out form carries one). */
export function formTokenOf(html: string): string | undefined {
  return /<input type="hidden" name="token" value="([^"]+)"/.exec(html)?.[1];
}
