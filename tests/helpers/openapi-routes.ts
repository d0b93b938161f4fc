/** An operation's route: its path template split into segments ("{owner}" is a parameter). */
export interface Route {
  method: string;
  path: string;
  id: string;
  segments: string[];
}

export interface MatchedRoute extends Route {
  params: Record<string, string>;
}

const isParam = (segment: string) => segment.startsWith("{") && segment.endsWith("}");

/** Parameters GitHub reads with their slashes (a file path, a branch or tag name, `base...head`). */
const SLASHED = new Set(["{path}", "{ref}", "{branch}", "{basehead}", "{file_path}"]);

/**
 * Matches `segments` against a template: a literal segment must be equal, a parameter takes
 * one segment. `greedy` lets a last parameter that may hold slashes take the rest
 * (`contents/{path}` sent unencoded), tried only when nothing matches segment for segment.
 */
function match(route: Route, segments: string[], greedy: boolean): Record<string, string> | undefined {
  const last = route.segments.length - 1;
  if (greedy ? segments.length < route.segments.length || !SLASHED.has(route.segments[last]!) : segments.length !== route.segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < route.segments.length; i++) {
    const template = route.segments[i]!;
    const value = greedy && i === last ? segments.slice(i).join("/") : segments[i]!;
    if (isParam(template)) {
      if (value === "") return undefined;
      params[template.slice(1, -1)] = safeDecode(value);
    } else if (template !== value) return undefined;
  }
  return params;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** Literal segments outrank parameters, position by position (`issues/comments/{id}` over `issues/{number}/…`). */
function moreLiteral(a: Route, b: Route): number {
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const pa = isParam(a.segments[i]!);
    const pb = isParam(b.segments[i]!);
    if (pa !== pb) return pa ? 1 : -1;
  }
  return 0;
}

export type RouteMatch = { route?: MatchedRoute; otherMethods: string[] };

/**
 * One description's routes, bucketed by segment count (a request is matched against a few
 * dozen templates, not 1,200), with each path's answer remembered: a test file asks about the
 * same few paths hundreds of times.
 */
export class RouteTable {
  private readonly bySegments = new Map<number, Route[]>();
  private readonly slashed: Route[];
  private readonly memo = new Map<string, RouteMatch>();

  constructor(readonly routes: Route[]) {
    for (const route of routes) {
      const bucket = this.bySegments.get(route.segments.length) ?? this.bySegments.set(route.segments.length, []).get(route.segments.length)!;
      bucket.push(route);
    }
    this.slashed = routes.filter((r) => SLASHED.has(r.segments[r.segments.length - 1]!));
  }

  find(method: string, path: string): RouteMatch {
    const key = `${method} ${path}`;
    let found = this.memo.get(key);
    if (!found) {
      const segments = path.split("/").slice(1);
      found = findRoute(this.bySegments.get(segments.length) ?? [], this.slashed, method, segments);
      this.memo.set(key, found);
    }
    return found;
  }
}

/** The operation for a method and path, or the methods the path does have (to say "wrong method"). */
function findRoute(sameLength: Route[], slashed: Route[], method: string, segments: string[]): RouteMatch {
  for (const greedy of [false, true]) {
    const candidates = (greedy ? slashed : sameLength)
      .map((route) => ({ route, params: match(route, segments, greedy) }))
      .filter((c): c is { route: Route; params: Record<string, string> } => c.params !== undefined)
      .sort((a, b) => moreLiteral(a.route, b.route));
    if (candidates.length === 0) continue;
    const best = candidates.filter((c) => moreLiteral(c.route, candidates[0]!.route) === 0);
    const chosen = best.find((c) => c.route.method === method);
    if (chosen) return { route: { ...chosen.route, params: chosen.params }, otherMethods: [] };
    return { otherMethods: [...new Set(best.map((c) => c.route.method))].sort() };
  }
  return { otherMethods: [] };
}
