/**
 * The automatic cadence in the real engine with the real client, against the simulator enforcing
 * Clopos' limits (429 beyond them), on simulated time. The fleets are the benchmark's
 * (bench/cadence.ts), shorter; the benchmark prints the figures, this holds the line on them.
 */
import { describe, expect, it } from 'vitest';
import { runCadenceFleet } from '../../../bench/cadence';
import { settleWhile, VirtualClock } from '../../../bench/virtual-clock';
import { simClient } from '../../../bench/sim-client';
import { MemoryAnnouncedStore } from '../../../bench/memory-store';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS } from '../../../main/watch';
import { startSimulator } from '../../../sim/server';

const START = Date.UTC(2025, 0, 6, 12, 0, 0);

describe('the automatic cadence against an enforcing simulator', () => {
  it('one v2 PC polls every 3 s and finds orders in 1.5 s on average, with no 429', async () => {
    const run = await runCadenceFleet({ pcs: 1, api: 'v2', minutes: 6, cadence: 'auto', orderEveryS: 5 });
    expect(run.rejected).toBe(0);
    expect(run.missed).toBe(0);
    expect(run.meanS).toBeLessThanOrEqual(1.7);
    expect(run.perPc[0]!.meanGapS).toBeLessThanOrEqual(3.3);
  }, 60_000);

  it('ten v2 PCs of one brand: each finds orders within 3 s on average, the brand stays under 80 %', async () => {
    const run = await runCadenceFleet({ pcs: 10, api: 'v2', minutes: 4, cadence: 'auto', orderEveryS: 5 });
    expect(run.rejected).toBe(0);
    expect(run.missed).toBe(0);
    for (const pc of run.perPc) expect(pc.meanGapS).toBeLessThanOrEqual(6);
    expect(run.busiestMinuteUse).toBeLessThanOrEqual(0.8);
  }, 60_000);

  it('one v1 PC over 70 minutes: no 429 although 3 s polling would break the hourly 1,000', async () => {
    const run = await runCadenceFleet({ pcs: 1, api: 'v1', minutes: 70, cadence: 'auto', orderEveryS: 20 });
    expect(run.rejected).toBe(0);
    expect(run.missed).toBe(0);
    expect(run.meanS).toBeLessThanOrEqual(2.5);
  }, 120_000);

  it('the snapshot says which cadence is in effect and why; a fixed interval stays fixed', async () => {
    const clock = new VirtualClock(START);
    const sim = await startSimulator({ now: clock.now, rateLimitPerMinute: 300 });
    let polling = false;
    const make = (cadence: 'auto' | 'fixed') =>
      createWatchEngine({
        source: simClient(sim, clock.now),
        clock,
        store: new MemoryAnnouncedStore(),
        announcer: { announce: () => undefined },
        onState: (s) => (polling = s.polling),
        options: { ...DEFAULT_ENGINE_OPTIONS, cadence, pollIntervalSeconds: 10 },
      });
    const auto = make('auto');
    try {
      expect(auto.snapshot().cadence).toEqual({ mode: 'auto', intervalMs: 10_000, reason: 'no-budget-info' });
      await auto.start();
      await clock.runUntil(START + 90_000, () => settleWhile(() => polling));
      expect(auto.snapshot().cadence).toEqual({ mode: 'auto', intervalMs: 3_000, reason: 'fastest' });
      auto.updateOptions({ cadence: 'fixed' });
      expect(auto.snapshot().cadence).toEqual({ mode: 'fixed', intervalMs: 10_000, reason: 'fixed' });
      const before = sim.requests().length;
      await clock.runUntil(START + 150_000, () => settleWhile(() => polling));
      // Sixty seconds at a fixed 10 s (+ up to 5 % jitter): six polls, not twenty.
      expect(sim.requests().length - before).toBeLessThanOrEqual(6);
    } finally {
      await auto.stop();
      await sim.close();
    }
  }, 60_000);

  it('v1: "Check now" pressed over and over does not spend past the hourly allowance', async () => {
    const clock = new VirtualClock(START);
    const sim = await startSimulator({ now: clock.now, rateLimitPerMinute: 100 });
    let polling = false;
    const engine = createWatchEngine({
      source: simClient(sim, clock.now, 'v1'),
      clock,
      store: new MemoryAnnouncedStore(),
      announcer: { announce: () => undefined },
      onState: (s) => (polling = s.polling),
      options: { ...DEFAULT_ENGINE_OPTIONS, cadence: 'auto' },
    });
    try {
      await engine.start();
      await clock.runUntil(START + 65 * 60_000, () => settleWhile(() => polling));
      const listings = () => sim.requests().filter((r) => r.path === '/orders').length;
      const before = listings();
      for (let i = 0; i < 100; i += 1) {
        engine.pollNow('check now');
        await settleWhile(() => polling);
      }
      // The cadence keeps the hour near 90 % of its 1,000; the presses use what is left of that
      // allowance and then wait for room instead of each sending a request.
      const pressed = listings() - before;
      expect(pressed).toBeGreaterThan(0);
      expect(pressed).toBeLessThan(50);
      expect(engine.snapshot().nextPollAt).not.toBeNull();
      await clock.runUntil(START + 125 * 60_000, () => settleWhile(() => polling));
      expect(sim.requests().filter((r) => r.status === 429)).toEqual([]);
    } finally {
      await engine.stop();
      await sim.close();
    }
  }, 120_000);
});
