import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** GitHub.com, and the GitHub Enterprise Server versions Senseloop supports (all that @octokit/openapi ships). */
export const DESCRIPTIONS = ["api.github.com", "ghes-3.17", "ghes-3.18", "ghes-3.19"] as const;
export type DescriptionName = (typeof DESCRIPTIONS)[number];
export const OLDEST_GHES: DescriptionName = "ghes-3.17";

export type JsonSchema = Record<string, any>;

export interface CompactParameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
  /** Where the parameter is in GitHub's description. */
  source: string;
}

/** What one request or response may carry: its media types, and the JSON schema when it is JSON. */
export interface CompactContent {
  mediaTypes: string[];
  json?: JsonSchema;
  /** Where `json` comes from in GitHub's description, to point a reader at it. */
  source?: string;
}

export interface CompactOperation {
  id: string;
  method: string;
  path: string;
  parameters: CompactParameter[];
  requestBody?: CompactContent & { required: boolean };
  responses: Record<string, CompactContent>;
}

/** One description, reduced to what validation needs: no prose, no examples, plain JSON Schema. */
export interface CompactDescription {
  name: DescriptionName;
  operations: Record<string, CompactOperation>;
  components: { schemas: Record<string, JsonSchema> };
}

/** GitHub's own example response per operation and status (api.github.com): real shapes for the mocks. */
export type ResponseExamples = Record<string, Record<string, unknown>>;

/** Every description's routes, small enough for each test file to load whole. */
export type RouteIndex = Record<DescriptionName, [method: string, path: string, operationId: string][]>;

const require = createRequire(import.meta.url);

/** Keywords that only annotate: dropped so the compact file is small and ajv compiles less. */
const ANNOTATIONS = new Set(["description", "title", "example", "examples", "externalDocs", "deprecated", "readOnly", "writeOnly", "xml", "default", "discriminator"]);

/** How a schema is translated: request bodies are closed, and inline the components they use so that closing them does not close the shared ones. */
interface Translation {
  closed: boolean;
  components: Record<string, JsonSchema>;
  inlining: string[];
  description: DescriptionName;
}

/**
 * Components become separate schemas with absolute ids, so that a test file hands ajv only the
 * components an operation uses (adding the whole 3 MB description costs ajv a full walk).
 */
export const componentId = (description: DescriptionName, name: string) => `https://openapi.test/${description}/${encodeURIComponent(name)}`;

/**
 * OpenAPI 3.0 schema → plain JSON Schema (draft-07), so ajv runs in its standard mode:
 * - `nullable: true` becomes a `"null"` type (and a null enum member: GitHub's nullable enums
 *   list only the strings), or an `anyOf` with null where there is no `type` (nullable `$ref`
 *   wrappers). ajv's own `nullable` keyword would refuse both shapes.
 * - `oneOf` with a `discriminator` becomes `anyOf`: GitHub's mappings cannot be given to ajv
 *   (contents maps "array" to an array schema with no `type` property; ajv wants a const per
 *   branch), and the open branches would otherwise match "more than one".
 * - `x-*` extensions (future API versions' patches among them) and annotations go.
 * - In request bodies (`closed`), objects that name their properties get
 *   `additionalProperties: false`: GitHub silently ignores a field it does not know, so a
 *   misspelt field would otherwise pass here and do nothing there.
 */
export function toJsonSchema(schema: unknown, t: Translation): JsonSchema {
  if (!schema || typeof schema !== "object") return schema as JsonSchema;
  const source = schema as JsonSchema;
  if (t.closed && typeof source.$ref === "string") {
    const name = source.$ref.replace("#/components/schemas/", "");
    // A recursive body schema stays a reference (open) past its first level.
    if (t.inlining.includes(name) || !t.components[name]) return { $ref: componentId(t.description, name) };
    return toJsonSchema(t.components[name], { ...t, inlining: [...t.inlining, name] });
  }
  if (typeof source.$ref === "string") return { $ref: componentId(t.description, source.$ref.replace("#/components/schemas/", "")) };
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(source)) {
    if (ANNOTATIONS.has(key) || key.startsWith("x-") || key === "nullable") continue;
    if (key === "properties") out.properties = Object.fromEntries(Object.entries(value as JsonSchema).map(([k, v]) => [k, toJsonSchema(v, t)]));
    else if (key === "items" || key === "not" || (key === "additionalProperties" && typeof value === "object")) out[key] = toJsonSchema(value, t);
    else if (key === "allOf" || key === "anyOf" || key === "oneOf") out[key] = (value as unknown[]).map((s) => toJsonSchema(s, { ...t, closed: t.closed && key !== "allOf" }));
    else out[key] = value;
  }
  if (source.discriminator && out.oneOf) {
    out.anyOf = out.oneOf;
    delete out.oneOf;
  }
  if (t.closed && out.properties && out.additionalProperties === undefined && !out.allOf) out.additionalProperties = false;
  if (source.nullable === true) {
    if (typeof out.type === "string") {
      out.type = [out.type, "null"];
      if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    } else if (out.type === undefined && Object.keys(out).length > 0) {
      return { anyOf: [out, { type: "null" }] };
    }
  }
  return out;
}

/** Resolves a `#/components/<kind>/<name>` reference to a parameter, body or response (schemas stay references), and says where it led. */
function resolve(doc: JsonSchema, value: JsonSchema, at = ""): [JsonSchema, string] {
  let current = value;
  let pointer = at;
  while (current && typeof current.$ref === "string") {
    const [, kind, name] = /^#\/components\/([^/]+)\/(.+)$/.exec(current.$ref) ?? [];
    if (!kind || !name) throw new Error(`unexpected reference ${current.$ref}`);
    pointer = current.$ref;
    current = doc.components[kind][name];
  }
  return [current, pointer];
}

