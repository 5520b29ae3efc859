/**
 * Waiting by polling with a bound, never by sleeping a fixed time.
 */

/** Calls `probe` until it returns a truthy value, or fails after `timeoutMs` with the last value seen. */
export async function pollUntil<T>(probe: () => Promise<T> | T, what: string, timeoutMs = 10_000, everyMs = 50): Promise<Exclude<T, false | null | undefined | 0 | ''>> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe();
    if (last) return last as Exclude<T, false | null | undefined | 0 | ''>;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 300)})`);
}
