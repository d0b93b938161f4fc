import { Ajv, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { componentId, type DescriptionName, type JsonSchema } from "./openapi-compact.js";

/**
 * ajv in its standard draft-07 mode: the compact files are plain JSON Schema already (see
 * toJsonSchema). strict off: GitHub's schemas use what strict mode refuses (`required` without
 * `properties` in a branch, `enum` without `type`). validateSchema off: they are GitHub's, and
 * checking them against the meta-schema in every test file costs more than it finds.
 * inlineRefs off: each component compiles once as its own function, several times faster
 * than inlining it wherever it is used.
 */
const BASE: Options = { strict: false, validateSchema: false, inlineRefs: false };
/** Passing is what almost every check does: the first error is enough to know it failed, and compiles three times faster. */
const FAST: Options = { ...BASE, allErrors: false };
/** Compiled only once a check failed: every error, each with its schema object so it can be located. */
const DETAILED: Options = { ...BASE, allErrors: true, verbose: true };
/** Path and query values arrive as text: coerce them as GitHub reads them ("5" is an integer, "true" a boolean). */
const COERCE: Options = { coerceTypes: "array" };

/** Formats GitHub names that have no standard check: annotations here (ajv refuses a format it does not know). */
const ANNOTATION_FORMATS = ["double", "binary", "timestamp", "repo.nwo", "ssh-key", "ssh-key fingerprint", "ip/cidr"];

type Kind = "fast" | "detailed" | "fastParams" | "detailedParams";

/**
 * Compiled validators, per description, operation and part, made on first use and cached.
 * Each ajv is handed only the components a schema uses (adding a whole 3 MB description would
 * cost it a full walk in every test file).
 */
export class SchemaValidators {
  private readonly ajvs = new Map<Kind, Ajv>();
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly added = new Map<Ajv, Set<string>>();

  constructor(private readonly components: (d: DescriptionName) => Record<string, JsonSchema>) {}

  /** ajv's errors for `data`, none when it is valid. `params`: coerce text as path and query values are. */
  errors(d: DescriptionName, key: string, schema: () => JsonSchema, data: unknown, params = false): ErrorObject[] {
    if (this.validator(params ? "fastParams" : "fast", d, key, schema)(data)) return [];
    const detailed = this.validator(params ? "detailedParams" : "detailed", d, key, schema);
    detailed(data);
    return detailed.errors ?? [];
  }

  private validator(kind: Kind, d: DescriptionName, key: string, schema: () => JsonSchema): ValidateFunction {
    const cacheKey = `${kind}|${d}|${key}`;
    let validate = this.compiled.get(cacheKey);
    if (!validate) {
      const ajv = this.ajv(kind);
      const root = schema();
      this.addComponents(ajv, d, root);
      this.compiled.set(cacheKey, (validate = ajv.compile(root)));
    }
    return validate;
  }

  private ajv(kind: Kind): Ajv {
    let ajv = this.ajvs.get(kind);
    if (!ajv) {
      const options = { ...(kind.startsWith("fast") ? FAST : DETAILED), ...(kind.endsWith("Params") ? COERCE : {}) };
      this.ajvs.set(kind, (ajv = withFormats(new Ajv(options))));
    }
    return ajv;
  }

  /** Hands ajv the components a schema uses, and theirs, before it is compiled. */
  private addComponents(ajv: Ajv, d: DescriptionName, schema: unknown) {
    const components = this.components(d);
    const prefix = componentId(d, "");
    const added = this.added.get(ajv) ?? this.added.set(ajv, new Set()).get(ajv)!;
    const visit = (value: unknown) => {
      if (!value || typeof value !== "object") return;
      const ref = (value as { $ref?: unknown }).$ref;
      if (typeof ref === "string" && ref.startsWith(prefix) && !added.has(ref)) {
        const component = components[decodeURIComponent(ref.slice(prefix.length))]!;
        added.add(ref);
        ajv.addSchema(component, ref);
        visit(component);
      }
      for (const child of Object.values(value)) visit(child);
    };
    visit(schema);
  }
}

/** ajv-formats (uri, date-time, email…), plus the OpenAPI integer formats. */
export function withFormats(ajv: Ajv): Ajv {
  addFormats.default(ajv);
  ajv.addFormat("int32", { type: "number", validate: (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** 31 });
  ajv.addFormat("int64", { type: "number", validate: (n: number) => Number.isInteger(n) });
  for (const name of ANNOTATION_FORMATS) ajv.addFormat(name, true);
  return ajv;
}
