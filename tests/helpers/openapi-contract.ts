import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ErrorObject } from "ajv";
import { DESCRIPTIONS, OLDEST_GHES, type CompactContent, type CompactDescription, type CompactOperation, type DescriptionName, type JsonSchema, type RouteIndex } from "./openapi-compact.js";
import { describeErrors, schemaLocator } from "./openapi-errors.js";
import { RouteTable, type MatchedRoute } from "./openapi-routes.js";
import { SchemaValidators } from "./openapi-validators.js";

/** One request the app made and what the mock answered (no status: the request got no answer). */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders?: Record<string, string>;
  requestBody?: string;
  status?: number;
  responseHeaders?: Record<string, string>;
  responseBody?: string;
}

export interface Violation {
  /** The operation id, or "(no operation)" when the route does not exist. */
  operation: string;
  description: DescriptionName;
  request: string;
  /** route, path, query, request body, response <status>. */
  part: string;
  instancePath: string;
  schemaPath: string;
  message: string;
}

/**
 * Statuses GitHub answers on any operation, whether the description lists them or not: bad
 * credentials, forbidden or rate limited, not found (no access looks the same), secondary rate
 * limit, and server errors. Anything else must be documented for the operation.
 */
export const ANY_OPERATION_STATUSES = new Set([401, 403, 404, 429, 500, 502, 503, 504]);

/** What GitHub answers any request with a body that it cannot take: not JSON (400), invalid fields (422). */
export const BODY_ERROR_STATUSES = new Set([400, 422]);

/** Every GitHub error body carries a message (basic-error makes nothing required; GitHub always sends it). */
export const ERROR_BODY: JsonSchema = {
  type: "object",
  required: ["message"],
  properties: { message: { type: "string" }, documentation_url: { type: "string", format: "uri" }, status: { type: "string" }, errors: { type: "array" } },
};

/**
 * The description does not model raw media types; only these operations' prose documents raw
 * file contents (`application/vnd.github.raw`), answered as text with that content type.
 */
export const RAW_OPERATIONS = new Set(["repos/get-content", "repos/get-readme", "repos/get-readme-in-directory"]);
const RAW_MEDIA = /^application\/vnd\.github(\.v3)?\.raw(\+json)?$/;

const isGhesBase = (url: URL) => url.host !== "api.github.com" && url.pathname.startsWith("/api/v3/");

/** True for requests to GitHub's REST API: api.github.com, or an Enterprise Server's `/api/v3` base. */
export const isGitHubApi = (url: URL) => url.host === "api.github.com" || isGhesBase(url);

const mediaType = (value: string | undefined) => (value ?? "").split(";")[0]!.trim().toLowerCase();

/**
 * Checks exchanges against GitHub's published OpenAPI descriptions (compacted in the global
 * setup). Validators are compiled on first use per operation and part, then cached: a test
 * file compiles only what it exercises.
 */
export class OpenApiContract {
  private readonly routes: Record<DescriptionName, RouteTable>;
  private readonly descriptions = new Map<DescriptionName, CompactDescription>();
  private readonly locators = new Map<DescriptionName, (schema: unknown) => string | undefined>();
  private readonly validators = new SchemaValidators((d) => this.descriptions.get(d)!.components.schemas);

  constructor(private readonly dir: string) {
    const index = JSON.parse(readFileSync(join(dir, "routes.json"), "utf8")) as RouteIndex;
    this.routes = Object.fromEntries(DESCRIPTIONS.map((name) => [name, new RouteTable(index[name].map(([method, path, id]) => ({ method, path, id, segments: path.split("/").slice(1) })))])) as Record<DescriptionName, RouteTable>;
  }

  check(exchange: Exchange): Violation[] {
    const url = new URL(exchange.url);
    const ghes = isGhesBase(url);
    const path = ghes ? url.pathname.slice("/api/v3".length) : url.pathname;
    const primary: DescriptionName = ghes ? OLDEST_GHES : "api.github.com";
    const method = exchange.method.toUpperCase();
    const request = `${method} ${url.pathname}${url.search}`;
    const violations: Violation[] = [];
    const fail = (description: DescriptionName, operation: string, part: string, message: string, instancePath = "", schemaPath = "") =>
      violations.push({ operation, description, request, part, instancePath, schemaPath, message });

    const matched = this.routes[primary].find(method, path);
    if (!matched.route) {
      fail(primary, "(no operation)", "route", matched.otherMethods.length > 0 ? `${method} is not an operation of this path (it has ${matched.otherMethods.join(", ")})` : `no operation matches ${method} ${path}`);
      return violations;
    }
    for (const other of DESCRIPTIONS.filter((d) => d !== primary && d !== "api.github.com")) {
      if (!this.routes[other].find(method, path).route) fail(other, matched.route.id, "route", `the route ${method} ${matched.route.path} does not exist on this GitHub Enterprise Server version`);
    }
    const op = this.operation(primary, matched.route.id);
    const at = (part: string) => (errors: ErrorObject[]) => errors.length > 0 && describeErrors(errors, this.locator(primary)).forEach((e) => fail(primary, op.id, part, e.message, e.instancePath, e.schemaPath));

    this.checkParameters(primary, op, matched.route, url, at, fail);
    this.checkRequestBody(primary, op, exchange, at, fail);
    if (exchange.status !== undefined) this.checkResponse(primary, op, exchange, at, fail);
    return violations;
  }

