/**
 * Polls `probe` every 50 ms until it gives a truthy value, and returns that value; fails after `ms`
 * with what was awaited. For state another process or the bus reaches in its own time: never a
 * fixed sleep (docs/testing.md).
 */
export async function eventually<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  ms = 10_000,
  what = 'a condition',
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
