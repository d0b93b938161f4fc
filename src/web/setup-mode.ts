import type { Logger } from "probot";
import type { Route } from "./http.js";

type SetupFactory = (options: { host?: string | undefined; port: number; log: Logger }) => () => Promise<Route>;

/**
 * Probot's "register a GitHub App" flow (manifest creation, then `.env` written with the new
 * app's credentials). Probot only runs it from its own server, which would not serve our
 * health and status routes, so its handler is borrowed here. Undefined if this Probot version
 * does not ship it where expected; the status page then explains the manual set-up.
 */
export async function probotSetupRoute(options: { host?: string | undefined; port: number; log: Logger }): Promise<Route | undefined> {
  // Setup runs on a laptop with no webhook proxy; without this Probot would reach out to smee.io.
  process.env.NO_SMEE_SETUP ??= "true";
  try {
    const entry = import.meta.resolve("probot");
    const module = (await import(new URL("./apps/setup.js", entry).href)) as { setupAppFactory?: SetupFactory };
    if (typeof module.setupAppFactory !== "function") return undefined;
    return await module.setupAppFactory(options)();
  } catch (err) {
    options.log.warn({ err }, "Probot's app registration flow is not available; set APP_ID, PRIVATE_KEY and WEBHOOK_SECRET by hand");
    return undefined;
  }
}
