/**
 * 2. Baseline comparison: the arrival script of benchmark 1 replayed on simulated time against the
 * simulator, with two restarts of the app. Every listing the engine receives is also handed to a
 * "newest id only" tracker, so both judge exactly the same responses at the same moments.
 */
import type { Announcement } from '../common/engine';
import type { OrderSource } from '../main/clopos/types';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS, type WatchEngine } from '../main/watch';
import { startSimulator } from '../sim/server';
import { arrivalScript } from './arrival-script';
import { MemoryAnnouncedStore } from './memory-store';
import { NewestIdTracker } from './newest-id-tracker';
import type { BenchReport } from './report';
import { simClient } from './sim-client';
import { settleWhile, VirtualClock } from './virtual-clock';

type OrderClass = 'shared interval' | 'arrived while closed' | 'alone in its interval';

interface TrackerOutcome {
  /** id → simulated time of its first announcement. */
  firstAnnounced: Map<string, number>;
  repeats: number;
}

interface Scenario {
  label: string;
  intervalS: number;
  count: number;
  spanMs: number;
  /** How long the app stays closed at each of the two restarts. */
  closedMs: number;
}

interface RunResult {
  scenario: Scenario;
  classes: Map<string, OrderClass>;
  /** id → the first poll (simulated ms) whose listing contained it. */
  firstListed: Map<string, number>;
  ours: TrackerOutcome;
  newest: TrackerOutcome;
}

const START = Date.UTC(2025, 0, 6, 12, 0, 0);

function outcome(): TrackerOutcome {
  return { firstAnnounced: new Map(), repeats: 0 };
}

function note(into: TrackerOutcome, ids: string[], at: number): void {
  for (const id of ids) {
    if (into.firstAnnounced.has(id)) into.repeats += 1;
    else into.firstAnnounced.set(id, at);
  }
}

async function replay(scenario: Scenario): Promise<RunResult> {
  const { intervalS, count, spanMs, closedMs } = scenario;
  const clock = new VirtualClock(START);
  const sim = await startSimulator({ now: clock.now });
  const client = simClient(sim, clock.now);
  const store = new MemoryAnnouncedStore();
  const ours = outcome();
  const newest = outcome();
  const createdAt = new Map<string, number>();
  const firstListed = new Map<string, number>();
  const pollTimes: number[] = [];
  // Closed twice: at a third and at two thirds of the span.
  const closedWindows = [1 / 3, 2 / 3].map((share) => ({ from: START + Math.round(spanMs * share), to: START + Math.round(spanMs * share) + closedMs }));

  let newestTracker = new NewestIdTracker();
  const teeSource: OrderSource = {
    budget: () => client.budget(),
    async listPending(signal) {
      const result = await client.listPending(signal);
      if (result.ok) {
        const now = clock.now();
        pollTimes.push(now);
        for (const o of result.value.orders) if (!firstListed.has(o.id)) firstListed.set(o.id, now);
        note(newest, newestTracker.apply(result.value.orders).map((o) => o.id), now);
      }
      return result;
    },
  };
  const makeEngine = (): WatchEngine =>
    createWatchEngine({
      source: teeSource,
      clock,
      store,
      announcer: {
        announce(a: Announcement) {
          if (a.type === 'new-order') note(ours, [a.order.id], clock.now());
          else if (a.type === 'summary') note(ours, a.orders.map((o) => o.id), clock.now());
        },
      },
      options: { ...DEFAULT_ENGINE_OPTIONS, cadence: 'fixed', pollIntervalSeconds: intervalS, jitter: 0 },
    });

  for (const arrival of arrivalScript(count, spanMs)) {
    clock.setTimeout(() => {
      const order = sim.addOrder({ ...arrival.order, createdAt: clock.now() });
      createdAt.set(String(order.id), clock.now());
      clock.setTimeout(() => {
        if (sim.orders().find((o) => o.id === order.id)?.status === 'PENDING') sim.accept(order.id);
      }, arrival.acceptAfter);
    }, arrival.at);
  }

  let engine = makeEngine();
  const settle = () => settleWhile(() => engine.snapshot().polling);
  try {
    await engine.start();
    for (const window of closedWindows) {
      await clock.runUntil(window.from, settle);
      await engine.stop();
      await clock.runUntil(window.to, settle);
      engine = makeEngine();
      newestTracker = new NewestIdTracker();
      await engine.start();
    }
    await clock.runUntil(START + spanMs + intervalS * 2_000 + 1_000, settle);
  } finally {
    await engine.stop();
    await sim.close();
  }

  // Which poll first could see each order decides whether it shared its interval with another.
  const firstPollAfter = (at: number) => pollTimes.find((p) => p >= at) ?? Infinity;
  const byPoll = new Map<number, string[]>();
  for (const [id, at] of createdAt) byPoll.set(firstPollAfter(at), [...(byPoll.get(firstPollAfter(at)) ?? []), id]);
  const classes = new Map<string, OrderClass>();
  for (const [id, at] of createdAt) {
    const closed = closedWindows.some((w) => at >= w.from && at < w.to);
    classes.set(id, closed ? 'arrived while closed' : (byPoll.get(firstPollAfter(at))?.length ?? 0) > 1 ? 'shared interval' : 'alone in its interval');
  }
  return { scenario, classes, firstListed, ours, newest };
}

