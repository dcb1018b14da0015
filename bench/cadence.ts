/**
 * 8. Cadence: detection delay and rate-limit use of the automatic cadence (the default) beside the
 * fixed 10 s interval (the default before it), for fleets of PCs of one brand, against the
 * simulator enforcing Clopos' limits (v2: 300 a minute per brand; v1: 100 a minute and 1,000 an
 * hour per key). Simulated time over loopback HTTP: the real client, the real engine.
 */
import type { Announcement } from '../common/engine';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS, type WatchEngine } from '../main/watch';
import { createRandom, generateOrder } from '../sim/generator';
import { startSimulator } from '../sim/server';
import type { SimApi } from '../sim/types';
import { MemoryAnnouncedStore } from './memory-store';
import { fixed, type BenchReport, type Figure } from './report';
import { simClient } from './sim-client';
import { max, mean, percentile } from './stats';
import { settleWhile, VirtualClock } from './virtual-clock';

const START = Date.UTC(2025, 0, 6, 12, 0, 0);
const MINUTE = 60_000;
const LIMITS = { v1: 100, v2: 300 } as const;

export interface FleetSpec {
  pcs: number;
  api: SimApi;
  minutes: number;
  cadence: 'auto' | 'fixed';
  /** Seconds between new orders, on average. */
  orderEveryS: number;
}

export interface FleetResult {
  spec: FleetSpec;
  /** Per PC: mean and p95 detection delay (s) over the orders created after the first minute. */
  perPc: { meanS: number; p95S: number; maxGapS: number; maxGapAtS: number; meanGapS: number }[];
  orders: number;
  missed: number;
  rejected: number;
  /** The busiest minute's requests (all PCs), as a share of the limit. */
  busiestMinuteUse: number;
  meanMinuteUse: number;
  meanS: number;
  p95S: number;
  /** Mean detection ÷ half the mean time between polls. */
  ratio: number;
  reasons: string;
}

