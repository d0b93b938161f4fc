import type { ApplicationFunction } from "probot";
import { acceptDelivery } from "./intake/accept-delivery.js";
import type { Runtime } from "./runtime.js";

/**
 * The Probot app: every verified delivery goes to intake, which records and enqueues it.
 * Handlers run later, in workers (see jobs/), never on the webhook path.
 */
export function senseloopApp(rt: Runtime): ApplicationFunction {
  return (app) => {
    app.onAny(async (context) => {
      await acceptDelivery(rt, { id: context.id, name: context.name, payload: context.payload });
    });
  };
}
