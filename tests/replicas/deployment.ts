import { createStandin, type Standin } from "../../src/standin/index.js";
import { openTestDatabase } from "../helpers/database.js";
import { PRIVATE_KEY } from "../helpers/harness.js";
import { APP_ID, WEBHOOK_SECRET } from "../helpers/ids.js";
import { startRelay, type Relay } from "../helpers/relay.js";
import { startSenseloop, type SenseloopProcess } from "../helpers/senseloop-process.js";
import type { Db } from "../../src/db/client.js";
import { quiet, until } from "./observe.js";

/** A Senseloop process, and the relay it reaches GitHub through (so a test knows who called). */
export type Replica = SenseloopProcess & { door: Relay };

/**
 * One deployment of Senseloop for one test: its own PostgreSQL database (a copy of the migrated
 * template), the local GitHub stand-in, and the processes and relays the test starts. Each test
 * has its own, so tests can run side by side.
 */
export interface Deployment {
  db: Db;
  standin: Standin;
  processes: SenseloopProcess[];
  /** Starts `src/main.ts` in `role` on the database. */
  replica(name: string, role: "all" | "web" | "worker", env?: Record<string, string>): Promise<Replica>;
  /** Webhooks go to these replicas in turn, as through a load balancer. */
  balance(replicas: Replica[]): Promise<Relay>;
  /** Until Senseloop has nothing left to do (see `quiet`). */
  settle(): Promise<void>;
  until(what: string, done: () => Promise<boolean>, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openDeployment(): Promise<Deployment> {
  const database = await openTestDatabase();
  if (database.kind !== "postgres") throw new Error("expected PostgreSQL");
  const standin = createStandin({ app: { id: APP_ID, slug: "senseloop", privateKey: PRIVATE_KEY }, webhook: { secret: WEBHOOK_SECRET } });
  await standin.start();
  const processes: SenseloopProcess[] = [];
  const relays: Relay[] = [];
  const relay = async (upstreams: string[]) => {
    const r = await startRelay(upstreams);
    relays.push(r);
    return r;
  };
  return {
    db: database.db,
    standin,
    processes,
    async replica(name, role, env = {}) {
      const door = await relay([standin.url]);
      const p = await startSenseloop({ name, role, databaseUrl: database.url, githubHost: door.host, env });
      processes.push(p);
      return Object.assign(p, { door });
    },
    async balance(replicas) {
      const balancer = await relay(replicas.map((r) => r.url));
      standin.setWebhook({ url: `${balancer.url}/api/github/webhooks` });
      return balancer;
    },
    settle: () => quiet(standin, database.db, processes),
    until: (what, done, timeoutMs) => until(what, done, processes, timeoutMs),
    async close() {
      for (const p of processes) await p.kill();
      for (const r of relays) await r.stop();
      await standin.stop();
      await database.close();
    },
  };
}
