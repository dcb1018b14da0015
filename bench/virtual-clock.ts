/**
 * Simulated time for the engine, the client, the simulator and the order flow, so days of
 * polling or minutes of rate-limit windows run in seconds. Real I/O (loopback HTTP, promises)
 * still runs in real time: after each timer the caller's `settle` waits for it.
 */
import type { Clock } from '../main/watch/types';

interface Timer {
  at: number;
  seq: number;
  fn: () => void;
}

export class VirtualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();

  constructor(start: number) {
    this.time = start;
  }

  now = (): number => this.time;

  setTimeout = (fn: () => void, ms: number): unknown => {
    this.seq += 1;
    this.timers.set(this.seq, { at: this.time + Math.max(0, ms), seq: this.seq, fn });
    return this.seq;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  pendingTimers(): number {
    return this.timers.size;
  }

  private next(until: number): Timer | null {
    let best: Timer | null = null;
    for (const t of this.timers.values()) {
      if (t.at > until) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  /**
   * Fires every timer due up to `until`, in time order, awaiting `settle` after each so the work
   * it started (a poll over HTTP) finishes before time moves on. Bounded by `maxTimers`.
   */
  async runUntil(until: number, settle: () => Promise<void>, maxTimers = 5_000_000): Promise<void> {
    await settle();
    for (let fired = 0; fired < maxTimers; fired += 1) {
      const timer = this.next(until);
      if (!timer) break;
      this.timers.delete(timer.seq);
      this.time = Math.max(this.time, timer.at);
      timer.fn();
      await settle();
    }
    this.time = Math.max(this.time, until);
    await settle();
  }
}

/** Waits until `busy` is false, yielding to the event loop; gives up after `timeoutMs` of real time. */
export async function settleWhile(busy: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  do await new Promise<void>((resolve) => setImmediate(resolve));
  while (busy() && Date.now() < deadline);
  if (busy()) throw new Error(`Still busy after ${timeoutMs} ms of real time`);
}
