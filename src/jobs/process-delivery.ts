import type { Logger } from "probot";
import { finishDelivery, getDelivery, startDeliveryAttempt } from "../db/queries/deliveries.js";
import { ensureInstallation } from "../db/queries/repositories.js";
import type { FollowUp } from "../domain/effects.js";
import { isOwnBot } from "../github/bot-identity.js";
import { appRouteFor, routeFor } from "../handlers/routes.js";
import { scopeFor, type Runtime } from "../runtime.js";
import type { DeliveryJob } from "./queues.js";

/** Runs the handler of one recorded delivery; a finished delivery is never run again. */
export async function processDelivery(rt: Runtime, data: DeliveryJob, log: Logger): Promise<FollowUp[]> {
  const delivery = await getDelivery(rt.db, data.deliveryId);
  if (!delivery || delivery.status !== "queued") return [];
  // The job's log already carries the delivery id.
  const dlog = log.child({ event: delivery.event, action: delivery.action, installation: delivery.installationId, repo: delivery.repositoryFullName });
  await startDeliveryAttempt(rt.db, delivery.id);

  const appHandler = appRouteFor(delivery.event, delivery.action);
  if (appHandler) return appHandler({ scope: { db: rt.db, clock: rt.clock, log: dlog }, payload: delivery.payload, deliveryId: delivery.id });

  const handler = routeFor(delivery.event, delivery.action);
  const sender = (delivery.payload as { sender?: { login?: string; type?: string } } | null)?.sender;
  if (!handler || delivery.installationId === null || isOwnBot(rt.bot, sender)) {
    await finishDelivery(rt.db, delivery.id, "ignored", rt.clock.now(), !handler ? "unhandled_event" : delivery.installationId === null ? "no_installation" : "own_bot");
    return [];
  }
  const account = delivery.payload as { installation?: { account?: { login?: string } }; repository?: { owner?: { login?: string } } } | null;
  await ensureInstallation(rt.db, delivery.installationId, account?.installation?.account?.login ?? account?.repository?.owner?.login ?? "unknown", rt.clock.now());
  const scope = await scopeFor(rt, delivery.installationId, dlog);
  // Marked done by the job once these are queued, so a crash in between only repeats idempotent work.
  return handler({ scope, payload: delivery.payload, deliveryId: delivery.id, installationId: delivery.installationId });
}
