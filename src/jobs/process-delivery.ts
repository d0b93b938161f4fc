import { Context } from "probot";
import type { Logger } from "probot";
import { finishDelivery, getDelivery, startDeliveryAttempt } from "../db/queries/deliveries.js";
import { ensureInstallation } from "../db/queries/repositories.js";
import { routeFor } from "../handlers/routes.js";
import { installationGitHub, isOwnBot, type Runtime } from "../runtime.js";
import type { DeliveryJob } from "./queues.js";

/** Runs the handler of one recorded delivery, once: a finished delivery is never run again. */
export async function processDelivery(rt: Runtime, data: DeliveryJob, log: Logger): Promise<void> {
  const delivery = await getDelivery(rt.db, data.deliveryId);
  if (!delivery || delivery.status !== "queued") return;
  const dlog = log.child({ delivery: delivery.id, event: delivery.event, action: delivery.action, installation: delivery.installationId, repo: delivery.repositoryFullName });
  await startDeliveryAttempt(rt.db, delivery.id);

  const handler = routeFor(delivery.event, delivery.action);
  const sender = (delivery.payload as { sender?: { login?: string; type?: string } } | null)?.sender;
  if (!handler || delivery.installationId === null || isOwnBot(rt.bot, sender)) {
    await finishDelivery(rt.db, delivery.id, "ignored", rt.clock.now(), !handler ? "unhandled_event" : delivery.installationId === null ? "no_installation" : "own_bot");
    return;
  }
  const account = (delivery.payload as { installation?: { account?: { login?: string } }; repository?: { owner?: { login?: string } } } | null);
  await ensureInstallation(rt.db, delivery.installationId, account?.installation?.account?.login ?? account?.repository?.owner?.login ?? "unknown", rt.clock.now());
  const gh = await installationGitHub(rt, delivery.installationId);
  const probot = new Context({ id: delivery.id, name: delivery.event, payload: delivery.payload } as never, gh.octokit, dlog);
  await handler({ rt, gh, probot, payload: delivery.payload, deliveryId: delivery.id, installationId: delivery.installationId, log: dlog });
  await finishDelivery(rt.db, delivery.id, "done", rt.clock.now());
  dlog.debug("delivery handled");
}
