import { appRoutes } from "./api-app.js";
import { checkRoutes } from "./api-checks.js";
import { issueRoutes } from "./api-issues.js";
import type { Route } from "./api-kit.js";
import { pullRoutes } from "./api-pulls.js";
import { manifestRoutes } from "./manifest.js";
import { repoRoutes } from "./api-repos.js";
import { userRoutes } from "./api-user.js";

/** Every REST route the stand-in serves, in GitHub's own path templates. */
export const ROUTES: Route[] = [...appRoutes, ...repoRoutes, ...issueRoutes, ...pullRoutes, ...checkRoutes, ...userRoutes, ...manifestRoutes];

/** Parameters that may hold slashes: a file path, and `base...head` whose refs may be `feature/x`. */
const GREEDY = new Set(["path", "basehead"]);

interface Compiled {
  route: Route;
  pattern: RegExp;
  names: string[];
  statics: number;
}

function compile(route: Route): Compiled {
  const names: string[] = [];
  const segments = route.path.split("/").slice(1);
  const source = segments
    .map((segment) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
      names.push(param[1]!);
      return GREEDY.has(param[1]!) ? "(.+)" : "([^/]+)";
    })
    .join("/");
  return { route, pattern: new RegExp(`^/${source}/?$`), names, statics: segments.filter((s) => !s.startsWith("{")).length };
}

/** More literal segments first, so `/issues/comments/{id}` wins over `/issues/{issue_number}`. */
const COMPILED = ROUTES.map(compile).sort((a, b) => b.statics - a.statics);

export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** The route for a method and path; `methodMismatch` when the path exists for other methods only. */
export function matchRoute(method: string, path: string): Match | { methodMismatch: boolean } {
  let pathMatched = false;
  for (const compiled of COMPILED) {
    const found = compiled.pattern.exec(path);
    if (!found) continue;
    pathMatched = true;
    if (compiled.route.method !== method) continue;
    const params: Record<string, string> = {};
    compiled.names.forEach((name, i) => {
      const raw = found[i + 1] ?? "";
      try {
        params[name] = decodeURIComponent(raw);
      } catch {
        params[name] = raw;
      }
    });
    return { route: compiled.route, params };
  }
  return { methodMismatch: pathMatched };
}
