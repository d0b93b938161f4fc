import { verify } from "@octokit/webhooks-methods";
import { Hono } from "hono";
import type { Logger } from "probot";
import type { Intake } from "../intake/intake-queue.js";
import { readBodyWithin } from "./read-body.js";
import { remoteAddress } from "./request-info.js";

/** GitHub caps webhook payloads at 25 MB. */
export const MAX_PAYLOAD_BYTES = 25 * 1024 * 1024;

/**
 * GitHub waits 10 s for an answer. Intake (one insert and one job in a transaction) takes
 * milliseconds, so one that has not finished in 4.5 s means the database is not answering:
 * say so with a 503 (within 5 s of the request, reading included), which GitHub records as a
 * failed delivery that can be redelivered.
 */
export const INTAKE_TIMEOUT_MS = 4500;

export interface WebhookOptions {
  /** Records and queues a verified delivery (batched with others arriving at the same time). */
  intake: Intake;
  path: string;
  secret: string;
  log: Logger;
  intakeTimeoutMs?: number;
}

class IntakeTimeout extends Error {
  readonly code = "INTAKE_TIMEOUT";
}

/**
 * Verifies a delivery's signature on the raw body, then hands it to intake (record + enqueue). A missing or wrong signature answers 400 and stores
 * nothing; it is logged as one short line, never with its payload.
 */
export function webhookRoutes(options: WebhookOptions): Hono {
  const app = new Hono();
  const intakeTimeoutMs = options.intakeTimeoutMs ?? INTAKE_TIMEOUT_MS;

  app.post(options.path, async (c) => {
    const event = c.req.header("x-github-event");
    const id = c.req.header("x-github-delivery");
    const signature = c.req.header("x-hub-signature-256");
    const missing = (
      [
        ["X-GitHub-Event", event],
        ["X-GitHub-Delivery", id],
        ["X-Hub-Signature-256", signature],
      ] as const
    )
      .filter(([, value]) => !value)
      .map(([name]) => name);
    if (!event || !id || !signature) {
      options.log.warn({ missing, remote: remoteAddress(c) }, "webhook refused: headers missing");
      return c.json({ error: `missing header${missing.length > 1 ? "s" : ""}: ${missing.join(", ")}` }, 400);
    }

    const body = await readBodyWithin(c.req.raw, MAX_PAYLOAD_BYTES);
    if (!body.ok && body.reason === "incomplete") {
      options.log.warn({ delivery: id.slice(0, 100), remote: remoteAddress(c) }, "webhook refused: body did not arrive whole");
      return c.json({ error: "the body did not arrive whole" }, 400);
    }
    if (!body.ok) {
      options.log.warn({ delivery: id.slice(0, 100), event: event.slice(0, 100), remote: remoteAddress(c) }, "webhook refused: payload over 25 MB");
      // The rest is not kept: the Node adapter discards what still arrives for half a second, then closes the connection.
      return c.json({ error: `payload is over ${MAX_PAYLOAD_BYTES} bytes` }, 413);
    }
    const valid = await verify(options.secret, body.text, signature).catch(() => false);
    if (!valid) {
      options.log.warn({ delivery: id.slice(0, 100), event: event.slice(0, 100), remote: remoteAddress(c) }, "webhook refused: signature does not match");
      return c.json({ error: "signature does not match" }, 400);
    }
    let payload: unknown;
    try {
      payload = JSON.parse(body.text);
    } catch {
      return c.json({ error: "payload is not JSON" }, 400);
    }

    const intake = options.intake.accept({ id, name: event, payload, raw: body.text });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        intake,
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new IntakeTimeout(`intake did not finish within ${intakeTimeoutMs} ms`)), intakeTimeoutMs);
        }),
      ]);
    } catch (err) {
      if (err instanceof IntakeTimeout) {
        // Intake may still finish; then GitHub's redelivery is counted as a duplicate.
        intake.catch((late) => options.log.error({ err: late, delivery: id }, "webhook intake failed after the answer"));
        options.log.error({ delivery: id, timeoutMs: intakeTimeoutMs }, "webhook not recorded in time: is the database answering?");
        return c.json({ error: "the database did not answer in time; GitHub can redeliver this delivery" }, 503);
      }
      options.log.error({ err, delivery: id }, "webhook could not be recorded");
      return c.json({ error: "could not record the delivery; GitHub can redeliver it" }, 500);
    } finally {
      clearTimeout(timer);
    }
    return c.json({ accepted: id }, 202);
  });

  app.all(options.path, (c) => {
    c.header("allow", "POST");
    return c.json({ error: "webhooks are POSTed" }, 405);
  });
  return app;
}
