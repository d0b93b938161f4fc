import type { ErrorObject } from "ajv";
import { token, type CompactDescription } from "./openapi-compact.js";

export interface SchemaError {
  instancePath: string;
  schemaPath: string;
  message: string;
}

/** How many problems one part of an exchange reports: the first few say what is wrong. */
const MAX_ERRORS = 8;

/**
 * Maps each schema object of a compact description to its JSON pointer in GitHub's own
 * description (ajv's `schemaPath` is relative to whichever compiled function failed, so
 * "#/required" alone would not say which schema). Built on the first violation only.
 */
export function schemaLocator(description: CompactDescription): (schema: unknown) => string | undefined {
  const pointers = new WeakMap<object, string>();
  const walk = (value: unknown, pointer: string) => {
    if (!value || typeof value !== "object" || pointers.has(value)) return;
    pointers.set(value, pointer);
    for (const [key, child] of Object.entries(value)) walk(child, `${pointer}/${token(key)}`);
  };
  for (const [name, schema] of Object.entries(description.components.schemas)) walk(schema, `#/components/schemas/${token(name)}`);
  for (const op of Object.values(description.operations)) {
    for (const param of op.parameters) walk(param.schema, param.source);
    for (const content of [op.requestBody, ...Object.values(op.responses)]) if (content?.json && content.source) walk(content.json, content.source);
  }
  return (schema) => (schema && typeof schema === "object" ? pointers.get(schema) : undefined);
}

function message(e: ErrorObject, missing: string[]): string {
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case "required": {
      const names = missing.slice(0, 6).map((m) => `"${m}"`).join(", ") + (missing.length > 6 ? ` and ${missing.length - 6} more` : "");
      return missing.length > 1 ? `must have the required properties ${names}` : `must have the required property ${names}`;
    }
    case "additionalProperties":
      return `must not have the property "${p.additionalProperty}" (the schema does not define it)`;
    case "enum":
      return `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
    case "type":
      return `must be ${p.type}`;
    case "format":
      return `must be a ${p.format}`;
    default:
      return e.message ?? "is invalid";
  }
}

/**
 * ajv's errors, readable: missing properties of one object grouped, the null branch of a
 * nullable value and the "must match a schema in anyOf" summary left out when a branch says
 * more, each with the schema's location in GitHub's description when it is known.
 */
export function describeErrors(errors: ErrorObject[], locate: (schema: unknown) => string | undefined): SchemaError[] {
  const useful = errors.filter((e) => !(e.keyword === "type" && (e.params as { type?: string }).type === "null"));
  const specific = useful.filter((e) => !((e.keyword === "anyOf" || e.keyword === "oneOf") && useful.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== e.keyword)));
  const out: SchemaError[] = [];
  const seen = new Map<string, { error: ErrorObject; missing: string[]; index: number }>();
  for (const e of specific) {
    const where = locate(e.parentSchema);
    const schemaPath = where ? `${where}/${e.keyword}` : e.schemaPath;
    const key = `${e.instancePath}|${schemaPath}`;
    const missing = e.keyword === "required" ? [(e.params as { missingProperty: string }).missingProperty] : [];
    const known = seen.get(key);
    if (known) {
      known.missing.push(...missing);
      out[known.index] = { instancePath: e.instancePath, schemaPath, message: message(known.error, known.missing) };
      continue;
    }
    seen.set(key, { error: e, missing, index: out.length });
    out.push({ instancePath: e.instancePath, schemaPath, message: message(e, missing) });
  }
  return out.slice(0, MAX_ERRORS);
}
