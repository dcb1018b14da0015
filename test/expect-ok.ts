/** Fails the test with the error when a Result is not ok; returns the value (a test assertion, not an error path). */
export function expectOk<T>(result: { ok: true; value: T } | { ok: false; error: { kind: string; message: string } }): T {
  if (!result.ok) throw new Error(`expected ok, got ${result.error.kind}: ${result.error.message}`);
  return result.value;
}
