/**
 * 5. API budget: how many requests one PC spends per venue at a fixed 10 s interval (the automatic
 * cadence, now the default, is benchmark 8), how many PCs
 * of one brand fit in the 300-a-minute v2 budget, and how the scheduler stretches its interval as
 * the simulator reports less and less RateLimit-Remaining. All on simulated time against the
 * simulator over loopback HTTP.
 */
import type { OrderSource } from '../main/clopos/types';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS, type WatchEngine } from '../main/watch';
import { LOW_BUDGET_SHARE } from '../main/watch/poll-timing';
import { startSimulator } from '../sim/server';
import type { Simulator } from '../sim/types';
import { MemoryAnnouncedStore } from './memory-store';
import { fixed, type BenchReport } from './report';
import { simClient } from './sim-client';
import { mean } from './stats';
import { settleWhile, VirtualClock } from './virtual-clock';

const V2_BUDGET_PER_MINUTE = 300;
/** A minute boundary: the simulator's rate windows are fixed minutes. */
const START = Date.UTC(2025, 0, 6, 12, 0, 0);
const MINUTE = 60_000;

interface Fleet {
  engines: WatchEngine[];
  busy: () => boolean;
  logs: string[];
  /** Per PC, the simulated times its listings came back successfully. */
  polls: number[][];
}

function fleet(sim: Simulator, clock: VirtualClock, count: number, engineOptions = {}): Fleet {
  const polling = new Array<boolean>(count).fill(false);
  const logs: string[] = [];
  const polls = Array.from({ length: count }, () => [] as number[]);
  const engines = Array.from({ length: count }, (_, i) => {
    const client = simClient(sim, clock.now);
    const source: OrderSource = {
      budget: () => client.budget(),
      async listPending(signal) {
        const result = await client.listPending(signal);
        if (result.ok) polls[i]!.push(clock.now());
        return result;
      },
    };
    return createWatchEngine({
      source,
      clock,
      store: new MemoryAnnouncedStore(),
      announcer: { announce: () => undefined },
      onState: (s) => (polling[i] = s.polling),
      log: (_level, message) => logs.push(message),
      // The fixed 10 s of before (benchmark 8, cadence, measures the automatic default).
      options: { ...DEFAULT_ENGINE_OPTIONS, cadence: 'fixed', ...engineOptions },
    });
  });
  return { engines, busy: () => polling.some(Boolean), logs, polls };
}

interface FleetRun {
  pcs: number;
  /** 60 s ÷ the mean time between one PC's successful polls. */
  perMinutePerPc: number;
  perMinuteTotal: number;
  maxMinuteTotal: number;
  rejected: number;
  meanIntervalS: number;
}

/** `pcs` counter PCs of one brand, one venue each, polling for `minutes` simulated minutes. */
async function runFleet(pcs: number, minutes: number, enforce: boolean): Promise<FleetRun> {
  const clock = new VirtualClock(START);
  const sim = await startSimulator({ now: clock.now, ...(enforce ? { rateLimitPerMinute: V2_BUDGET_PER_MINUTE } : {}) });
  const { engines, busy, polls } = fleet(sim, clock, pcs);
  try {
    for (const engine of engines) await engine.start();
    await clock.runUntil(START + minutes * MINUTE, () => settleWhile(busy, 30_000));
  } finally {
    for (const engine of engines) await engine.stop();
    await sim.close();
  }
  const lists = sim.requests().filter((r) => r.path === '/orders');
  const inWindow = lists.filter((r) => r.at < START + minutes * MINUTE);
  const perMinute = Array.from({ length: minutes }, (_, m) => inWindow.filter((r) => r.at >= START + m * MINUTE && r.at < START + (m + 1) * MINUTE).length);
  const gaps = polls.flatMap((times) => times.slice(1).map((at, i) => at - times[i]!));
  const meanGapMs = mean(gaps);
  return {
    pcs,
    perMinuteTotal: inWindow.length / minutes,
    perMinutePerPc: MINUTE / meanGapMs,
    maxMinuteTotal: Math.max(...perMinute),
    rejected: inWindow.filter((r) => r.status === 429).length,
    meanIntervalS: meanGapMs / 1000,
  };
}

interface SlowDownRow {
  remaining: number;
  resetInS: number;
  nextPollInS: number;
  reason: string;
}