  private checkParameters(d: DescriptionName, op: CompactOperation, matched: MatchedRoute, url: URL, at: (part: string) => (e: ErrorObject[]) => void, fail: Fail) {
    const query: Record<string, unknown> = {};
    for (const [name, value] of url.searchParams) {
      const param = op.parameters.find((p) => p.in === "query" && p.name === name);
      if (!param) {
        fail(d, op.id, "query", `unknown query parameter "${name}" (GitHub ignores it)`, `/${name}`);
        continue;
      }
      const values = param.schema.type === "array" ? value.split(",") : value;
      query[name] = name in query ? ([] as unknown[]).concat(query[name], values) : values;
    }
    at("path")(this.validators.errors(d, `${op.id}|path`, () => paramsSchema(op, "path"), { ...matched.params }, true));
    at("query")(this.validators.errors(d, `${op.id}|query`, () => paramsSchema(op, "query"), query, true));
  }

  private checkRequestBody(d: DescriptionName, op: CompactOperation, exchange: Exchange, at: (part: string) => (e: ErrorObject[]) => void, fail: Fail) {
    const text = exchange.requestBody ?? "";
    if (text === "") {
      if (op.requestBody?.required) fail(d, op.id, "request body", "the operation requires a body and none was sent");
      return;
    }
    if (!op.requestBody) return void fail(d, op.id, "request body", "the operation takes no body, yet one was sent");
    if (!op.requestBody.json) return;
    const body = parseJson(text);
    if (body === undefined) return void fail(d, op.id, "request body", "the body is not JSON");
    at("request body")(this.validators.errors(d, `${op.id}|body`, () => op.requestBody!.json!, body));
  }

  private checkResponse(d: DescriptionName, op: CompactOperation, exchange: Exchange, at: (part: string) => (e: ErrorObject[]) => void, fail: Fail) {
    const status = exchange.status!;
    const part = `response ${status}`;
    const text = exchange.responseBody ?? "";
    const contentType = mediaType(exchange.responseHeaders?.["content-type"]);
    if (status === 304) {
      const conditional = ["if-none-match", "if-modified-since"].some((h) => exchange.requestHeaders?.[h]);
      if (!conditional) fail(d, op.id, part, "GitHub answers 304 only to a conditional request (If-None-Match or If-Modified-Since)");
      if (text !== "") fail(d, op.id, part, "a 304 has no body");
      return;
    }
    const documented: CompactContent | undefined = op.responses[String(status)];
    if (status >= 400) {
      const generic = ANY_OPERATION_STATUSES.has(status) || (op.requestBody !== undefined && BODY_ERROR_STATUSES.has(status));
      if (!documented && !generic) fail(d, op.id, part, `status ${status} is not documented for this operation (documented: ${Object.keys(op.responses).join(", ")})`);
      const body = parseJson(text);
      if (body === undefined) fail(d, op.id, part, "an error body is JSON");
      else at(part)(this.validators.errors(d, "error", () => ERROR_BODY, body));
      if (documented?.json && body !== undefined) this.validateJson(d, op, status, body, at);
      return;
    }
    if (!documented) return void fail(d, op.id, part, `status ${status} is not documented for this operation (documented: ${Object.keys(op.responses).join(", ")})`);
    const accept = mediaType(exchange.requestHeaders?.accept);
    if (RAW_MEDIA.test(accept) && !accept.endsWith("+json")) {
      if (!RAW_OPERATIONS.has(op.id)) fail(d, op.id, part, `raw contents (${accept}) are not offered by this operation`);
      else if (!RAW_MEDIA.test(contentType)) fail(d, op.id, part, `raw contents are answered as application/vnd.github.raw, not "${contentType}"`);
      return;
    }
    if (!documented.json) {
      if (text !== "" && exchange.method.toUpperCase() !== "HEAD") fail(d, op.id, part, documented.mediaTypes.length > 0 ? `expected ${documented.mediaTypes.join(" or ")}` : "this status has no body");
      return;
    }
    const body = parseJson(text);
    if (body === undefined) return void fail(d, op.id, part, `the body is not JSON (content type "${contentType}")`);
    this.validateJson(d, op, status, body, at);
  }

  private validateJson(d: DescriptionName, op: CompactOperation, status: number, body: unknown, at: (part: string) => (e: ErrorObject[]) => void) {
    at(`response ${status}`)(this.validators.errors(d, `${op.id}|${status}`, () => op.responses[String(status)]!.json!, body));
  }

  private operation(d: DescriptionName, id: string): CompactOperation {
    let description = this.descriptions.get(d);
    if (!description) {
      description = JSON.parse(readFileSync(join(this.dir, `${d}.json`), "utf8")) as CompactDescription;
      this.descriptions.set(d, description);
    }
    return description.operations[id]!;
  }

  private locator(d: DescriptionName): (schema: unknown) => string | undefined {
    let locate = this.locators.get(d);
    if (!locate) this.locators.set(d, (locate = schemaLocator(this.descriptions.get(d)!)));
    return locate;
  }

}

type Fail = (description: DescriptionName, operation: string, part: string, message: string, instancePath?: string, schemaPath?: string) => void;

function paramsSchema(op: CompactOperation, kind: "path" | "query"): JsonSchema {
  const params = op.parameters.filter((p) => p.in === kind);
  return { type: "object", properties: Object.fromEntries(params.map((p) => [p.name, p.schema])), required: params.filter((p) => p.required).map((p) => p.name) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
