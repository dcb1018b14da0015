/**
 * The automatic cadence: how often to poll, chosen from what Clopos' replies say about the rate
 * budget (docs/clopos-api.md "Rate limits").
 *
 * - v2 (`RateLimit-*`): 300 requests a minute per integrator and brand, shared by every PC of the
 *   brand. Each PC measures how fast the whole brand spends that budget (the drop in Remaining
 *   between its own replies) and aims at a rate that is a function of that shared figure only:
 *   as fast as the floor allows while the brand uses little, slower as the brand's use grows.
 *   Every PC reads the same figure, so they settle on the same cadence — a fair share — without
 *   talking to each other; the jitter keeps them from polling in step. A PC starts at the set
 *   interval and speeds up as the replies show room.
 * - v1 (`X-RateLimit-*`): 100 a minute *and* 1,000 an hour per key. The hourly window is never in
 *   the headers until it is spent, so the PC counts its own requests over the last hour and paces
 *   itself to 90 % of it (shared with any other PC the minute window shows on the same key).
 *
 * Pure: no timers, no I/O. The engine feeds it one observation per poll and asks for the interval.
 */
import type { CadenceReason, RateBudget } from '../../common/engine';
import { clamp } from './options';

/** The brand's use (share of the minute limit) up to which every PC polls at the floor. */
export const SHARED_EASY_USE = 0.2;
/** Share of an hourly limit (v1) the PCs on one key spend; the rest covers sign-ins and "Check now". */
export const HOURLY_SHARE = 0.9;
/** The slowest automatic cadence. */
export const AUTO_CEILING_MS = 60_000;
/** Rate windows are a minute long (v1 and v2 alike). */
export const RATE_WINDOW_MS = 60_000;
/** A window-so-far reading taken sooner than this after the window opened is too noisy to use. */
const MIN_WINDOW_ELAPSED_MS = 5_000;
/** Two readings whose resets differ by less than this are in the same window (Reset is whole seconds). */
const SAME_WINDOW_MS = 1_500;
const HOUR_MS = 3_600_000;
/** The own-request log never holds more entries than this (one per poll; an hour at the floor is 1,200). */
const MAX_LOG_ENTRIES = 5_000;

export interface CadenceLimits {
  /** The fastest cadence (the app's 3 s floor). */
  floorMs: number;
  /** Used while the replies carry no budget (no rate headers seen yet): the configured interval. */
  fallbackMs: number;
}

export interface CadenceObservation {
  now: number;
  /** The budget as the last reply reported it, null when none did. */
  budget: RateBudget | null;
  /** Requests this PC sent since the previous observation (this poll's pages and look-ups, any "Check now"). */
  requests: number;
}

export interface CadenceState {
  intervalMs: number;
  reason: CadenceReason;
}

interface Reading {
  at: number;
  remaining: number;
  resetAt: number | null;
}

export class AutoCadence {
  /** Own polls a minute the cadence runs at now. */
  private pollsPerMinute: number;
  /** Requests one poll costs (pages × venues, look-ups), smoothed. */
  private cost = 1;
  /** Requests a minute the whole budget scope spends (all PCs of the brand, or of the key), smoothed. */
  private scopeRate: number | null = null;
  private last: Reading | null = null;
  private budget: RateBudget | null = null;
  private hourlyBound = false;
  /** The rate the shared figure last called for. */
  private target = 0;
  private readonly sent: { at: number; n: number }[] = [];

  constructor(private readonly limits: () => CadenceLimits) {
    // Starts at the set interval and speeds up as the replies show room: a PC switched on in a
    // brand whose budget is already well used does not burst in at the floor.
    this.pollsPerMinute = clamp(60_000 / limits().fallbackMs, 60_000 / AUTO_CEILING_MS, this.maxPollsPerMinute());
  }

  private maxPollsPerMinute(): number {
    return 60_000 / this.limits().floorMs;
  }

  /** One poll settled (or a request was refused): what the replies said and what this PC sent. */
  observe(o: CadenceObservation): void {
    const requests = Math.max(0, Math.floor(o.requests));
    if (requests > 0) {
      this.sent.push({ at: o.now, n: requests });
      this.cost += 0.3 * (requests - this.cost);
    }
    this.prune(o.now);
    const b = o.budget;
    this.budget = b;
    if (!b || b.limit == null || b.limit <= 0 || b.remaining == null) return;
    const sample = this.sample(o.now, b.limit, b.remaining, b.resetAt);
    const elapsedMs = this.last ? Math.max(0, o.now - this.last.at) : 0;
    this.last = { at: o.now, remaining: b.remaining, resetAt: b.resetAt };
    if (sample !== null) this.scopeRate = this.scopeRate === null ? sample : this.scopeRate + 0.3 * (sample - this.scopeRate);
    if (this.scopeRate === null) return;
    this.steer(b.limit, this.scopeRate, elapsedMs);
  }

