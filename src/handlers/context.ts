import type { z } from "zod";
import type { FollowUp } from "../domain/effects.js";
import type { Scope } from "../services/scope.js";
import type { AccessChangeScope } from "../services/viewer/access-changes.js";

/** What a handler gets: the delivery's payload and the scope its service works in. */
export interface EventContext {
  scope: Scope;
  payload: unknown;
  deliveryId: string;
  installationId: number;
}

/** Translates one event's payload and calls one service; returns the work it asks for. */
export type Handler = (ev: EventContext) => Promise<FollowUp[]>;

/**
 * An event about the app itself, delivered without an installation (`github_app_authorization`):
 * its service works with the database alone.
 */
export type AppHandler = (ev: { scope: AccessChangeScope & { clock: Scope["clock"] }; payload: unknown; deliveryId: string }) => Promise<FollowUp[]>;

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

/** The repository fields services remember, from a payload's `repository`. */
export function repositoryOf(repository: { id: number; name: string; owner: { login: string }; default_branch?: string | undefined; private?: boolean | undefined }) {
  return { id: repository.id, owner: repository.owner.login, name: repository.name, defaultBranch: repository.default_branch, private: repository.private };
}
