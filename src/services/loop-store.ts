import type { Db } from "../db/client.js";
import { confirmConfigFile, saveConfigFile, type ConfigFileKey } from "../db/queries/config-cache.js";
import { setConfigStatus, setInstallationActive, type ConfigTiming } from "../db/queries/repositories.js";
import { moveSenseItem } from "../db/queries/sense-items.js";
import type { ConfigProblem } from "../domain/config-problem.js";
import type { SenseItemChange } from "../domain/effects.js";

/** What a config read tells the database: whether it is valid, and the sweep's timing (reminders and readings) and the hypothesis label. */
export interface ConfigStatus {
  status: "ok" | "invalid";
  problems: ConfigProblem[] | null;
  timing?: ConfigTiming;
}

/** What GitHub answered for one config file asked for at `askedAt`: its text (null: no file), or unchanged (a 304). */
export type ConfigFileAnswer = { content: string | null; etag: string | null } | "unchanged";

/**
 * The bookkeeping a plan changes besides its own records: sense items' moves, what a config read
 * found (and the config files it cached), installations found gone. The database, or for a dry
 * run a record of what would change.
 */
export interface LoopStore {
  /** Applies a change if the item is still in the state it was planned from; false otherwise. */
  apply(change: SenseItemChange, at: Date): Promise<boolean>;
  configRead(repositoryId: number, status: ConfigStatus, at: Date): Promise<void>;
  configFileFetched(key: ConfigFileKey, answer: ConfigFileAnswer, at: Date, askedAt: Date): Promise<void>;
  installationGone(installationId: number, at: Date): Promise<void>;
}

export function dbLoopStore(db: Db): LoopStore {
  return {
    apply: (change, at) => moveSenseItem(db, change.itemId, { from: change.from, to: change.to }, change.set, at),
    configRead: (repositoryId, { status, problems, timing }, at) => setConfigStatus(db, repositoryId, status, problems, at, timing),
    configFileFetched: (key, answer, at, askedAt) => (answer === "unchanged" ? confirmConfigFile(db, key, at, askedAt) : saveConfigFile(db, key, answer, at, askedAt)),
    installationGone: (installationId, at) => setInstallationActive(db, installationId, false, at),
  };
}

export function recordingLoopStore(): LoopStore & { changes: SenseItemChange[]; goneInstallations: number[] } {
  const changes: SenseItemChange[] = [];
  const goneInstallations: number[] = [];
  return {
    changes,
    goneInstallations,
    async apply(change) {
      changes.push(change);
      return true;
    },
    async configRead() {},
    async configFileFetched() {},
    async installationGone(installationId) {
      goneInstallations.push(installationId);
    },
  };
}
