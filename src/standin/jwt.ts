import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { ApiError } from "./errors.js";

/** GitHub's words for a refused app JWT; Octokit's auth-app recognises the clock-skew ones and retries. */
const UNDECODABLE = "A JSON web token could not be decoded";
const EXPIRED = "'Expiration time' claim ('exp') must be a numeric value representing the future time at which the assertion expires";
const TOO_LONG = "'Expiration time' claim ('exp') is too far in the future";
const ISSUED_LATER = "'Issued at' claim ('iat') must be an Integer representing the time that the assertion was issued";

/** GitHub tolerates a minute of clock drift. */
const LEEWAY_SECONDS = 60;

const decode = (part: string) => JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;

/** Verifies an app JWT: RS256, signed by the app's key, issued by the app (id or client id), alive now. */
export class AppJwtVerifier {
  private readonly publicKey: KeyObject;

  constructor(
    privateKeyPem: string,
    private readonly issuers: string[],
  ) {
    // The public half is derived from the configured private key, so one secret configures both sides.
    this.publicKey = createPublicKey(privateKeyPem);
  }

  verify(token: string, nowSeconds: number): void {
    const parts = token.split(".");
    if (parts.length !== 3) throw new ApiError(401, UNDECODABLE);
    const [header, payload, signature] = parts as [string, string, string];
    let claims: Record<string, unknown>;
    try {
      if (decode(header).alg !== "RS256") throw new Error("not RS256");
      claims = decode(payload);
    } catch {
      throw new ApiError(401, UNDECODABLE);
    }
    const valid = verify("RSA-SHA256", Buffer.from(`${header}.${payload}`), this.publicKey, Buffer.from(signature, "base64url"));
    if (!valid) throw new ApiError(401, UNDECODABLE);
    if (!this.issuers.includes(String(claims.iss))) throw new ApiError(401, UNDECODABLE);
    const { iat, exp } = claims;
    if (typeof iat !== "number" || !Number.isInteger(iat) || iat > nowSeconds + LEEWAY_SECONDS) throw new ApiError(401, ISSUED_LATER);
    if (typeof exp !== "number" || exp <= nowSeconds - LEEWAY_SECONDS) throw new ApiError(401, EXPIRED);
    if (exp - nowSeconds > 600 + LEEWAY_SECONDS || exp - iat > 600 + LEEWAY_SECONDS) throw new ApiError(401, TOO_LONG);
  }
}
