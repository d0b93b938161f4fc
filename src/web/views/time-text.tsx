import type { FC } from "hono/jsx";

/** "2026-03-02 09:00 UTC": unambiguous for readers in any time zone, and the same in print. */
export function utcText(at: Date): string {
  return `${at.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

export const Time: FC<{ at: Date }> = ({ at }) => <time datetime={at.toISOString()}>{utcText(at)}</time>;
