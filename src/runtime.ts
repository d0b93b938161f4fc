import type { PgBoss } from "pg-boss";
import type { Logger, Probot } from "probot";
import type { Clock } from "./clock.js";
import type { Db } from "./db/client.js";
import type { BotIdentity } from "./github/bot-identity.js";
import { appAdapter, octokitGitHub } from "./github/octokit/index.js";
import { installationGate } from "./jobs/installation-gate.js";
import type { AppPort } from "./github/port.js";
import { dbLoopStore } from "./services/loop-store.js";
import type { SignalSources } from "./signals/signal-sources.js";
import type { Scope } from "./services/scope.js";
import { dbLedger } from "./services/write-ledger.js";

export type { BotIdentity } from "./github/bot-identity.js";

/** Everything a job needs, built once per process (or once per test). */
export interface Runtime {
  db: Db;
  boss: PgBoss;
  clock: Clock;
  log: Logger;
  probot: Probot;
  bot: BotIdentity;
  /** The GitHub web host, to read issue URLs in references. */
  webHost: string;
  /** How long a dashboard refresh waits for more changes before editing the issue. */
  dashboardDelaySeconds: number;
  /** The signal sources this process may read, as the sources file last said (reloaded on SIGHUP). */
  signals: SignalSources;
}

/** The app-level (JWT) calls, for the few questions about the app itself. */
export function appCalls(rt: Pick<Runtime, "probot" | "clock">): () => Promise<AppPort> {
  return async () => appAdapter(await rt.probot.auth(), rt.clock);
}

/**
 * What a service call of one installation works with: its GitHub port (every call of which goes
 * through the installation's gate), the ledger, the store. `dryRun` keeps the gate from recording.
 */
export async function scopeFor(rt: Runtime, installationId: number, log: Logger, options: { dryRun?: boolean } = {}): Promise<Scope> {
  const octokit = await rt.probot.auth(installationId);
  const app = appCalls(rt);
  const gate = installationGate(rt, installationId, log, { record: !options.dryRun, app, refreshToken: () => octokit.auth({ type: "installation", refresh: true }) });
  return {
    db: rt.db,
    clock: rt.clock,
    log,
    bot: rt.bot,
    webHost: rt.webHost,
    gh: octokitGitHub(octokit, rt.clock, () => rt.bot, gate),
    app,
    ledger: dbLedger(rt.db, rt.clock),
    store: dbLoopStore(rt.db),
    signals: rt.signals,
  };
}
