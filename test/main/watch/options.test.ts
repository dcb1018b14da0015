import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../../main/watch/options';

describe('engine options', () => {
  it('keeps the poll interval within 3..300 s, whatever the caller asks', () => {
    expect(resolveOptions({ pollIntervalSeconds: 1 }).pollIntervalMs).toBe(3_000);
    expect(resolveOptions({ pollIntervalSeconds: 10 }).pollIntervalMs).toBe(10_000);
    expect(resolveOptions({ pollIntervalSeconds: 10_000 }).pollIntervalMs).toBe(300_000);
    expect(resolveOptions({ pollIntervalSeconds: Number.NaN }).pollIntervalMs).toBe(10_000);
  });

  it('lets an explicit floor go down to 1 s (for the latency benchmark), never up and never below 1 s', () => {
    expect(resolveOptions({ pollIntervalSeconds: 2, minPollIntervalSeconds: 2 }).pollIntervalMs).toBe(2_000);
    expect(resolveOptions({ pollIntervalSeconds: 0.1, minPollIntervalSeconds: 0 }).pollIntervalMs).toBe(1_000);
    expect(resolveOptions({ pollIntervalSeconds: 3, minPollIntervalSeconds: 60 }).pollIntervalMs).toBe(3_000);
  });
});
