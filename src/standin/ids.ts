import { createHash, randomBytes } from "node:crypto";

/**
 * One sequence for every kind of object: an issue id is never also a comment id, so a client
 * that passes the wrong kind of id gets a 404 instead of silently touching another object.
 */
export class IdSequence {
  private last: number;
  constructor(start = 1000) {
    this.last = start;
  }
  next(): number {
    return ++this.last;
  }
}

/** GraphQL-style global ids: opaque, stable, prefixed by type like GitHub's (`I_…`, `PR_…`). */
export const nodeId = (prefix: string, id: number | string) => `${prefix}_kwDO${Buffer.from(String(id)).toString("base64url")}`;

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A token in GitHub's format: a kind prefix (`ghs_`, `ghu_`, `ghr_`, `ghp_`) and 36 characters. */
export function randomToken(prefix: string, length = 36): string {
  const bytes = randomBytes(length);
  let text = "";
  for (const byte of bytes) text += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return `${prefix}${text}`;
}

export const sha1 = (text: string | Buffer) => createHash("sha1").update(text).digest("hex");

/** Git's blob id of a file's content, so `sha` fields match what `git hash-object` prints. */
export const blobSha = (content: string) => {
  const bytes = Buffer.from(content, "utf8");
  return sha1(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes]));
};
