import { acceptDeliveries, type IncomingDelivery, type IntakeResult } from "./accept-delivery.js";

export interface Intake {
  accept(delivery: IncomingDelivery): Promise<IntakeResult>;
}

export interface IntakeOptions {
  /** Deliveries written in one transaction at most. */
  maxBatch?: number;
  /**
   * Transactions written at the same time at most (each on its own connection). While they are
   * all busy, deliveries that arrive wait and go into the next batch together.
   */
  inFlight?: number;
}

/**
 * Group commit for the webhook path. A delivery is written at once while fewer than `inFlight`
 * transactions are being written; when all are busy, deliveries that arrive meanwhile wait and
 * go into the next batch together, so a burst costs one transaction (and one disk flush) per
 * batch instead of one per delivery, and the server prepares one batch while the database
 * commits another. Each request still gets its answer only after its own delivery is committed.
 */
export function createIntake(rt: Parameters<typeof acceptDeliveries>[0], options: IntakeOptions = {}): Intake {
  const maxBatch = options.maxBatch ?? 64;
  const inFlight = Math.max(1, options.inFlight ?? 1);
  let waiting: { delivery: IncomingDelivery; resolve: (r: IntakeResult) => void; reject: (err: unknown) => void }[] = [];
  let writing = 0;

  const pump = () => {
    while (waiting.length > 0 && writing < inFlight) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      writing++;
      acceptDeliveries(rt, batch.map((entry) => entry.delivery))
        .then(
          (results) => batch.forEach((entry, index) => entry.resolve(results[index]!)),
          (err: unknown) => batch.forEach((entry) => entry.reject(err)),
        )
        .finally(() => {
          writing--;
          pump();
        });
    }
  };

  return {
    accept(delivery) {
      return new Promise((resolve, reject) => {
        waiting.push({ delivery, resolve, reject });
        pump();
      });
    },
  };
}
