import type { Context, Logger } from "probot";
import type { z } from "zod";
import type { GitHub } from "../github/port.js";
import type { Runtime } from "../runtime.js";

/** What a handler gets: the delivery's payload, an installation client and the runtime. */
export interface EventContext {
  rt: Runtime;
  gh: GitHub;
  /** Probot's context, for `config` and the raw payload. */
  probot: Context;
  payload: unknown;
  deliveryId: string;
  installationId: number;
  log: Logger;
}

export type Handler = (ev: EventContext) => Promise<void>;

/** A payload without the fields a handler relies on: it can never succeed, so it is not retried. */
export class PayloadInvalid extends Error {
  readonly code = "PAYLOAD_INVALID";
}

export function readPayload<S extends z.ZodType>(schema: S, payload: unknown): z.infer<S> {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) {
    throw new PayloadInvalid(`payload is missing fields: ${parsed.error.issues.map((i) => `${i.path.join(".")} (${i.message})`).join("; ")}`.slice(0, 500));
  }
  return parsed.data;
}
