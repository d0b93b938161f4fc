export type BodyRead = { ok: true; text: string } | { ok: false; reason: "too_large" | "incomplete" };

/**
 * Reads a request body as UTF-8, refusing it once it passes `limit` bytes: at once when
 * Content-Length says so, else while counting the stream, so an oversized body is never held
 * whole. The reader is cancelled on refusal; the server then closes the connection. A body
 * whose connection broke off (the client left, or the server's request timeout cut it) is incomplete.
 */
export async function readBodyWithin(request: Request, limit: number): Promise<BodyRead> {
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too_large" };
  if (!request.body) return { ok: true, text: "" };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let next: Awaited<ReturnType<typeof reader.read>>;
    try {
      next = await reader.read();
    } catch {
      return { ok: false, reason: "incomplete" };
    }
    const { done, value } = next;
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