  /** Requests a minute spent in the budget's scope since the previous reading, or in this window so far. */
  private sample(now: number, limit: number, remaining: number, resetAt: number | null): number | null {
    const last = this.last;
    if (last && resetAt !== null && last.resetAt !== null && Math.abs(resetAt - last.resetAt) < SAME_WINDOW_MS && now > last.at) {
      if (remaining <= last.remaining) return ((last.remaining - remaining) / (now - last.at)) * 60_000;
    }
    if (resetAt === null) return null;
    const elapsed = now - (resetAt - RATE_WINDOW_MS);
    if (elapsed < MIN_WINDOW_ELAPSED_MS || elapsed > RATE_WINDOW_MS + SAME_WINDOW_MS) return null;
    return (Math.max(0, limit - remaining) / elapsed) * 60_000;
  }

  /** Moves the own rate toward the one the shared figure calls for, in a step that keeps the fleet stable. */
  private steer(limit: number, scopeRate: number, elapsedMs: number): void {
    const max = this.maxPollsPerMinute();
    const min = 60_000 / AUTO_CEILING_MS;
    const use = scopeRate / limit;
    // The rate every PC of the brand aims at, from the shared figure alone: as fast as allowed up to
    // the easy-use mark, then falling in a straight line to nothing at the whole limit. Every PC
    // reads the same figure, so every PC aims at the same rate — a fair share. The line is gentle
    // on purpose: n PCs settle where n × rate × cost = use × limit (1 PC at the floor, 10 near
    // 45 % of the limit, 50 near 81 %), and a gentle line keeps the fleet from swinging.
    const target = clamp(max * ((1 - use) / (1 - SHARED_EASY_USE)), min, max);
    // The fleet's reaction to a change of everyone's rate is as many times larger as there are PCs
    // like this one in the brand's use, so the fleet must move more slowly the more PCs there are:
    // a time constant of (1 + that gain) intervals, which keeps it from overshooting and swinging.
    // Counted at the faster of its own rate and the target, so a PC left behind (slower than the
    // others) catches up quickly: one PC speeding up barely moves the brand's use.
    const reference = Math.max(this.pollsPerMinute, target);
    const pcs = Math.max(1, scopeRate / (reference * this.cost));
    const gain = (max / (1 - SHARED_EASY_USE)) * ((pcs * this.cost) / limit);
    const tau = 2 * (1 + gain) * (60_000 / reference);
    const step = clamp(1 - Math.exp(-elapsedMs / tau), 0.02, 0.5);
    this.target = target;
    const next = this.pollsPerMinute + step * (target - this.pollsPerMinute);
    this.pollsPerMinute = clamp(next, min, max);
    this.hourlyBound = false;
    const perHour = this.budget?.perHour ?? null;
    if (perHour) {
      // This PC's part of the key's hourly allowance: all of it alone, its share of the key's use otherwise.
      const own = this.pollsPerMinute * this.cost;
      const share = own / Math.max(own, scopeRate);
      const hourlyPolls = ((perHour * HOURLY_SHARE) / 60) * share / this.cost;
      if (hourlyPolls < this.pollsPerMinute) {
        this.pollsPerMinute = Math.max(min, hourlyPolls);
        this.hourlyBound = true;
      }
    }
  }

  private prune(now: number): void {
    while (this.sent.length > 0 && (this.sent[0]!.at <= now - HOUR_MS || this.sent.length > MAX_LOG_ENTRIES)) this.sent.shift();
  }

  /** The cadence now, and why. */
  state(): CadenceState {
    const { floorMs, fallbackMs } = this.limits();
    if (this.scopeRate === null || !this.budget || this.budget.limit == null) return { intervalMs: fallbackMs, reason: 'no-budget-info' };
    const intervalMs = Math.round(clamp(60_000 / this.pollsPerMinute, floorMs, AUTO_CEILING_MS));
    let reason: CadenceReason;
    if (this.hourlyBound) reason = 'hourly-limit';
    else if (intervalMs <= floorMs * 1.05 || this.target >= this.maxPollsPerMinute() * 0.95) reason = 'fastest';
    else if (this.scopeRate > this.pollsPerMinute * this.cost * 1.5) reason = 'shared';
    else reason = 'budget-low';
    return { intervalMs, reason };
  }

  /**
   * The earliest epoch ms a poll costing about one poll's requests may start without spending past
   * the hourly allowance (v1); `now` when there is no hourly limit or room is left. Applies to
   * "Check now" and wake-up polls as much as to the timer.
   */
  earliestPollAt(now: number): number {
    const perHour = this.budget?.perHour ?? null;
    if (!perHour) return now;
    const allowance = Math.floor(perHour * HOURLY_SHARE);
    const cost = Math.max(1, Math.ceil(this.cost));
    let used = this.sentLastHour(now);
    if (used + cost <= allowance) return now;
    for (const entry of this.sent) {
      used -= entry.n;
      if (used + cost <= allowance) return entry.at + HOUR_MS;
    }
    return now;
  }

  /** Requests this PC sent in the last hour. */
  sentLastHour(now: number): number {
    this.prune(now);
    return this.sent.reduce((sum, e) => sum + e.n, 0);
  }
}
