import { z } from "zod";

/**
 * Opaque page cursors: the sort key of the last row shown, as base64url JSON. A cursor that does
 * not parse is refused rather than read as "from the start", so a script never loops silently.
 */
export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function decodeCursor<S extends z.ZodType>(schema: S, cursor: string): z.infer<S> | undefined {
  try {
    const parsed = schema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
