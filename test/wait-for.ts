/** Polls `probe` until it returns something truthy (real time, capped); throws naming `what` when the cap passes. */
export async function waitFor<T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 5_000, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
