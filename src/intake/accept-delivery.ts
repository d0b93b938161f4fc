import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import { z } from "zod";
import type { DrizzleSqlTagLike, DrizzleTransactionLike } from "pg-boss";
import { insertDelivery } from "../db/queries/deliveries.js";
import { stripNulDeep } from "../domain/sanitize.js";
import { appRouteFor, isHandled } from "../handlers/routes.js";
import { QUEUES, type DeliveryJob } from "../jobs/queues.js";
import { isOwnBot } from "../github/bot-identity.js";
import type { Runtime } from "../runtime.js";

/** The few envelope fields intake reads; everything else is the handler's business. */
const Envelope = z.object({
  action: z.string().optional(),
  installation: z.object({ id: z.number().int() }).optional(),
  repository: z.object({ id: z.number().int(), full_name: z.string() }).optional(),
  sender: z.object({ login: z.string(), type: z.string().optional() }).optional(),
});

export interface IncomingDelivery {
  id: string;
  name: string;
  payload: unknown;
}

export type IntakeResult = "queued" | "duplicate" | "ignored";

/**
 * The whole webhook path after signature verification: record the delivery under its id and
 * enqueue one job for it, in one transaction. No call to GitHub. A delivery id seen before is
 * counted and dropped, so GitHub's redeliveries and replays have their side effects once.
 */
export async function acceptDelivery(rt: Runtime, delivery: IncomingDelivery): Promise<IntakeResult> {
  const envelope = Envelope.safeParse(delivery.payload);
  const fields = envelope.success ? envelope.data : {};
  const action = fields.action ?? null;
  const base = {
    id: delivery.id.slice(0, 200),
    event: delivery.name.slice(0, 100),
    action,
    installationId: fields.installation?.id ?? null,
    repositoryId: fields.repository?.id ?? null,
    repositoryFullName: fields.repository?.full_name ?? null,
    senderLogin: fields.sender?.login ?? null,
    receivedAt: rt.clock.now(),
  };
  const log = rt.log.child({ delivery: base.id, event: base.event, action, installation: base.installationId, repo: base.repositoryFullName });

  const ignoredBecause = !envelope.success
    ? "payload_invalid"
    : !isHandled(delivery.name, action)
      ? "unhandled_event"
      : isOwnBot(rt.bot, fields.sender)
        ? "own_bot"
        : fields.installation === undefined && !appRouteFor(delivery.name, action)
          ? "no_installation"
          : undefined;

  if (ignoredBecause) {
    const result = await insertDelivery(rt.db, { ...base, status: "ignored", reason: ignoredBecause, finishedAt: base.receivedAt });
    log.debug({ reason: ignoredBecause }, "delivery ignored");
    return result === "duplicate" ? "duplicate" : "ignored";
  }

  const result = await rt.db.transaction(async (tx) => {
    const inserted = await insertDelivery(tx, { ...base, status: "queued", payload: stripNulDeep(delivery.payload) });
    if (inserted === "inserted") {
      const job: DeliveryJob = { deliveryId: base.id };
      await rt.boss.send(QUEUES.delivery.name, job, { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql as unknown as DrizzleSqlTagLike) });
    }
    return inserted;
  });
  if (result === "duplicate") {
    log.info("duplicate delivery dropped");
    return "duplicate";
  }
  log.debug("delivery queued");
  return "queued";
}
