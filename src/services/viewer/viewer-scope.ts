import type { Logger } from "probot";
import type { Clock } from "../../clock.js";
import type { Db } from "../../db/client.js";
import type { UserTokenPort } from "../../github/user-port.js";
import type { TokenCipher } from "./token-cipher.js";

/** What the web dashboard's services work with: the database, time, GitHub as the person, the token cipher. */
export interface ViewerScope {
  db: Db;
  clock: Clock;
  log: Logger;
  github: UserTokenPort;
  cipher: TokenCipher;
}

/** The person can no longer be served: their tokens are gone or GitHub refused them. They must sign in again. */
export class SignedOut extends Error {
  readonly code = "SIGNED_OUT";
}
