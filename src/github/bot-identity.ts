import type { Logger, Probot } from "probot";
import type { BotIdentity } from "../runtime.js";

/**
 * Learns the app's bot login (`<slug>[bot]`) from GitHub, retrying in the background until it
 * answers, so the webhooks our own writes cause can be ignored. APP_SLUG skips the call.
 */
export function resolveBotLogin(bot: BotIdentity, probot: Probot, log: Logger, retryMs = 60_000): void {
  if (bot.login) return;
  const attempt = async () => {
    try {
      const { data } = await (await probot.auth()).rest.apps.getAuthenticated();
      if (!data?.slug) throw new Error("GitHub returned no app slug");
      bot.login = `${data.slug}[bot]`;
      log.info({ bot: bot.login }, "bot identity resolved");
    } catch (err) {
      log.warn({ err }, "could not learn the app's bot login yet; retrying");
      setTimeout(attempt, retryMs).unref();
    }
  };
  void attempt();
}
