import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/** A stored token that does not decrypt: another key (SESSION_SECRET changed), another user's row, or tampering. */
export class TokenUnreadable extends Error {
  readonly code = "TOKEN_UNREADABLE";
}

export interface TokenCipher {
  /** `v1.<iv>.<tag>.<ciphertext>`, base64url; `owner` is bound in, so a value moved to another row does not decrypt. */
  seal(plain: string, owner: string): string;
  open(sealed: string, owner: string): string;
}

/** AES-256-GCM with a fresh 96-bit IV per value. */
export function tokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new Error("the token key must be 32 bytes");
  return {
    seal(plain, owner) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(owner, "utf8"));
      const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
      return ["v1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
    },
    open(sealed, owner) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== "v1" || !iv || !tag || body === undefined) throw new TokenUnreadable("not a sealed token");
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
        decipher.setAAD(Buffer.from(owner, "utf8"));
        decipher.setAuthTag(Buffer.from(tag, "base64url"));
        return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
      } catch {
        throw new TokenUnreadable("the token does not decrypt with this key");
      }
    },
  };
}
