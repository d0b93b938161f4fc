export type BodyRead = { ok: true; text: string } | { ok: false; reason: "too_large" };

/**
 * Reads a request body as UTF-8, refusing it once it passes `limit` bytes: at once when
 * Content-Length says so, else while counting the stream, so an oversized body is never held
 * whole. The reader is cancelled on refusal; the server then closes the connection.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return { ok: false, reason: "too_large" };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString("utf8") };
}