function summarise(run: RunResult, tracker: TrackerOutcome, ids: string[]) {
  const missed = ids.filter((id) => !tracker.firstAnnounced.has(id)).length;
  const late = ids.filter((id) => {
    const at = tracker.firstAnnounced.get(id);
    return at !== undefined && at > (run.firstListed.get(id) ?? Infinity);
  }).length;
  return { missed, late };
}

export async function baselineComparison(options: { quick: boolean }): Promise<BenchReport> {
  const count = options.quick ? 40 : 200;
  const spanMs = options.quick ? 30_000 : 150_000;
  const defaultS = DEFAULT_ENGINE_OPTIONS.pollIntervalSeconds;
  const scenarios: Scenario[] = [
    { label: 'script 1, T = 3 s', intervalS: 3, count, spanMs, closedMs: 20_000 },
    { label: `script 1, T = ${defaultS} s`, intervalS: defaultS, count, spanMs, closedMs: 20_000 },
    { label: `busy evening, T = ${defaultS} s`, intervalS: defaultS, count: options.quick ? 60 : 120, spanMs: options.quick ? 3_600_000 : 7_200_000, closedMs: 120_000 },
  ];
  const runs: RunResult[] = [];
  for (const scenario of scenarios) runs.push(await replay(scenario));
  const classNames: OrderClass[] = ['shared interval', 'arrived while closed', 'alone in its interval'];

  const rows: string[][] = [];
  for (const run of runs) {
    const groups: [string, string[]][] = classNames.map((c) => [c, [...run.classes].filter(([, k]) => k === c).map(([id]) => id)]);
    groups.push(['all orders', [...run.classes.keys()]]);
    for (const [name, ids] of groups) {
      const ours = summarise(run, run.ours, ids);
      const newest = summarise(run, run.newest, ids);
      rows.push([run.scenario.label, name, String(ids.length), String(ours.missed), String(newest.missed), String(ours.late), String(newest.late)]);
    }
  }
  const oursMissed = runs.reduce((n, r) => n + summarise(r, r.ours, [...r.classes.keys()]).missed, 0);
  const newestMissed = runs.reduce((n, r) => n + summarise(r, r.newest, [...r.classes.keys()]).missed, 0);
  const total = runs.reduce((n, r) => n + r.classes.size, 0);

  return {
    title: '2. Baseline comparison: ours vs "newest id only" (simulated time, 2 restarts per run)',
    figures: [
      { figure: 'orders missed by ours (all runs)', value: `${oursMissed} of ${total}`, target: '0', met: oursMissed === 0 },
      { figure: 'orders missed by newest-id-only', value: `${newestMissed} of ${total}` },
      { figure: 'repeat announcements, ours', value: String(runs.reduce((n, r) => n + r.ours.repeats, 0)), target: '0', met: runs.every((r) => r.ours.repeats === 0) },
      {
        figure: 'repeat announcements, newest-id-only',
        value: String(runs.reduce((n, r) => n + r.newest.repeats, 0)),
      },
    ],
    tables: [
      {
        caption: 'Missed = never announced. Late = first announced at a later poll than the first listing that contained it.',
        header: ['run', 'orders that…', 'orders', 'missed: ours', 'missed: newest-id', 'late: ours', 'late: newest-id'],
        rows,
      },
    ],
    notes: [
      `"Script 1" is benchmark 1's arrival script (same seed): ${count} orders at random moments over ${spanMs / 1000} s, replayed at T = 3 s (the shortest interval the app allows) and T = ${defaultS} s (the default); the app is closed for 20 s at one third and at two thirds of the span. "Busy evening": ${scenarios[2]!.count} orders over ${scenarios[2]!.spanMs / 3_600_000} h (one a minute on average) at the default interval, closed for 2 min twice. Each order is accepted 20–90 s after creation. Polls every T with no jitter.`,
      '"Ours" is the whole watch engine (tracker + alert policy) with its announced record kept in a store across the restarts; the baseline keeps the remembered id in memory, as those notifiers do, and its first listing after a start only sets the remembered id.',
      '"Shared interval": another order arrived between the same two polls. "Arrived while closed": created while the app was not running. A repeat is an order announced a second time (the baseline does so when a newer order is accepted and an older one becomes first in the list).',
      'Both trackers see exactly the same responses: every listing the engine receives from the real client (over loopback HTTP from the simulator) is handed to the baseline too.',
    ],
  };
}
