/**
 * Simulated time for the property test: one queue of timers in two domains. `pc` timers belong to
 * the notifier's PC and stop while it sleeps (like a monotonic clock during suspend); `world`
 * timers (orders arriving, clerks, the server's slow replies) keep running. Between timers the
 * event loop is drained, so promises chained on a fired timer settle before time moves on.
 */
import type { Clock } from '../../../main/watch/types';

type Domain = 'pc' | 'world';
interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  domain: Domain;
}

/** A run that fires more timers than this has a timer re-arming itself at 0 ms. */
const MAX_FIRINGS = 2_000_000;
/** Event-loop turns drained after each timer: enough for a poll answered from memory to settle. */
const DRAIN_TURNS = 4;

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export class ModelClock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();
  private firings = 0;
  /** True time the PC wakes up; a PC timer set before then (by a reply that arrived during the sleep) counts from waking. */
  private sleepUntil = Number.NEGATIVE_INFINITY;
  /** The PC's clock minus the true (server) time. */
  constructor(
    start: number,
    readonly skewMs: number,
  ) {
    this.time = start;
  }

  /** True time: the server's clock. */
  readonly now = (): number => this.time;

  /** The notifier's clock: true time plus the PC's skew; its timers stop while the PC sleeps. */
  readonly pc: Clock = {
    now: () => this.time + this.skewMs,
    setTimeout: (fn, ms) => this.add(fn, ms, 'pc'),
    clearTimeout: (handle) => {
      this.timers.delete(handle as number);
    },
  };

  /** Timers of the restaurant and the server. */
  at(time: number, fn: () => void): number {
    return this.add(fn, time - this.time, 'world');
  }

  after(ms: number, fn: () => void): number {
    return this.add(fn, ms, 'world');
  }

  cancel(handle: number): void {
    this.timers.delete(handle);
  }

  private add(fn: () => void, ms: number, domain: Domain): number {
    this.seq += 1;
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    const from = domain === 'pc' ? Math.max(this.time, this.sleepUntil) : this.time;
    this.timers.set(this.seq, { at: from + delay, seq: this.seq, fn, domain });
    return this.seq;
  }

  /** True while the PC sleeps. */
  get asleep(): boolean {
    return this.time < this.sleepUntil;
  }

  private earliest(limit: number): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers.values()) {
      if (t.at > limit) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  /** Runs every timer due up to `until`, calling `after` once each fired timer has settled. */
  async runUntil(until: number, after: () => void): Promise<void> {
    let fired = false;
    for (;;) {
      // What the last timer (or work started outside one, such as an engine starting) set in
      // motion settles before it is judged and before time moves on.
      for (let i = 0; i < DRAIN_TURNS; i += 1) await turn();
      if (fired) after();
      const next = this.earliest(until);
      if (!next) {
        this.time = Math.max(this.time, until);
        return;
      }
      if ((this.firings += 1) > MAX_FIRINGS) throw new Error(`more than ${MAX_FIRINGS} timer firings`);
      this.time = Math.max(this.time, next.at);
      this.timers.delete(next.seq);
      next.fn();
      fired = true;
    }
  }

  /** The PC sleeps for `ms` from now: its timers move back by as much; the world's do not. */
  sleep(ms: number): void {
    this.sleepUntil = this.time + ms;
    for (const t of this.timers.values()) if (t.domain === 'pc') t.at += ms;
  }
}
