import nock from "nock";

/** Stand-ins for the signal sources' HTTP APIs, named by the endpoint they answer for. */

export const PROMETHEUS = "https://prometheus.example.com";
export const POSTHOG = "https://eu.posthog.example.com";
export const METRICS = "https://metrics.example.com";

type Query = Record<string, string>;

/** `GET /api/v1/query` with exactly these parameters (and any request headers the test names). */
export function nockPrometheusQuery(query: Query, o: { base?: string; path?: string; headers?: Record<string, string> } = {}): nock.Interceptor {
  return nock(o.base ?? PROMETHEUS, o.headers ? { reqheaders: o.headers } : {})
    .get(o.path ?? "/api/v1/query")
    .query(query);
}

/** A Prometheus instant-vector answer with one sample per value. */
export function promVector(samples: { value: string; labels?: Record<string, string>; time?: number }[]) {
  return { status: "success", data: { resultType: "vector", result: samples.map((s) => ({ metric: s.labels ?? {}, value: [s.time ?? 1772528400, s.value] })) } };
}

/** `POST /api/projects/{project}/query/` with exactly this HogQL query, sent with this key. */
export function nockPostHogQuery(project: string, hogql: string, apiKey: string): nock.Interceptor {
  return nock(POSTHOG, { reqheaders: { authorization: `Bearer ${apiKey}`, "content-type": "application/json" } }).post(`/api/projects/${project}/query/`, { query: { kind: "HogQLQuery", query: hogql } });
}

/** `GET` of a path on the JSON API, matching the query string exactly when one is given. */
export function nockJsonUrl(path: string, query?: Query, headers?: Record<string, string>): nock.Interceptor {
  const interceptor = nock(METRICS, headers ? { reqheaders: headers } : {}).get(path);
  return query ? interceptor.query(query) : interceptor;
}
