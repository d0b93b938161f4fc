import type { ProbotOctokit } from "probot";

/** What the request hook reports of one GitHub request, for whoever counts them (the metrics). */
export interface ObservedRequest {
  method: string;
  /** The route template, such as `/repos/{owner}/{repo}/check-runs`: never a path with ids in it. */
  route: string;
  /** The HTTP status; 0 when no answer came. */
  status: number;
  seconds: number;
  /** Whose rate limit the answer reports: the installation's id, or `app` for calls made as the app (JWT). */
  limitOf: string;
  /** `x-ratelimit-remaining`, when GitHub sent it. */
  rateLimitRemaining: number | undefined;
}

export type RequestObserver = (request: ObservedRequest) => void;

interface Answer {
  status?: number;
  headers?: Record<string, string | number | undefined>;
}

type OctokitPlugin = Parameters<typeof ProbotOctokit.plugin>[0];

/**
 * The route of a request as a template. Octokit's REST methods hand the hook their template
 * (`/repos/{owner}/{repo}/pulls/{pull_number}`); pages after the first come as GitHub's `Link`
 * URLs (`https://api.github.com/repositories/1296269/issues?page=2`), whose ids are replaced, so a
 * metric's labels never grow with the repositories and issues Senseloop touches.
 */
export function routeTemplate(url: string): string {
  let path = url.replace(/^https?:\/\/[^/]+/, "").replace(/[?#].*$/, "");
  path = path.replace(/^\/api\/v3(?=\/)/, "");
  if (!path.startsWith("/")) path = `/${path}`;
  if (path.includes("{")) return path;
  return path
    .replace(/^\/repos\/[^/]+\/[^/]+/, "/repos/{owner}/{repo}")
    .replace(/\/(contents|git\/refs?|git\/matching-refs|branches|compare)\/.+$/, "/$1/{ref}")
    .replace(/\/(users|orgs)\/[^/]+/, "/$1/{login}")
    .replace(/\/\d+(?=\/|$)/g, "/{id}");
}

function remaining(answer: Answer | undefined): number | undefined {
  const value = answer?.headers?.["x-ratelimit-remaining"];
  return value !== undefined && /^\d+$/.test(String(value)) ? Number(value) : undefined;
}

/**
 * An Octokit plugin that reports every request to `observe`, answered or failed. The client's
 * installation (from its auth options) says whose rate limit the answer reports; calls to
 * `/app/…` are made as the app, under the app's own limit.
 */
export function observeRequests(observe: RequestObserver): OctokitPlugin {
  return (octokit, options) => {
    const installationId = (options.auth as { installationId?: number } | undefined)?.installationId;
    octokit.hook.wrap("request", async (request, requestOptions) => {
      const started = performance.now();
      const route = routeTemplate(requestOptions.url ?? "");
      const report = (answer: Answer | undefined) =>
        observe({
          method: (requestOptions.method ?? "GET").toUpperCase(),
          route,
          status: answer?.status ?? 0,
          seconds: (performance.now() - started) / 1000,
          limitOf: installationId !== undefined && !route.startsWith("/app/") && route !== "/app" ? String(installationId) : "app",
          rateLimitRemaining: remaining(answer),
        });
      try {
        const answer = await request(requestOptions);
        report(answer);
        return answer;
      } catch (err) {
        report((err as { response?: Answer; status?: number }).response ?? { status: (err as { status?: number }).status ?? 0 });
        throw err;
      }
    });
  };
}
