import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);

interface Operation {
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: unknown }> }>;
}

/**
 * GitHub's REST description (OpenAPI 3.0.3) as JSON Schema ajv understands. The description
 * marks optional nulls with 3.0's `nullable: true`: beside a `type` it becomes `type: [t, "null"]`
 * (and `null` joins an `enum`); on a composite (`allOf`/`anyOf`/`oneOf`/`$ref`) it becomes
 * `anyOf: [schema, { type: "null" }]`. Local `$ref`s are pointed at the loaded document, so any
 * response schema compiles on its own. OpenAPI-only keywords (`example`, `discriminator`,
 * `x-github`) are left to ajv's non-strict mode, which ignores them.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== "object") return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "$ref" && typeof value === "string" && value.startsWith("#/")) out[key] = `github${value}`;
    else if (key !== "nullable") out[key] = toJsonSchema(value);
  }
  if ((node as { nullable?: unknown }).nullable !== true) return out;
  if (typeof out.type === "string") {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [out, { type: "null" }] };
}

type Json = Record<string, any>;

/**
 * Where GitHub's description disagrees with GitHub, patched before validating (each with why):
 * - `GET /app/installations` inlines `account` as allOf(simple-user, enterprise), which no
 *   account satisfies; the component `installation` (used by the single-installation route)
 *   says anyOf, which is what is checked.
 * - `pull-request-simple` types a label's `description` as a string, while `label` and
 *   `pull-request` (and GitHub's answers) allow null for a label without one.
 * - A deployment status's `target_url`/`log_url`/`environment_url` are `format: uri`, but GitHub
 *   answers "" when they were never set (Senseloop reads them with `||` for that reason).
 */
function patchRestDefects(doc: Json): void {
  const list = doc.paths["/app/installations"].get.responses["200"].content["application/json"].schema;
  list.items.properties.account = doc.components.schemas.installation.properties.account;
  doc.components.schemas["pull-request-simple"].properties.labels.items.properties.description.nullable = true;
  for (const field of ["target_url", "log_url", "environment_url"]) delete doc.components.schemas["deployment-status"].properties[field].format;
}

export interface Described {
  operation(method: string, path: string): Operation | undefined;
  /** The validator of an operation's JSON answer for a status, or undefined when none is described. */
  responseValidator(method: string, path: string, status: number): ValidateFunction | undefined;
}

export function loadDescription(file = "api.github.com.json"): Described {
  const raw = JSON.parse(readFileSync(require.resolve(`@octokit/openapi/generated/${file}`), "utf8")) as Json;
  patchRestDefects(raw);
  const doc = toJsonSchema(raw) as { paths: Record<string, Record<string, Operation>>; components: { responses: Record<string, Operation["responses"][string]> } };
  const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
  addFormats.default(ajv);
  ajv.addSchema(doc as object, "github");
  const cache = new Map<string, ValidateFunction | undefined>();
  const operation = (method: string, path: string) => doc.paths[path]?.[method.toLowerCase()];
  return {
    operation,
    responseValidator(method, path, status) {
      const key = `${method} ${path} ${status}`;
      if (cache.has(key)) return cache.get(key);
      let response = operation(method, path)?.responses[String(status)];
      if (response?.$ref) response = doc.components.responses[response.$ref.split("/").pop()!];
      const schema = response?.content?.["application/json"]?.schema;
      const validate = schema ? ajv.compile(schema as object) : undefined;
      cache.set(key, validate);
      return validate;
    },
  };
}

/**
 * @octokit/webhooks-schemas: one validator per `event$action` (`push$event` for action-less
 * events). Patched like the REST description: a deployment status's `log_url` may be "".
 */
export function loadWebhookSchemas() {
  const schema = structuredClone(require("@octokit/webhooks-schemas/schema.json")) as { definitions: Record<string, Json> };
  delete schema.definitions["deployment_status$created"]!.properties.deployment_status.properties.log_url.format;
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  ajv.addSchema(schema, "webhooks");
  return (event: string, action: string | null): ValidateFunction | undefined => {
    const name = `${event}$${action ?? "event"}`;
    return schema.definitions[name] ? ajv.getSchema(`webhooks#/definitions/${name.replace("$", "%24")}`) : undefined;
  };
}