/** One fresh PC polls once with the simulator reporting `remaining`; what delay does it choose? */
async function slowDownAt(remaining: number, secondsIntoWindow: number): Promise<SlowDownRow> {
  const start = START + secondsIntoWindow * 1000;
  const clock = new VirtualClock(start);
  const sim = await startSimulator({ now: clock.now });
  sim.setReportedRemaining(remaining);
  const { engines, busy, logs } = fleet(sim, clock, 1, { random: () => 0 });
  const engine = engines[0]!;
  try {
    await engine.start();
    await settleWhile(busy);
    const next = engine.snapshot().nextPollAt;
    const said = logs.map((l) => /Next poll in \d+ s \(([^)]+)\)/.exec(l)?.[1]).find(Boolean);
    return {
      remaining,
      resetInS: 60 - secondsIntoWindow,
      nextPollInS: next === null ? NaN : (next - clock.now()) / 1000,
      reason: said ?? 'interval',
    };
  } finally {
    await engine.stop();
    await sim.close();
  }
}

export async function apiBudget(options: { quick: boolean }): Promise<BenchReport> {
  const minutes = options.quick ? 5 : 10;
  const single = await runFleet(1, minutes, false);
  const fit = Math.floor(V2_BUDGET_PER_MINUTE / single.perMinutePerPc);
  const fleets = [await runFleet(fit, minutes, true), await runFleet(Math.round(fit * 1.5), minutes, true)];

  const slowDown: SlowDownRow[] = [];
  for (const secondsIntoWindow of [1, 40]) {
    for (const remaining of [300, 100, 60, 59, 30, 10, 6, 5, 3, 2, 1, 0]) slowDown.push(await slowDownAt(remaining, secondsIntoWindow));
  }
  const lowBudget = V2_BUDGET_PER_MINUTE * LOW_BUDGET_SHARE;

  return {
    title: '5. API budget (v2, 300 requests a minute per brand)',
    figures: [
      { figure: 'requests a minute per venue, one PC, fixed 10 s (the default before the automatic cadence)', value: fixed(single.perMinutePerPc, 2) },
      { figure: 'counter PCs of one brand (one venue each) that fit in 300/min', value: String(fit) },
      {
        figure: `${fit} PCs against an enforcing simulator: 429 replies`,
        value: String(fleets[0]!.rejected),
        target: '0',
        met: fleets[0]!.rejected === 0,
      },
    ],
    tables: [
      {
        caption: `Fleets of PCs sharing one brand's budget, ${minutes} simulated minutes, the simulator refusing beyond 300 a minute (fixed minute windows):`,
        header: ['PCs', 'list requests / min (all PCs)', 'busiest minute', '429 replies', 'mean time between a PC\'s successful polls'],
        rows: [single, ...fleets].map((f) => [
          String(f.pcs),
          fixed(f.perMinuteTotal, 1),
          String(f.maxMinuteTotal),
          String(f.rejected),
          `${fixed(f.meanIntervalS, 2)} s`,
        ]),
      },
      {
        caption: `The scheduler's next delay after one poll, with the simulator reporting RateLimit-Remaining (sim.setReportedRemaining) and the window resetting in 59 s or 20 s. Below ${lowBudget} (${LOW_BUDGET_SHARE * 100} % of the limit) it spreads the remaining requests until the reset:`,
        header: ['RateLimit-Remaining', 'reset in', 'next poll in', 'reason'],
        rows: slowDown.map((r) => [String(r.remaining), `${r.resetInS} s`, `${fixed(r.nextPollInS, 1)} s`, r.reason]),
      },
    ],
    notes: [
      `Requests counted by the simulator (GET /orders; /auth is counted separately by Clopos and is called once an hour). One venue and fewer than 50 pending orders, so one request per poll; every further venue or page of 50 adds one request per poll.`,
      `Requests a minute of one PC = 60 s ÷ the mean time between its successful polls. "Fit" = floor(300 ÷ that). The PCs all start at the same moment (the worst case); the ${DEFAULT_ENGINE_OPTIONS.jitter * 100} % jitter spreads them afterwards.`,
      'In the slow-down table the jitter\'s random part is fixed at 0 so the rule shows plainly; each row is a fresh PC whose first poll is the one measured.',
    ],
  };
}
