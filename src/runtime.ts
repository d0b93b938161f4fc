import type { PgBoss } from "pg-boss";
import type { Logger, Probot } from "probot";
import type { Clock } from "./clock.js";
import type { Db } from "./db/client.js";
import { GitHub } from "./github/port.js";

/** Who Senseloop is on GitHub, to ignore the webhooks its own writes cause. */
export interface BotIdentity {
  appId: number;
  /** `<app-slug>[bot]`; undefined until resolved at start-up. */
  login: string | undefined;
}

/** Everything a job or service needs, built once per process (or once per test). */
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
}

export async function installationGitHub(rt: Runtime, installationId: number): Promise<GitHub> {
  return new GitHub(await rt.probot.auth(installationId), rt.clock);
}

/** An app-authenticated (JWT) client, for the few calls that ask about the app itself. */
export async function appGitHub(rt: Runtime): Promise<GitHub> {
  return new GitHub(await rt.probot.auth(), rt.clock);
}

export function isOwnBot(bot: BotIdentity, sender: { login?: string | undefined; type?: string | undefined } | undefined): boolean {
  if (!sender?.login || !bot.login) return false;
  return sender.login.toLowerCase() === bot.login.toLowerCase();
}
