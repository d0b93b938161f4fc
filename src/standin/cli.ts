import { readFileSync } from "node:fs";
import { createStandin } from "./standin.js";

/**
 * Runs the stand-in as its own process. Configuration comes from the environment; it prints one
 * JSON line saying where it listens and how to point Senseloop at it, and stops on SIGINT/SIGTERM.
 */
const env = process.env;
const text = (name: string) => (env[name]?.trim() ? env[name]!.trim() : undefined);
const keyPath = text("PRIVATE_KEY_PATH");
// The key is taken as given (not trimmed): a PEM ends with a newline.
const privateKey = text("PRIVATE_KEY") ? env.PRIVATE_KEY!.replace(/\\n/g, "\n") : keyPath ? readFileSync(keyPath, "utf8") : undefined;

const standin = createStandin({
  host: text("STANDIN_HOST"),
  app: { id: text("APP_ID") ? Number(text("APP_ID")) : undefined, slug: text("APP_SLUG"), privateKey },
  webhook: { url: text("STANDIN_WEBHOOK_URL"), secret: text("WEBHOOK_SECRET") },
  oauth: { callbackUrls: text("STANDIN_OAUTH_CALLBACK_URLS")?.split(",").map((u) => u.trim()), signedIn: text("STANDIN_SIGNED_IN") },
});
const url = await standin.start(Number(text("STANDIN_PORT") ?? 0));
const credentials = standin.appCredentials();
console.log(JSON.stringify({ url, api: standin.urls.api, control: `${url}/_standin`, env: { GHE_HOST: credentials.gheHost, GHE_PROTOCOL: "http", APP_ID: String(credentials.appId), APP_SLUG: credentials.slug, WEBHOOK_SECRET: credentials.webhookSecret } }));

const stop = () => void standin.stop().then(() => process.exit(0));
process.once("SIGINT", stop);
process.once("SIGTERM", stop);