/** `pcs` PCs of one brand watching one venue for `minutes` simulated minutes while orders arrive. */
export async function runCadenceFleet(spec: FleetSpec): Promise<FleetResult> {
  const clock = new VirtualClock(START);
  const sim = await startSimulator({ now: clock.now, rateLimitPerMinute: LIMITS[spec.api] });
  const random = createRandom(20261205 + spec.pcs);
  const created = new Map<string, number>();
  const seen = Array.from({ length: spec.pcs }, () => new Map<string, number>());
  const polls = Array.from({ length: spec.pcs }, () => [] as number[]);
  const polling = new Array<boolean>(spec.pcs).fill(false);
  const reasons = new Map<string, number>();
  const end = START + spec.minutes * MINUTE;

  // Orders arrive at random (exponential gaps), each accepted on the POS 60–150 s later.
  for (let at = START + 5_000; at < end - 30_000; at += Math.round(-Math.log(1 - random()) * spec.orderEveryS * 1000)) {
    const order = generateOrder(random);
    const acceptAfter = 60_000 + random() * 90_000;
    clock.setTimeout(() => {
      const o = sim.addOrder(order);
      created.set(String(o.id), clock.now());
      clock.setTimeout(() => sim.accept(o.id), acceptAfter);
    }, at - START);
  }

  const engines: WatchEngine[] = Array.from({ length: spec.pcs }, (_, i) => {
    const client = simClient(sim, clock.now, spec.api);
    const note = (ids: string[]) => {
      for (const id of ids) if (!seen[i]!.has(id)) seen[i]!.set(id, clock.now());
    };
    const engineRandom = createRandom(7 + i);
    return createWatchEngine({
      source: {
        budget: () => client.budget(),
        requestsSent: () => client.requestsSent(),
        async listPending(signal) {
          const result = await client.listPending(signal);
          if (result.ok) polls[i]!.push(clock.now());
          return result;
        },
      },
      clock,
      store: new MemoryAnnouncedStore(),
      announcer: {
        announce(a: Announcement) {
          if (a.type === 'new-order') note([a.order.id]);
          else if (a.type === 'summary') note(a.orders.map((o) => o.id));
        },
      },
      onState: (s) => {
        polling[i] = s.polling;
        const key = `${s.cadence.reason}`;
        reasons.set(key, (reasons.get(key) ?? 0) + 1);
      },
      options: { ...DEFAULT_ENGINE_OPTIONS, cadence: spec.cadence, pollIntervalSeconds: 10, random: engineRandom },
    });
  });

  try {
    // PCs are switched on at different moments within the first 10 s.
    for (const engine of engines) clock.setTimeout(() => void engine.start(), Math.round(random() * 10_000));
    await clock.runUntil(end, () => settleWhile(() => polling.some(Boolean), 30_000));
  } finally {
    for (const engine of engines) await engine.stop();
    await sim.close();
  }

  const warm = START + MINUTE;
  const measured = [...created].filter(([, at]) => at >= warm && at < end - 30_000);
  let missed = 0;
  const all: number[] = [];
  const perPc = seen.map((map, i) => {
    const delays: number[] = [];
    for (const [id, at] of measured) {
      const when = map.get(id);
      if (when === undefined) missed += 1;
      else delays.push(when - at);
    }
    all.push(...delays);
    const times = polls[i]!.filter((t) => t >= warm);
    const gaps = times.slice(1).map((t, k) => t - times[k]!);
    const worst = gaps.indexOf(max(gaps));
    return { meanS: mean(delays) / 1000, p95S: percentile(delays, 95) / 1000, maxGapS: max(gaps) / 1000, maxGapAtS: ((times[worst] ?? START) - START) / 1000, meanGapS: mean(gaps) / 1000 };
  });
  const lists = sim.requests().filter((r) => r.at >= START && r.at < end);
  const perMinute = Array.from({ length: spec.minutes }, (_, m) => lists.filter((r) => r.at >= START + m * MINUTE && r.at < START + (m + 1) * MINUTE && r.path !== '/auth').length);
  const limit = LIMITS[spec.api];
  const meanGapS = mean(perPc.map((p) => p.meanGapS));
  const total = [...reasons.values()].reduce((a, b) => a + b, 0);
  return {
    spec,
    perPc,
    orders: measured.length,
    missed,
    rejected: lists.filter((r) => r.status === 429).length,
    busiestMinuteUse: max(perMinute.slice(1)) / limit,
    meanMinuteUse: mean(perMinute.slice(1)) / limit,
    meanS: mean(all) / 1000,
    p95S: percentile(all, 95) / 1000,
    ratio: mean(all) / 1000 / (meanGapS / 2),
    reasons: [...reasons]
      .sort((a, b) => b[1] - a[1])
      .map(([r, n]) => `${r} ${Math.round((n / total) * 100)} %`)
      .join(', '),
  };
}

const pct = (share: number) => `${fixed(share * 100, 0)} %`;

function row(r: FleetResult): string[] {
  const worstMean = max(r.perPc.map((p) => p.meanS));
  const worstGap = max(r.perPc.map((p) => p.maxGapS));
  return [
    `${r.spec.pcs} PC${r.spec.pcs === 1 ? '' : 's'}, ${r.spec.api}, ${r.spec.minutes} min`,
    r.spec.cadence === 'auto' ? 'automatic' : 'fixed 10 s',
    `${fixed(r.meanS, 2)} s`,
    `${fixed(worstMean, 2)} s`,
    `${fixed(r.p95S, 2)} s`,
    `${r.missed}`,
    `${r.rejected}`,
    `${pct(r.meanMinuteUse)} / ${pct(r.busiestMinuteUse)}`,
    `${fixed(mean(r.perPc.map((p) => p.meanGapS)), 1)} s / ${fixed(worstGap, 1)} s`,
    fixed(r.ratio, 2),
    r.reasons,
  ];
}

