import type { Logger } from "probot";
import type { Clock } from "../../clock.js";
import type { Db } from "../../db/client.js";
import type { Env } from "../../env.js";
import { octokitUserTokens } from "../../github/octokit/user-tokens.js";
import type { UserTokenPort } from "../../github/user-port.js";
import { tokenCipher } from "../../services/viewer/token-cipher.js";
import type { ViewerScope } from "../../services/viewer/viewer-scope.js";
import { deriveWebKeys, type WebKeys } from "../../services/viewer/web-keys.js";
import type { CookieSettings } from "./cookies.js";

/** Everything signing in needs, present only when GITHUB_CLIENT_ID, GITHUB_CLIENT_SECRET and SESSION_SECRET are all set. */
export interface SignIn {
  scope: ViewerScope;
  keys: WebKeys;
  cookies: CookieSettings;
  publicUrl: string | undefined;
}

export function createSignIn(parts: { db: Db; clock: Clock; log: Logger; env: Env; userTokens?: UserTokenPort | undefined }): SignIn | undefined {
  const { env } = parts;
  if (!env.githubClientId || !env.githubClientSecret || !env.sessionSecret) return undefined;
  const keys = deriveWebKeys(env.sessionSecret);
  const github = parts.userTokens ?? octokitUserTokens({ clientId: env.githubClientId, clientSecret: env.githubClientSecret, apiUrl: env.githubApiUrl, clock: parts.clock });
  return {
    scope: { db: parts.db, clock: parts.clock, log: parts.log, github, cipher: tokenCipher(keys.tokens) },
    keys,
    cookies: { key: keys.cookie, publicUrl: env.publicUrl },
    publicUrl: env.publicUrl,
  };
}
