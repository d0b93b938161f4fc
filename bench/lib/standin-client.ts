import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { APP_ID, PRIVATE_KEY, WEBHOOK_SECRET } from "./servers.js";
import type { CallSummary, OrgSpec, PopulatedOrg, Request } from "./standin-process.js";

export type { CallSummary, OrgSpec, PopulatedOrg } from "./standin-process.js";

const CHILD = fileURLToPath(new URL("./standin-process.ts", import.meta.url));

type Reply = { id: number; result?: unknown; error?: string };

/** The stand-in in its own process, with the benchmark's app; `stop` ends it. */
export interface StandinProcess {
  url: string;
  populate(orgs: OrgSpec[]): Promise<PopulatedOrg[]>;
  calls(since: number): Promise<CallSummary>;
  stop(): Promise<void>;
}

export async function startStandinProcess(): Promise<StandinProcess> {
  const child: ChildProcess = fork(CHILD, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, APP_ID, APP_SLUG: "senseloop-bench", PRIVATE_KEY, WEBHOOK_SECRET },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once("message", (m: { ready?: string }) => (m.ready ? resolve(m.ready) : reject(new Error("the stand-in did not start"))));
    child.once("exit", (code) => reject(new Error(`the stand-in exited with ${code}`)));
  });
  let next = 0;
  const pending = new Map<number, { resolve(value: unknown): void; reject(err: Error): void }>();
  child.on("message", (m: Reply) => {
    const waiter = pending.get(m.id);
    if (!waiter) return;
    pending.delete(m.id);
    if (m.error) waiter.reject(new Error(m.error));
    else waiter.resolve(m.result);
  });
  const ask = <T>(request: Request extends infer R ? (R extends Request ? Omit<R, "id"> : never) : never): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = ++next;
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      child.send({ ...request, id });
    });
  return {
    url,
    populate: (orgs) => ask({ type: "populate", orgs }),
    calls: (since) => ask({ type: "calls", since }),
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.disconnect();
        setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
      }),
  };
}
