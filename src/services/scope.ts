import type { Logger } from "probot";
import type { Clock } from "../clock.js";
import type { Db } from "../db/client.js";
import type { BotIdentity } from "../github/bot-identity.js";
import type { WriteLedger } from "../github/ledger.js";
import type { AppPort, GitHubPort } from "../github/port.js";
import type { SignalSources } from "../signals/signal-sources.js";
import type { LoopStore } from "./loop-store.js";

/**
 * What one service call works with: the database, time, one installation's GitHub port, the
 * app-level calls, the write ledger, the loop store and the signal sources. Built by the job
 * layer for each job (or, for a dry run, over the recording port, a ledger in memory and a
 * recording store).
 */
export interface Scope {
  db: Db;
  clock: Clock;
  log: Logger;
  bot: BotIdentity;
  /** The GitHub web host, to read issue URLs in references. */
  webHost: string;
  gh: GitHubPort;
  app: () => Promise<AppPort>;
  ledger: WriteLedger;
  store: LoopStore;
  /** The configured signal sources: to check a hypothesis's query line, and to read it. */
  signals: SourceCatalog;
}

export type SourceCatalog = Pick<SignalSources, "get" | "list">;
