import type { Logger } from "probot";
import type { AppPort } from "./port.js";

/** Who Senseloop is on GitHub, to ignore the webhooks its own writes cause. */
export interface BotIdentity {
  appId: number;
  /** `<app-slug>[bot]`; undefined until resolved at start-up. */
  login: string | undefined;
}

export function isOwnBot(bot: BotIdentity, sender: { login?: string | undefined; type?: string | undefined } | undefined): boolean {
  if (!sender?.login || !bot.login) return false;
  return sender.login.toLowerCase() === bot.login.toLowerCase();
}

/**
 * Learns the app's bot login (`<slug>[bot]`) from GitHub, retrying in the background until it
 * answers, so the webhooks our own writes cause can be ignored. APP_SLUG skips the call.
 */
export function resolveBotLogin(bot: BotIdentity, app: () => Promise<AppPort>, log: Logger, retryMs = 60_000): void {
  if (bot.login) return;
  const attempt = async () => {
    try {
      const { slug } = await (await app()).whoAmI();
      bot.login = `${slug}[bot]`;
      log.info({ bot: bot.login }, "bot identity resolved");
    } catch (err) {
      log.warn({ err }, "could not learn the app's bot login yet; retrying");
      setTimeout(attempt, retryMs).unref();
    }
  };
  void attempt();
}
