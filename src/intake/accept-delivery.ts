import { sql } from "drizzle-orm";
import { fromDrizzle } from "pg-boss";
import { z } from "zod";
import type { DrizzleSqlTagLike, DrizzleTransactionLike } from "pg-boss";
import { countDuplicates, insertDeliveries, type NewDelivery } from "../db/queries/deliveries.js";
import { stripNulDeep } from "../domain/sanitize.js";
import { isOwnBot } from "../github/bot-identity.js";
import { appRouteFor, isHandled } from "../handlers/routes.js";
import { QUEUES, type DeliveryJob } from "../jobs/queues.js";
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
  /** The body as it arrived, when it is the JSON of `payload`: stored as it is, not serialised again. */
  raw?: string | undefined;
}

export type IntakeResult = "queued" | "duplicate" | "ignored";

type Intake = Pick<Runtime, "db" | "boss" | "clock" | "log" | "bot" | "metrics">;

/**
 * The whole webhook path after signature verification: record each delivery under its id and
 * enqueue one job for it, in one transaction for the whole batch (one commit for every delivery
 * that arrived together). No call to GitHub. A delivery id seen before is counted and dropped,
 * so GitHub's redeliveries and replays have their side effects once.
 */
export async function acceptDeliveries(rt: Intake, incoming: readonly IncomingDelivery[]): Promise<IntakeResult[]> {
  const now = rt.clock.now();
  const rows = incoming.map((delivery) => toRow(rt, delivery, now));
  const firsts = new Map<string, number>();
  rows.forEach((row, index) => firsts.has(row.id) || firsts.set(row.id, index));
  const unique = [...firsts.values()].map((index) => rows[index]!);

  const inserted = await rt.db.transaction(async (tx) => {
    const ids = new Set(await insertDeliveries(tx, unique));
    // Every copy that was not the one stored counts once as a duplicate of its id.
    const repeats = rows.filter((row, index) => !(ids.has(row.id) && firsts.get(row.id) === index)).map((row) => row.id);
    if (repeats.length > 0) await countDuplicates(tx, repeats);
    const jobs: { data: DeliveryJob }[] = unique.filter((row) => row.status === "queued" && ids.has(row.id)).map((row) => ({ data: { deliveryId: row.id } }));
    if (jobs.length > 0) await rt.boss.insert(QUEUES.delivery.name, jobs, { db: fromDrizzle(tx as unknown as DrizzleTransactionLike, sql as unknown as DrizzleSqlTagLike) });
    return ids;
  });

  return rows.map((row, index) => {
    const result = resultOf(row, inserted.has(row.id) && firsts.get(row.id) === index);
    rt.metrics.webhooks.inc({ event: row.event, outcome: result });
    const log = rt.log.child({ delivery: row.id, event: row.event, action: row.action, installation: row.installationId, repo: row.repositoryFullName });
    if (result === "duplicate") log.info("duplicate delivery dropped");
    else log.debug({ status: row.status, reason: row.reason }, result === "queued" ? "delivery queued" : "delivery ignored");
    return result;
  });
}

function resultOf(row: NewDelivery, stored: boolean): IntakeResult {
  if (!stored) return "duplicate";
  return row.status === "queued" ? "queued" : "ignored";
}

export async function acceptDelivery(rt: Intake, delivery: IncomingDelivery): Promise<IntakeResult> {
  return (await acceptDeliveries(rt, [delivery]))[0]!;
}

function toRow(rt: Intake, delivery: IncomingDelivery, now: Date): NewDelivery & { id: string; event: string } {
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
    receivedAt: now,
  };
  const ignoredBecause = !envelope.success
    ? "payload_invalid"
    : !isHandled(delivery.name, action)
      ? "unhandled_event"
      : isOwnBot(rt.bot, fields.sender)
        ? "own_bot"
        : fields.installation === undefined && !appRouteFor(delivery.name, action)
          ? "no_installation"
          : undefined;
  if (ignoredBecause) return { ...base, status: "ignored", reason: ignoredBecause, finishedAt: now };
  return { ...base, status: "queued", payload: storedPayload(delivery) };
}

/**
 * The payload for the `jsonb` column. The raw body is stored as it came (no second serialisation
 * of 20+ KB), unless it holds a `\u0000` escape, which jsonb refuses: then NULs are stripped.
 */
function storedPayload(delivery: IncomingDelivery) {
  if (delivery.raw !== undefined && !delivery.raw.includes("\\u0000")) return sql`${delivery.raw}::jsonb`;
  return stripNulDeep(delivery.payload);
}
