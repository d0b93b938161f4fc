import { hkdfSync } from "node:crypto";

/** Keys for the web dashboard, each derived from SESSION_SECRET for one use, so no key serves two purposes. */
export interface WebKeys {
  /** HMAC key of the session and sign-in cookies (hono's signed cookies take a string). */
  cookie: string;
  /** AES-256-GCM key of the GitHub tokens stored in the database. */
  tokens: Buffer;
  /** HMAC key that turns a session id into its form token. */
  forms: Buffer;
}

const derive = (secret: string, use: string) => Buffer.from(hkdfSync("sha256", Buffer.from(secret, "utf8"), Buffer.from("senseloop web keys v1"), Buffer.from(use), 32));

export function deriveWebKeys(sessionSecret: string): WebKeys {
  return { cookie: derive(sessionSecret, "cookie").toString("base64url"), tokens: derive(sessionSecret, "tokens"), forms: derive(sessionSecret, "forms") };
}