export async function cadence(options: { quick: boolean }): Promise<BenchReport> {
  const q = options.quick;
  const specs: Omit<FleetSpec, 'cadence'>[] = [
    { pcs: 1, api: 'v2', minutes: q ? 10 : 30, orderEveryS: 5 },
    { pcs: 10, api: 'v2', minutes: q ? 5 : 15, orderEveryS: 5 },
    { pcs: 50, api: 'v2', minutes: q ? 5 : 15, orderEveryS: 5 },
    { pcs: 1, api: 'v1', minutes: q ? 70 : 180, orderEveryS: 10 },
  ];
  const results: { auto: FleetResult; fixed: FleetResult }[] = [];
  for (const spec of specs) {
    results.push({ auto: await runCadenceFleet({ ...spec, cadence: 'auto' }), fixed: await runCadenceFleet({ ...spec, cadence: 'fixed' }) });
  }
  const [one, ten, fifty, v1] = results.map((r) => r.auto) as [FleetResult, FleetResult, FleetResult, FleetResult];
  const worst = (r: FleetResult, key: 'meanS' | 'maxGapS') => max(r.perPc.map((p) => p[key]));
  const figures: Figure[] = [
    { figure: '1 PC, v2: mean detection', value: `${fixed(one.meanS, 2)} s`, target: '≤ 1.6 s', met: one.meanS <= 1.6 },
    { figure: '1 PC, v2: p95 detection', value: `${fixed(one.p95S, 2)} s`, target: '≤ 3.2 s', met: one.p95S <= 3.2 },
    { figure: '1 PC, v2: missed / 429 replies', value: `${one.missed} / ${one.rejected}`, target: '0 / 0', met: one.missed === 0 && one.rejected === 0 },
    { figure: '10 PCs, v2: worst PC\'s mean detection', value: `${fixed(worst(ten, 'meanS'), 2)} s`, target: '≤ 3 s', met: worst(ten, 'meanS') <= 3 },
    { figure: '10 PCs, v2: brand-wide use (busiest minute)', value: pct(ten.busiestMinuteUse), target: '≤ 80 % of 300/min', met: ten.busiestMinuteUse <= 0.8 },
    { figure: '10 PCs, v2: 429 replies', value: String(ten.rejected), target: '0', met: ten.rejected === 0 },
    { figure: '50 PCs, v2: 429 replies', value: String(fifty.rejected), target: '0', met: fifty.rejected === 0 },
    { figure: '50 PCs, v2: longest gap between a PC\'s polls', value: `${fixed(worst(fifty, 'maxGapS'), 1)} s`, target: '≤ 15 s', met: worst(fifty, 'maxGapS') <= 15 },
    { figure: `1 PC, v1: 429 replies over ${v1.spec.minutes} simulated minutes`, value: String(v1.rejected), target: '0', met: v1.rejected === 0 },
    { figure: '1 PC, v1: mean detection', value: `${fixed(v1.meanS, 2)} s`, target: '≤ 2.5 s', met: v1.meanS <= 2.5 },
  ];
  return {
    title: '8. Cadence (automatic, the default, beside the fixed 10 s of before)',
    figures,
    tables: [
      {
        caption: 'Each fleet twice in the same run: automatic cadence, then the fixed 10 s interval. Simulated time; the simulator refuses beyond Clopos\' limits (v2: 300 a minute per brand; v1: 100 a minute and 1,000 an hour per key).',
        header: ['fleet', 'cadence', 'mean detection', 'worst PC mean', 'p95', 'missed', '429', 'brand use mean / busiest minute', 'poll gap mean / longest', 'mean ÷ (T/2)', 'cadence reasons (share of snapshots)'],
        rows: results.flatMap((r) => [row(r.auto), row(r.fixed)]),
      },
    ],
    notes: [
      'Detection delay = the simulated moment a PC announced an order minus the moment the order was added to the simulator; orders of the first minute (warm-up) and the last 30 s are not counted. Each PC of a fleet counts separately.',
      'PCs are switched on at random moments within the first 10 s; each has its own seeded jitter. Orders arrive at random (exponential gaps; every 5 s on average, 10 s for v1 over three hours) and are accepted on the POS 60–150 s later.',
      'T in mean ÷ (T/2) is the mean time between a PC\'s successful polls; 1.0 means the engine adds nothing to the wait the cadence implies.',
      'Brand use counts every API request (listings, pages, look-ups) in fixed minute windows as the simulator counts them; sign-ins are counted apart by Clopos and are left out.',
    ],
  };
}