/** A JSON pointer token. */
export const token = (s: string) => s.replaceAll("~", "~0").replaceAll("/", "~1");

function content(raw: JsonSchema | undefined, at: string, t: Translation): CompactContent {
  const media = (raw?.content ?? {}) as Record<string, JsonSchema>;
  const [type, json] = Object.entries(media).find(([type]) => type === "application/json" || /\+json$/.test(type)) ?? [];
  if (!type || !json?.schema) return { mediaTypes: Object.keys(media) };
  return { mediaTypes: Object.keys(media), json: toJsonSchema(json.schema, t), source: `${at}/content/${token(type)}/schema` };
}

const METHODS = new Set(["get", "put", "post", "delete", "patch", "head", "options"]);

/** The first JSON example of each operation's responses, references resolved. */
export function responseExamples(doc: JsonSchema): ResponseExamples {
  const out: ResponseExamples = {};
  for (const item of Object.values(doc.paths as Record<string, JsonSchema>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      for (const [status, r] of Object.entries((op.responses ?? {}) as Record<string, JsonSchema>)) {
        const examples = resolve(doc, r)[0]?.content?.["application/json"]?.examples as Record<string, JsonSchema> | undefined;
        const first = examples ? resolve(doc, Object.values(examples)[0]!)[0] : undefined;
        const value = first?.value && typeof first.value.$ref === "string" ? resolve(doc, first.value)[0].value : first?.value;
        if (value !== undefined) (out[op.operationId] ??= {})[status] = value;
      }
    }
  }
  return out;
}

export function compact(name: DescriptionName, doc: JsonSchema): CompactDescription {
  const components = doc.components.schemas as Record<string, JsonSchema>;
  const open: Translation = { closed: false, components, inlining: [], description: name };
  const operations: Record<string, CompactOperation> = {};
  for (const [path, item] of Object.entries(doc.paths as Record<string, JsonSchema>)) {
    const shared = (item.parameters ?? []) as JsonSchema[];
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const at = `#/paths/${token(path)}/${method}`;
      const listed = [...shared.map((p, i) => resolve(doc, p, `#/paths/${token(path)}/parameters/${i}`)), ...((op.parameters ?? []) as JsonSchema[]).map((p, i) => resolve(doc, p, `${at}/parameters/${i}`))];
      const parameters = listed
        .filter(([p]) => p.in === "path" || p.in === "query")
        .map(([p, source]) => ({ name: p.name, in: p.in, required: p.required === true, schema: toJsonSchema(p.schema ?? {}, open), source: `${source}/schema` }));
      const [body, bodyAt] = op.requestBody ? resolve(doc, op.requestBody, `${at}/requestBody`) : [];
      operations[op.operationId] = {
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        parameters,
        ...(body ? { requestBody: { ...content(body, bodyAt!, { ...open, closed: true }), required: body.required === true } } : {}),
        responses: Object.fromEntries(
          Object.entries(op.responses ?? {}).map(([status, r]) => {
            const [response, responseAt] = resolve(doc, r as JsonSchema, `${at}/responses/${status}`);
            return [status, content(response, responseAt, open)];
          }),
        ),
      };
    }
  }
  return { name, operations, components: { schemas: Object.fromEntries(Object.entries(components).map(([k, v]) => [k, toJsonSchema(v, open)])) } };
}

/** Copies built for other versions, untouched for a week: another checkout may still use a recent one. */
function forgetStale(key: string) {
  const week = Date.now() - 7 * 86_400_000;
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith("senseloop-openapi-") || name.endsWith(key)) continue;
    const path = join(tmpdir(), name);
    if (statSync(path).mtimeMs < week) rmSync(path, { recursive: true, force: true });
  }
}

const version = (pkg: string) => (require(`${pkg}/package.json`) as { version: string }).version;

/**
 * Writes the compact descriptions and the route index once per version of @octokit/openapi
 * and of this file, into a cache directory shared by runs: parsing and translating the four
 * descriptions (~45 MB of JSON) takes seconds, a test file then reads about 2 MB.
 */
export function buildCompactDescriptions(): string {
  const source = readFileSync(fileURLToPath(import.meta.url));
  const key = createHash("sha256").update(version("@octokit/openapi")).update(source).digest("hex").slice(0, 16);
  const dir = join(tmpdir(), `senseloop-openapi-${key}`);
  forgetStale(key);
  if (existsSync(join(dir, "routes.json"))) return dir;
  const staging = `${dir}.${process.pid}`;
  mkdirSync(staging, { recursive: true });
  const routes = {} as RouteIndex;
  for (const name of DESCRIPTIONS) {
    const doc = JSON.parse(readFileSync(join(dirname(require.resolve("@octokit/openapi/package.json")), "generated", `${name}.json`), "utf8")) as JsonSchema;
    const description = compact(name, doc);
    writeFileSync(join(staging, `${name}.json`), JSON.stringify(description));
    routes[name] = Object.values(description.operations).map((op) => [op.method, op.path, op.id]);
    if (name === "api.github.com") writeFileSync(join(staging, "examples.json"), JSON.stringify(responseExamples(doc)));
  }
  writeFileSync(join(staging, "routes.json"), JSON.stringify(routes));
  try {
    renameSync(staging, dir);
  } catch (err) {
    // Another run built the same directory first: its copy is as good as ours.
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(dir, "routes.json"))) throw err;
  }
  return dir;
}
