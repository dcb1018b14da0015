import { describe, expect, it } from 'vitest';
import { throttleLatest } from '../../../main/app/throttle';
import { ManualClock } from './fake-clock';

describe('throttleLatest', () => {
  it('delivers the first value at once, then the latest value once per interval', () => {
    const clock = new ManualClock(0);
    const got: number[] = [];
    const t = throttleLatest((v: number) => got.push(v), 200, clock);
    t.push(1);
    t.push(2);
    t.push(3);
    expect(got).toEqual([1]);
    clock.advance(199);
    expect(got).toEqual([1]);
    clock.advance(1);
    expect(got).toEqual([1, 3]);
    clock.advance(1000);
    t.push(4);
    expect(got).toEqual([1, 3, 4]);
  });

  it('flushes the pending value and leaves no timer; cancel drops it', () => {
    const clock = new ManualClock(0);
    const got: number[] = [];
    const t = throttleLatest((v: number) => got.push(v), 200, clock);
    t.push(1);
    t.push(2);
    t.flush();
    expect(got).toEqual([1, 2]);
    expect(clock.pending()).toBe(0);
    t.push(3);
    t.cancel();
    clock.advance(1000);
    expect(got).toEqual([1, 2]);
    expect(clock.pending()).toBe(0);
  });
});
