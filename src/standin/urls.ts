/** The stand-in's two roots: the REST API (GHES puts it under /api/v3) and the web pages. */
export interface Urls {
  /** e.g. http://127.0.0.1:4000/api/v3 */
  api: string;
  /** e.g. http://127.0.0.1:4000 */
  web: string;
}

export function urlsFor(origin: string): Urls {
  const web = origin.replace(/\/+$/, "");
  return { api: `${web}/api/v3`, web };
}

/** A login as a path segment: bots' `[bot]` suffix must be escaped to stay a valid URI. */
export const loginPath = (login: string) => encodeURIComponent(login);
