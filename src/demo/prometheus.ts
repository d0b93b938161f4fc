import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const DAY_MS = 86_400_000;

/** One series: its value at a moment, from the story's start. */
export interface Series {
  /** The PromQL text it answers for, exactly as the hypothesis's Signal query writes it. */
  query: string;
  /** Where the line starts, on the demo's clock. */
  startsAt: Date;
  /** The value at `startsAt`, and how much it moves per day after it. */
  start: number;
  perDay: number;
}

export interface PrometheusStandin {
  readonly url: string;
  /** Every query answered, oldest first, with the time it was asked about. */
  readonly queries: { query: string; time: string; value: string | null }[];
  stop(): Promise<void>;
}

/** The series' value at `at`: flat before its start, a straight line after, to three decimals. */
export function valueAt(series: Series, at: Date): string {
  const days = Math.max(0, (at.getTime() - series.startsAt.getTime()) / DAY_MS);
  return (series.start + series.perDay * days).toFixed(3);
}

/**
 * A tiny stand-in of Prometheus' HTTP API: `GET /api/v1/query?query=…&time=…` answers an instant
 * vector of one sample, in Prometheus' JSON shape, for the series it was given; `time` (Unix
 * seconds) is the moment asked about, and without it the demo clock's now. Any other query is an
 * empty vector, and a request without the expected bearer token a 401, as a real server behind a
 * proxy would answer.
 */
export async function startPrometheus(options: { series: Series; token: string; now: () => Date }): Promise<PrometheusStandin> {
  const queries: PrometheusStandin["queries"] = [];
  const server = createServer((req, res) => answer(req, res, options, queries));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, queries, stop: () => close(server) };
}

function answer(req: IncomingMessage, res: ServerResponse, options: { series: Series; token: string; now: () => Date }, queries: PrometheusStandin["queries"]): void {
  const url = new URL(req.url ?? "/", "http://prometheus");
  if (url.pathname !== "/api/v1/query" || req.method !== "GET") return send(res, 404, { status: "error", errorType: "not_found", error: "only GET /api/v1/query is served here" });
  if (req.headers.authorization !== `Bearer ${options.token}`) return send(res, 401, { status: "error", errorType: "unauthorized", error: "missing or wrong bearer token" });
  const query = url.searchParams.get("query") ?? "";
  const time = url.searchParams.get("time");
  const at = time === null ? options.now() : new Date(Number(time) * 1000);
  if (Number.isNaN(at.getTime())) return send(res, 400, { status: "error", errorType: "bad_data", error: `invalid parameter "time": cannot parse ${JSON.stringify(time)} to a valid timestamp` });
  const known = query.trim() === options.series.query;
  const value = known ? valueAt(options.series, at) : null;
  queries.push({ query, time: at.toISOString(), value });
  const result = value === null ? [] : [{ metric: {}, value: [at.getTime() / 1000, value] }];
  send(res, 200, { status: "success", data: { resultType: "vector", result } });
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
