/**
 * Polls `probe` until it returns a value other than undefined, null or false, and returns that value; fails naming
 * `what` after `timeout` ms. For waiting on something another timer, process or connection does, instead of a fixed
 * sleep that is too short on a loaded machine and too long everywhere else.
 */
export async function waitFor<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeout = 10_000, interval = 20, what = 'the condition' }: { timeout?: number; interval?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== null && v !== false) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}
