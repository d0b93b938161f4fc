/** A step's expected effect did not show up in time; the message says what was awaited. */
export class StepFailed extends Error {}

/**
 * Polls `probe` until it answers something other than undefined, every 100 ms, for at most
 * `timeoutMs`. Nothing sleeps for a fixed time: each step waits for exactly the effect it expects.
 */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const found = await probe();
      if (found !== undefined) return found;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      const why = lastError instanceof Error ? ` (last error: ${lastError.message})` : "";
      throw new StepFailed(`waited ${Math.round(timeoutMs / 1000)} s for ${what}, and it did not happen${why}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
