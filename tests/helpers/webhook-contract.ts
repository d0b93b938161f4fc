import { createRequire } from "node:module";
import { Ajv, type Options, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import { describeErrors } from "./openapi-errors.js";

export interface WebhookViolation {
  event: string;
  action: string | undefined;
  instancePath: string;
  schemaPath: string;
  message: string;
}

interface WebhookSchemas {
  definitions: Record<string, object>;
}

/**
 * Checks webhook payloads against @octokit/webhooks-schemas, one definition per event and
 * action (`pull_request$opened`), or per event for those without actions (`push$event`).
 * The definitions are compiled on first use and cached.
 */
export class WebhookContract {
  private readonly root = createRequire(import.meta.url)("@octokit/webhooks-schemas") as WebhookSchemas;
  private readonly validators = new Map<string, ValidateFunction>();
  // The schemas are draft-07; `validateSchema` off so their per-definition `$schema` (written
  // without the trailing `#`) does not send ajv looking for a meta-schema; strict off for the
  // `tsAdditionalProperties` keyword the TypeScript generator reads. `inlineRefs` off: each
  // definition compiles once as its own function, several times faster than inlining it
  // everywhere it is used. As for REST: a fast pass/fail validator, and one that gathers every
  // error with its schema object (to locate it) compiled only once a payload failed.
  private readonly fast = this.ajv({ allErrors: false });
  private detailed: Ajv | undefined;

  private ajv(options: Options): Ajv {
    const ajv = new Ajv({ strict: false, validateSchema: false, inlineRefs: false, ...options });
    addFormats.default(ajv);
    // Only the definitions: compiling a reference into a document compiles the document's root
    // first, and the root's oneOf of every event costs seconds.
    ajv.addSchema({ definitions: this.root.definitions }, "webhooks");
    return ajv;
  }

  check(event: string, payload: unknown): WebhookViolation[] {
    const action = typeof (payload as { action?: unknown })?.action === "string" ? (payload as { action: string }).action : undefined;
    const name = action !== undefined && `${event}$${action}` in this.root.definitions ? `${event}$${action}` : `${event}$event`;
    if (!(name in this.root.definitions)) {
      return [{ event, action, instancePath: action === undefined ? "" : "/action", schemaPath: "", message: `GitHub sends no "${event}" webhook${action === undefined ? " without an action" : ` with the action "${action}"`}` }];
    }
    if (this.validator(this.fast, name)(payload)) return [];
    const validate = this.validator((this.detailed ??= this.ajv({ allErrors: true, verbose: true })), name);
    validate(payload);
    const locate = (schema: unknown) => this.pointer(schema);
    return describeErrors(validate.errors ?? [], locate).map((e) => ({ event, action, ...e }));
  }

  private validator(ajv: Ajv, name: string): ValidateFunction {
    const key = `${ajv === this.fast ? "fast" : "detailed"}|${name}`;
    let validate = this.validators.get(key);
    if (!validate) this.validators.set(key, (validate = ajv.compile({ $ref: `webhooks#/definitions/${name.replace("~", "~0")}` })));
    return validate;
  }

  private pointers: WeakMap<object, string> | undefined;

  /** Where a failing schema sits in the webhooks schema file, as for the OpenAPI descriptions. */
  private pointer(schema: unknown): string | undefined {
    if (!this.pointers) {
      const pointers = new WeakMap<object, string>();
      const walk = (value: unknown, at: string) => {
        if (!value || typeof value !== "object" || pointers.has(value)) return;
        pointers.set(value, at);
        for (const [key, child] of Object.entries(value)) walk(child, `${at}/${key.replaceAll("~", "~0").replaceAll("/", "~1")}`);
      };
      walk(this.root, "#");
      this.pointers = pointers;
    }
    return schema && typeof schema === "object" ? this.pointers.get(schema) : undefined;
  }
}
