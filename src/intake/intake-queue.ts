import { acceptDeliveries, type IncomingDelivery, type IntakeResult } from "./accept-delivery.js";

type Accept = (rt: Parameters<typeof acceptDeliveries>[0], incoming: readonly IncomingDelivery[]) => Promise<IntakeResult[]>;

export interface Intake {
  accept(delivery: IncomingDelivery): Promise<IntakeResult>;
}

/**
 * Group commit for the webhook path: deliveries that arrive while a batch is being written wait
 * and go into the next batch together, so a burst costs one transaction (and one disk flush)
 * per batch instead of one per delivery. A lone delivery is written at once; each request still
 * gets its answer only after its own delivery is committed.
 */
export function createIntake(rt: Parameters<typeof acceptDeliveries>[0], options: { maxBatch?: number; accept?: Accept } = {}): Intake {
  const maxBatch = options.maxBatch ?? 64;
  const write = options.accept ?? acceptDeliveries;
  let waiting: { delivery: IncomingDelivery; resolve: (r: IntakeResult) => void; reject: (err: unknown) => void }[] = [];
  let writing = false;

  const flush = async () => {
    writing = true;
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        const results = await write(rt, batch.map((entry) => entry.delivery));
        batch.forEach((entry, index) => entry.resolve(results[index]!));
      } catch (err) {
        for (const entry of batch) entry.reject(err);
      }
    }
    writing = false;
  };

  return {
    accept(delivery) {
      return new Promise((resolve, reject) => {
        waiting.push({ delivery, resolve, reject });
        if (!writing) void flush();
      });
    },
  };
}
