/**
 * The automatic cadence rule on its own: fleets of PCs modelled in memory (a brand budget counted
 * in fixed minute windows, each PC polling at the interval its cadence chooses), no HTTP.
 */
import { describe, expect, it } from 'vitest';
import type { RateBudget } from '../../../common/engine';
import { AutoCadence, AUTO_CEILING_MS } from '../../../main/watch/cadence';

const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const FLOOR = 3_000;
const FALLBACK = 10_000;

interface ModelPc {
  cadence: AutoCadence;
  nextAt: number;
  /** Requests one poll costs. */
  cost: number;
  polls: number[];
}

/**
 * PCs sharing one budget of `limit` a minute (fixed windows, like Clopos'), polling for `minutes`.
 * `others` = requests a minute someone else (another integration) spends from the same budget.
 * `resetSkewMs` = how far off the reset each reply reports is (a skewed server clock).
 */
function runFleet(options: { pcs: number; minutes: number; limit?: number; cost?: number; others?: number; scope?: 'brand' | 'key'; perHour?: number | null; resetSkewMs?: number }) {
  const limit = options.limit ?? 300;
  const windowCount = new Map<number, number>();
  const used = (at: number) => windowCount.get(Math.floor(at / 60_000)) ?? 0;
  const spend = (at: number, n: number) => windowCount.set(Math.floor(at / 60_000), used(at) + n);
  const pcs: ModelPc[] = Array.from({ length: options.pcs }, (_, i) => ({
    cadence: new AutoCadence(() => ({ floorMs: FLOOR, fallbackMs: FALLBACK })),
    nextAt: START + Math.round((i * 10_000) / options.pcs),
    cost: options.cost ?? 1,
    polls: [],
  }));
  let othersNext = START;
  let refused = 0;
  const end = START + options.minutes * 60_000;
  for (let guard = 0; guard < 1_000_000; guard += 1) {
    const pc = pcs.reduce((a, b) => (b.nextAt < a.nextAt ? b : a));
    const now = pc.nextAt;
    if (now >= end) break;
    // The other consumer spends evenly up to the moment of this poll.
    if (options.others) {
      for (; othersNext <= now; othersNext += 60_000 / options.others) spend(othersNext, 1);
    }
    if (used(now) + pc.cost > limit) refused += 1;
    spend(now, pc.cost);
    pc.polls.push(now);
    const resetAt = (Math.floor(now / 60_000) + 1) * 60_000 + (options.resetSkewMs ?? 0);
    const budget: RateBudget = { limit, remaining: Math.max(0, limit - used(now)), resetAt, scope: options.scope ?? 'brand', perHour: options.perHour ?? null };
    pc.cadence.observe({ now, budget, requests: pc.cost });
    pc.nextAt = Math.max(now + pc.cadence.state().intervalMs, pc.cadence.earliestPollAt(now));
  }
  const gaps = (pc: ModelPc, from: number) => {
    const times = pc.polls.filter((t) => t >= from);
    return times.slice(1).map((t, i) => t - times[i]!);
  };
  const lastMinutes = (n: number) => {
    const counts = Array.from({ length: n }, (_, k) => used(end - (k + 1) * 60_000));
    return Math.max(...counts) / limit;
  };
  return { pcs, refused, gaps, lastMinutes, end };
}

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('the automatic cadence', () => {
  it('polls at the floor while the budget is plentiful (one PC, one venue)', () => {
    const { pcs, refused } = runFleet({ pcs: 1, minutes: 5 });
    expect(refused).toBe(0);
    expect(pcs[0]!.cadence.state()).toEqual({ intervalMs: FLOOR, reason: 'fastest' });
  });

  it('starts at the set interval until a reply has reported the budget', () => {
    const cadence = new AutoCadence(() => ({ floorMs: FLOOR, fallbackMs: FALLBACK }));
    expect(cadence.state()).toEqual({ intervalMs: FALLBACK, reason: 'no-budget-info' });
    // A reply without rate headers teaches nothing.
    cadence.observe({ now: START, budget: null, requests: 1 });
    expect(cadence.state()).toEqual({ intervalMs: FALLBACK, reason: 'no-budget-info' });
  });

  it('ten PCs of one brand share the budget fairly, fast, and well under the limit', () => {
    const { pcs, refused, gaps, lastMinutes, end } = runFleet({ pcs: 10, minutes: 10 });
    expect(refused).toBe(0);
    const intervals = pcs.map((pc) => pc.cadence.state().intervalMs);
    // Every PC settles on the same cadence (a fair share), within a tenth.
    expect(Math.max(...intervals) / Math.min(...intervals)).toBeLessThan(1.1);
    // Mean detection is half the interval: ≤ 3 s needs ≤ 6 s.
    for (const pc of pcs) expect(mean(gaps(pc, end - 3 * 60_000))).toBeLessThanOrEqual(6_000);
    expect(lastMinutes(3)).toBeLessThanOrEqual(0.8);
    expect(pcs[0]!.cadence.state().reason).toBe('shared');
  });

  it('fifty PCs of one brand stay inside the budget and each still polls at least every 15 s', () => {
    const { pcs, refused, gaps, lastMinutes, end } = runFleet({ pcs: 50, minutes: 10 });
    expect(refused).toBe(0);
    expect(lastMinutes(3)).toBeLessThanOrEqual(0.9);
    for (const pc of pcs) expect(Math.max(...gaps(pc, end - 3 * 60_000))).toBeLessThanOrEqual(15_000);
    const intervals = pcs.map((pc) => pc.cadence.state().intervalMs);
    expect(Math.max(...intervals) / Math.min(...intervals)).toBeLessThan(1.25);
  });

  it('slows down when the budget runs low, and says so', () => {
    // One PC whose poll costs 15 requests (many venues and pages): at the floor it would spend the whole budget.
    const { pcs, refused, lastMinutes } = runFleet({ pcs: 1, minutes: 10, cost: 15 });
    expect(refused).toBe(0);
    const state = pcs[0]!.cadence.state();
    expect(state.intervalMs).toBeGreaterThan(FLOOR * 1.5);
    expect(state.reason).toBe('budget-low');
    expect(lastMinutes(3)).toBeLessThanOrEqual(0.8);
  });

  it('gives way to another integration spending the same budget', () => {
    const { pcs, refused, lastMinutes } = runFleet({ pcs: 1, minutes: 10, others: 200 });
    expect(refused).toBe(0);
    expect(pcs[0]!.cadence.state()).toMatchObject({ reason: 'shared' });
    expect(pcs[0]!.cadence.state().intervalMs).toBeGreaterThan(FLOOR);
    expect(lastMinutes(3)).toBeLessThanOrEqual(0.9);
  });

  it('v1: keeps inside the hourly 1,000 the headers never show, not just the minute window', () => {
    const { pcs, refused, end } = runFleet({ pcs: 1, minutes: 180, limit: 100, scope: 'key', perHour: 1000 });
    expect(refused).toBe(0);
    const pc = pcs[0]!;
    // 900 of the 1,000 an hour for polling: one request every 4 s.
    expect(pc.cadence.state()).toEqual({ intervalMs: 4_000, reason: 'hourly-limit' });
    for (let hourEnd = START + 3_600_000; hourEnd <= end; hourEnd += 3_600_000) {
      expect(pc.polls.filter((t) => t >= hourEnd - 3_600_000 && t < hourEnd).length).toBeLessThanOrEqual(900);
    }
    expect(pc.cadence.sentLastHour(end)).toBeLessThanOrEqual(900);
  });

  it('v1: "Check now" pressed again and again is held back once the hour is spent', () => {
    const cadence = new AutoCadence(() => ({ floorMs: FLOOR, fallbackMs: FALLBACK }));
    const budget: RateBudget = { limit: 100, remaining: 99, resetAt: START + 60_000, scope: 'key', perHour: 1000 };
    // 900 requests in the first 45 minutes (polls and presses of "Check now").
    for (let i = 0; i < 900; i += 1) cadence.observe({ now: START + i * 3_000, budget, requests: 1 });
    const now = START + 900 * 3_000;
    const earliest = cadence.earliestPollAt(now);
    expect(earliest).toBeGreaterThan(now);
    // The first of those requests leaves the hour then.
    expect(earliest).toBe(START + 3_600_000);
    // v2 has no hourly window: nothing is held back by count.
    const v2 = new AutoCadence(() => ({ floorMs: FLOOR, fallbackMs: FALLBACK }));
    for (let i = 0; i < 2000; i += 1) v2.observe({ now: START + i * 1_000, budget: { ...budget, scope: 'brand', perHour: null }, requests: 1 });
    expect(v2.earliestPollAt(START + 2000 * 1_000)).toBe(START + 2000 * 1_000);
  });

  it('a reset header skewed by the server clock neither speeds it up past the budget nor stops it', () => {
    // The reset is an hour off on every reply (consistently): readings within one window still pair up.
    const skewed = runFleet({ pcs: 10, minutes: 10, resetSkewMs: 3_600_000 });
    expect(skewed.refused).toBe(0);
    for (const pc of skewed.pcs) {
      const { intervalMs } = pc.cadence.state();
      expect(intervalMs).toBeGreaterThanOrEqual(FLOOR);
      expect(intervalMs).toBeLessThanOrEqual(AUTO_CEILING_MS);
    }
    // …and they pace as a fleet with a true clock does: the skew changes nothing.
    const straight = runFleet({ pcs: 10, minutes: 10 });
    const meanInterval = (run: typeof straight) => mean(run.pcs.map((pc) => pc.cadence.state().intervalMs));
    expect(meanInterval(skewed) / meanInterval(straight)).toBeGreaterThan(0.9);
    expect(meanInterval(skewed) / meanInterval(straight)).toBeLessThan(1.1);
    expect(skewed.pcs[0]!.cadence.state().reason).toBe('shared');
    // A reset that jumps about on every reply teaches nothing: the set interval stays in force.
    const cadence = new AutoCadence(() => ({ floorMs: FLOOR, fallbackMs: FALLBACK }));
    for (let i = 0; i < 50; i += 1) {
      cadence.observe({ now: START + i * 5_000, budget: { limit: 300, remaining: 250, resetAt: START + i * 5_000 + (i % 2 ? 7_200_000 : -7_200_000), scope: 'brand', perHour: null }, requests: 1 });
    }
    expect(cadence.state()).toEqual({ intervalMs: FALLBACK, reason: 'no-budget-info' });
  });
});
