/**
 * Simulated time for the soak: one `now()` shared by the simulator, the Clopos client and the watch
 * engine, and two timer queues. `pc` timers belong to the notifier's PC and stop while it sleeps
 * (like a monotonic clock during suspend); `world` timers belong to the restaurant (orders
 * arriving, clerks accepting them) and keep running while the PC sleeps.
 *
 * Virtual time stands still while a poll's real HTTP is on the wire: the notifier's timers that are
 * already due still fire meanwhile (as they would in a real event loop), but the world only moves
 * between polls, so what the simulator listed is exactly what the test recorded as pending.
 */
import type { Clock } from '../../main/watch/types';

type Domain = 'pc' | 'world';
interface Timer {
  at: number;
  seq: number;
  fn: () => void;
  domain: Domain;
}

/** Bound on how long one poll may take in real time before the run is declared stuck. */
const POLL_REAL_TIMEOUT_MS = 30_000;
/** Bound on timer firings per run() call: a timer that re-arms itself at 0 ms must not spin forever. */
const MAX_STEPS = 5_000_000;

export class VirtualClock {
  private time: number;
  private seq = 0;
  private readonly timers = new Map<number, Timer>();
  private busy: () => boolean = () => false;
  private wake: (() => void) | null = null;

  constructor(start: number) {
    this.time = start;
  }

  readonly now = (): number => this.time;

  /** The notifier's clock (engine timers). */
  readonly pc: Clock = {
    now: this.now,
    setTimeout: (fn, ms) => this.add(fn, ms, 'pc'),
    clearTimeout: (handle) => {
      this.timers.delete(handle as number);
    },
  };

  /** The restaurant's clock (order arrivals, clerks, the fault schedule). */
  readonly world: Clock = {
    now: this.now,
    setTimeout: (fn, ms) => this.add(fn, ms, 'world'),
    clearTimeout: (handle) => {
      this.timers.delete(handle as number);
    },
  };

  /** Tells the clock when a poll is on the wire (engine.snapshot().polling). */
  watchBusy(busy: () => boolean): void {
    this.busy = busy;
  }

  /** Call on every engine state change: lets run() stop waiting as soon as a poll settles. */
  poke(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }

  pendingTimers(domain?: Domain): number {
    return [...this.timers.values()].filter((t) => !domain || t.domain === domain).length;
  }

  private add(fn: () => void, ms: number, domain: Domain): number {
    this.seq += 1;
    const delay = Number.isFinite(ms) ? Math.max(0, ms) : 0;
    this.timers.set(this.seq, { at: this.time + delay, seq: this.seq, fn, domain });
    return this.seq;
  }

  private earliest(filter: (t: Timer) => boolean): Timer | undefined {
    let best: Timer | undefined;
    for (const t of this.timers.values()) {
      if (!filter(t)) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    }
    return best;
  }

  private fire(timer: Timer): void {
    this.timers.delete(timer.seq);
    timer.fn();
  }

  private async waitForPoll(): Promise<void> {
    const deadline = Date.now() + POLL_REAL_TIMEOUT_MS;
    while (this.busy()) {
      if (Date.now() > deadline) throw new Error(`A poll did not settle within ${POLL_REAL_TIMEOUT_MS} ms of real time`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  }

  /** Runs every timer due up to `until` (epoch ms), letting each poll's real HTTP finish. */
  async runUntil(until: number): Promise<void> {
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const busy = this.busy();
      const due = this.earliest((t) => t.at <= this.time && (t.domain === 'pc' || !busy));
      if (due) {
        this.fire(due);
        await new Promise<void>((resolve) => setImmediate(resolve));
        continue;
      }
      if (busy) {
        await this.waitForPoll();
        continue;
      }
      const next = this.earliest((t) => t.at <= until);
      if (!next) {
        this.time = Math.max(this.time, until);
        return;
      }
      this.time = Math.max(this.time, next.at);
    }
    throw new Error(`More than ${MAX_STEPS} timer firings before ${new Date(until).toISOString()}`);
  }

  /**
   * The PC sleeps for `ms`: its timers are pushed back by the same amount (they do not run while
   * suspended) while the world's timers keep running through the gap.
   */
  async sleep(ms: number): Promise<void> {
    await this.waitForPoll();
    for (const t of this.timers.values()) if (t.domain === 'pc') t.at += ms;
    const wakeAt = this.time + ms;
    for (let step = 0; step < MAX_STEPS; step += 1) {
      const next = this.earliest((t) => t.domain === 'world' && t.at <= wakeAt);
      if (!next) break;
      this.time = Math.max(this.time, next.at);
      this.fire(next);
    }
    this.time = wakeAt;
  }
}
