/**
 * The soak: the real watch engine with the real Clopos client against the simulator over real
 * loopback HTTP, on one simulated clock, through a service day of orders and faults. Shared by the
 * CI test (test/reliability/soak.test.ts) and `npm run soak` (bench/soak.ts), which differ only in
 * their plan. Everything random comes from one seed, printed in the report.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Announcement } from '../../common/engine';
import { createCloposClient } from '../../main/clopos';
import type { OrderSource } from '../../main/clopos/types';
import { createAnnouncedFileStore, createWatchEngine, DEFAULT_ENGINE_OPTIONS } from '../../main/watch';
import type { WatchEngine } from '../../main/watch/types';
import { createRandom, generateOrder } from '../../sim/generator';
import { DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { SimFault, Simulator } from '../../sim/types';
import { VirtualClock } from './virtual-clock';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** The API budget the request rate is held against (docs/clopos-api.md: v2 300/min per brand; v1 100/min, 1000/h). */
export const BUDGET = { v1: { perMinute: 100, perHour: 1000 }, v2: { perMinute: 300, perHour: null } } as const;

export interface SoakPlan {
  seed: number;
  api: 'v1' | 'v2';
  /** Epoch ms of the day's first minute. */
  start: number;
  hours: number;
  /** Orders over the whole run, spread by the day's demand curve. */
  orders: number;
  pollIntervalSeconds: number;
  /** Share of requests answered with a 5xx. */
  serverErrorRate: number;
  /** Share of requests answered with a cut-off JSON body. */
  malformedRate: number;
  /** Minutes after start; each burst answers `count` order listings with 429. */
  rateLimitBursts: { atMinute: number; headers: 'v2' | 'v1' | 'none'; count: number; resetSeconds: number }[];
  /** The network is gone (every connection dropped). */
  networkOutage: { atMinute: number; minutes: number };
  /** The integrator is disabled (tokens die, sign-in refused), then enabled again. */
  revokedCredential: { atMinute: number; minutes: number };
  tokenExpiryEveryMinutes: number;
  /** The PC sleeps; on wake the engine is told to poll, as powerMonitor 'resume' does. */
  sleeps: { atMinute: number; minutes: number }[];
}

/** Relative demand per hour of day: quiet night, lunch and dinner peaks. */
const DEMAND_BY_HOUR = [0.15, 0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.4, 0.6, 0.7, 0.9, 1.6, 3.2, 3, 1.4, 0.9, 0.9, 1.5, 3.2, 3.6, 3, 1.6, 0.9, 0.4];

export interface OutageReport {
  kind: 'network outage' | 'revoked credential';
  start: number;
  end: number;
  /** When the health alarm was raised for it (or was already up), null when never. */
  alarmAt: number | null;
  /** First successful poll after it ended. */
  recoveredAt: number | null;
  recoveryNoticeAt: number | null;
}

export interface SoakReport {
  plan: SoakPlan;
  realMs: number;
  created: number;
  announced: number;
  /** Seen pending by a successful listing yet never announced. Must be 0. */
  missed: string[];
  /** Announced later than the first successful listing that showed them pending. Must be 0. */
  late: string[];
  duplicated: string[];
  /** Handled on the POS before any successful listing could see them (all during outages or sleep). */
  neverVisible: number;
  worstHealthyDelayMs: number;
  worstHealthyOrder: string | null;
  /** Orders that waited through a fault, an outage or a sleep: delay from the first successful poll after it. */
  worstRecoveredDelayMs: number;
  healthyOrders: number;
  recoveredOrders: number;
  delayBoundMs: number;
  outages: OutageReport[];
  healthThresholdMs: number;
  /** Health alarms raised while no poll had failed since the last success (e.g. on resume). */
  falseAlarms: { at: number; state: string; message: string }[];
  healthAlarms: number;
  polls: { ok: number; failed: number };
  requests: number;
  maxPerMinute: { count: number; at: number };
  maxPerHour: number;
  budget: { perMinute: number; perHour: number | null };
  sleeps: { start: number; wake: number; resumedPollAt: number | null }[];
  failures: string[];
}

interface OrderLife {
  id: string;
  createdAt: number;
  /** First successful listing (poll start time) that showed it pending. */
  firstVisibleAt: number | null;
  announcedAt: number[];
}

interface PollRecord {
  at: number;
  ok: boolean;
}

function demandWeights(start: number, hours: number): number[] {
  const weights: number[] = [];
  for (let m = 0; m < hours * 60; m += 1) weights.push(DEMAND_BY_HOUR[new Date(start + m * MINUTE).getUTCHours()]!);
  return weights;
}

/** Arrival times (epoch ms) drawn from the demand curve, minute by minute, sorted. */
function arrivalTimes(plan: SoakPlan, random: () => number): number[] {
  const weights = demandWeights(plan.start, plan.hours);
  const cumulative: number[] = [];
  let sum = 0;
  for (const w of weights) cumulative.push((sum += w));
  const times: number[] = [];
  for (let i = 0; i < plan.orders; i += 1) {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    times.push(plan.start + lo * MINUTE + Math.floor(random() * MINUTE));
  }
  return times.sort((a, b) => a - b);
}

type Fate = { kind: 'accept' | 'ignore'; afterMs: number } | { kind: 'never' };

/** Most orders are accepted within minutes, some refused, some left waiting a long time, a few never handled. */
function fateOf(random: () => number): Fate {
  const roll = random();
  const between = (min: number, max: number) => (min + random() * (max - min)) * 1000;
  if (roll < 0.08) return { kind: 'ignore', afterMs: between(30, 180) };
  if (roll < 0.18) return { kind: 'accept', afterMs: between(10 * 60, 45 * 60) };
  if (roll < 0.19) return { kind: 'never' };
  return { kind: 'accept', afterMs: between(20, 240) };
}

function maxInWindow(times: number[], windowMs: number): { count: number; at: number } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, at: sorted[0] ?? 0 };
  let lo = 0;
  for (let hi = 0; hi < sorted.length; hi += 1) {
    while (sorted[hi]! - sorted[lo]! >= windowMs) lo += 1;
    if (hi - lo + 1 > best.count) best = { count: hi - lo + 1, at: sorted[lo]! };
  }
  return best;
}

const announcedIds = (a: Announcement): string[] =>
  a.type === 'new-order' ? [a.order.id] : a.type === 'summary' ? a.orders.map((o) => o.id) : [];

export async function runSoak(plan: SoakPlan, progress?: (line: string) => void): Promise<SoakReport> {
  const realStart = Date.now();
  const random = createRandom(plan.seed);
  const faultRandom = createRandom(plan.seed ^ 0x5bd1e995);
  const jitterRandom = createRandom(plan.seed ^ 0x27d4eb2f);
  const clock = new VirtualClock(plan.start);
  const end = plan.start + plan.hours * HOUR;
  const stateDir = await mkdtemp(path.join(os.tmpdir(), 'soak-state-'));
  const sim: Simulator = await startSimulator({ now: clock.now, variant: plan.api === 'v1' ? 'v1-page' : 'v2-full' });

  const lives = new Map<string, OrderLife>();
  const pending = new Set<string>();
  const polls: PollRecord[] = [];
  const requestTimes: number[] = [];
  const announcements: { at: number; a: Announcement }[] = [];
  const failedSinceSuccess = { count: 0 };
  const falseAlarms: SoakReport['falseAlarms'] = [];
  let online = true;
  let engine: WatchEngine | null = null;

  // Faults decided per request, carried out by the simulator itself (the client sees real replies).
  const faultingFetch: typeof fetch = (input, init) => {
    requestTimes.push(clock.now());
    if (online) {
      const roll = faultRandom();
      let fault: SimFault | null = null;
      if (roll < plan.serverErrorRate) fault = { type: 'status', status: ([500, 502, 503, 504] as const)[Math.floor(faultRandom() * 4)]! };
      else if (roll < plan.serverErrorRate + plan.malformedRate) fault = { type: 'malformed-json' };
      if (fault) sim.addFault({ fault });
    }
    return fetch(input, init);
  };

  const client = createCloposClient(
    {
      api: plan.api,
      baseUrl: sim.url,
      brand: DEMO_CREDENTIALS.brand,
      venues: [...DEMO_CREDENTIALS.venues],
      clientId: DEMO_CREDENTIALS.clientId,
      integratorId: DEMO_CREDENTIALS.integratorId,
      timeoutMs: 5_000,
      timeZone: 'UTC',
    },
    { fetch: faultingFetch, now: clock.now, credentials: async () => ({ clientSecret: DEMO_CREDENTIALS.clientSecret }) },
  );

  // Records what each listing could have shown: the orders pending when it went out.
  const observedSource: OrderSource = {
    budget: () => client.budget(),
    async listPending(signal) {
      const at = clock.now();
      const visible = [...pending];
      const result = await client.listPending(signal);
      polls.push({ at, ok: result.ok });
      if (result.ok) {
        failedSinceSuccess.count = 0;
        for (const id of visible) {
          const life = lives.get(id)!;
          life.firstVisibleAt ??= at;
        }
      } else {
        failedSinceSuccess.count += 1;
      }
      return result;
    },
  };

  const options = { ...DEFAULT_ENGINE_OPTIONS, pollIntervalSeconds: plan.pollIntervalSeconds, random: jitterRandom };
  engine = createWatchEngine({
    source: observedSource,
    clock: clock.pc,
    store: createAnnouncedFileStore({ dir: stateDir, now: clock.now }),
    announcer: {
      announce(a) {
        const at = clock.now();
        announcements.push({ at, a });
        for (const id of announcedIds(a)) lives.get(id)?.announcedAt.push(at);
        if (a.type === 'health' && a.state !== 'ok' && failedSinceSuccess.count === 0) {
          falseAlarms.push({ at, state: a.state, message: a.message });
        }
      },
    },
    onState: () => clock.poke(),
    options,
  });
  const watched = engine;
  clock.watchBusy(() => watched.snapshot().polling);

  // The restaurant: orders arrive along the demand curve and meet their fate on the POS.
  for (const at of arrivalTimes(plan, random)) {
    const input = generateOrder(random);
    const fate = fateOf(random);
    clock.world.setTimeout(() => {
      const order = sim.addOrder({ ...input, createdAt: clock.now() });
      const id = String(order.id);
      lives.set(id, { id, createdAt: clock.now(), firstVisibleAt: null, announcedAt: [] });
      pending.add(id);
      if (fate.kind === 'never') return;
      clock.world.setTimeout(() => {
        if (fate.kind === 'accept') sim.accept(order.id);
        else sim.ignore(order.id);
        pending.delete(id);
      }, fate.afterMs);
    }, at - plan.start);
  }

  // The fault schedule.
  const atMinute = (minute: number, fn: () => void) => clock.world.setTimeout(fn, minute * MINUTE);
  for (let m = plan.tokenExpiryEveryMinutes; m < plan.hours * 60; m += plan.tokenExpiryEveryMinutes) atMinute(m, () => sim.expireTokens());
  const inRun = (minute: number) => minute < plan.hours * 60;
  for (const burst of plan.rateLimitBursts.filter((b) => inRun(b.atMinute))) {
    atMinute(burst.atMinute, () =>
      sim.addFault({ fault: { type: 'rate-limit', headers: burst.headers, resetSeconds: burst.resetSeconds }, times: burst.count, path: '/orders' }),
    );
  }
  const outages: OutageReport[] = [];
  const outage = (kind: OutageReport['kind'], at: { atMinute: number; minutes: number }, down: () => void, up: () => void) => {
    if (!inRun(at.atMinute + at.minutes)) return;
    const start = plan.start + at.atMinute * MINUTE;
    outages.push({ kind, start, end: start + at.minutes * MINUTE, alarmAt: null, recoveredAt: null, recoveryNoticeAt: null });
    atMinute(at.atMinute, down);
    atMinute(at.atMinute + at.minutes, up);
  };
  outage(
    'network outage',
    plan.networkOutage,
    () => {
      online = false;
      sim.setOnline(false);
    },
    () => {
      online = true;
      sim.setOnline(true);
    },
  );
  outage(
    'revoked credential',
    plan.revokedCredential,
    () => {
      sim.setCredentialsValid(false);
      sim.expireTokens();
    },
    () => sim.setCredentialsValid(true),
  );

  // Run hour by hour (for progress); the PC's sleeps interrupt the run at their minute.
  const sleeps: SoakReport['sleeps'] = [];
  const checkpoints = [
    ...plan.sleeps.filter((s) => inRun(s.atMinute + s.minutes)).map((s) => ({ at: plan.start + s.atMinute * MINUTE, sleepMinutes: s.minutes })),
    ...Array.from({ length: Math.floor(plan.hours) }, (_, i) => ({ at: plan.start + (i + 1) * HOUR, sleepMinutes: 0 })),
  ].sort((a, b) => a.at - b.at);
  await engine.start();
  for (const point of checkpoints) {
    await clock.runUntil(point.at);
    if (point.sleepMinutes > 0) {
      progress?.(`  ${iso(point.at)} the PC sleeps for ${point.sleepMinutes} min`);
      await clock.sleep(point.sleepMinutes * MINUTE);
      sleeps.push({ start: point.at, wake: clock.now(), resumedPollAt: null });
      engine.pollNow('resume');
    } else {
      progress?.(`  ${iso(point.at)} reached: ${lives.size} orders so far, ${Math.round((Date.now() - realStart) / 1000)} s real time`);
    }
  }
  await clock.runUntil(end);
  await engine.stop();
  const leftoverTimers = clock.pendingTimers('pc');
  await sim.close();
  await rm(stateDir, { recursive: true, force: true });

  return evaluate({ plan, clock, lives, polls, requestTimes, announcements, outages, sleeps, falseAlarms, leftoverTimers, realStart });
}

interface Collected {
  plan: SoakPlan;
  clock: VirtualClock;
  lives: Map<string, OrderLife>;
  polls: PollRecord[];
  requestTimes: number[];
  announcements: { at: number; a: Announcement }[];
  outages: OutageReport[];
  sleeps: SoakReport['sleeps'];
  falseAlarms: SoakReport['falseAlarms'];
  leftoverTimers: number;
  realStart: number;
}

function evaluate(c: Collected): SoakReport {
  const { plan, lives, polls } = c;
  const intervalMs = plan.pollIntervalSeconds * 1000;
  const delayBoundMs = intervalMs + 1000;
  const healthThresholdMs = DEFAULT_ENGINE_OPTIONS.alerts.healthSeconds * 1000;
  const successes = polls.filter((p) => p.ok).map((p) => p.at);
  const firstSuccessAtOrAfter = (t: number): number | null => successes.find((s) => s >= t) ?? null;

  // Disturbed stretches: from the first failed poll of a streak (or a sleep) to the next successful poll.
  const disturbed: { from: number; to: number }[] = [];
  let streak: number | null = null;
  for (const p of polls) {
    if (!p.ok) streak ??= p.at;
    else if (streak !== null) {
      disturbed.push({ from: streak, to: p.at });
      streak = null;
    }
  }
  if (streak !== null) disturbed.push({ from: streak, to: Infinity });
  for (const s of c.sleeps) {
    s.resumedPollAt = firstSuccessAtOrAfter(s.wake);
    disturbed.push({ from: s.start, to: s.resumedPollAt ?? Infinity });
  }

  let worstHealthy = 0;
  let worstHealthyOrder: string | null = null;
  let worstRecovered = 0;
  let healthyOrders = 0;
  let recoveredOrders = 0;
  const missed: string[] = [];
  const late: string[] = [];
  const duplicated: string[] = [];
  let announced = 0;
  let neverVisible = 0;
  for (const life of lives.values()) {
    if (life.announcedAt.length > 0) announced += 1;
    if (life.announcedAt.length > 1) duplicated.push(life.id);
    if (life.firstVisibleAt === null) {
      if (life.announcedAt.length === 0) neverVisible += 1;
      continue;
    }
    const detected = life.announcedAt[0];
    if (detected === undefined) {
      missed.push(life.id);
      continue;
    }
    if (detected > life.firstVisibleAt) late.push(life.id);
    const overlapping = disturbed.filter((d) => d.from <= detected && d.to > life.createdAt && d.to <= detected);
    if (overlapping.length === 0) {
      healthyOrders += 1;
      const delay = detected - life.createdAt;
      if (delay > worstHealthy) {
        worstHealthy = delay;
        worstHealthyOrder = life.id;
      }
    } else {
      recoveredOrders += 1;
      const recovered = Math.max(...overlapping.map((d) => d.to));
      worstRecovered = Math.max(worstRecovered, detected - Math.max(life.createdAt, recovered));
    }
  }

  // Health alarms per outage: raised within the threshold of its start, or already up when it began.
  const health = c.announcements.filter((x): x is { at: number; a: Extract<Announcement, { type: 'health' }> } => x.a.type === 'health');
  for (const o of c.outages) {
    let alarmUp: number | null = null;
    for (const h of health) {
      if (h.at > o.end) break;
      if (h.a.state === 'ok') alarmUp = null;
      else if (alarmUp === null) alarmUp = h.at;
    }
    const raisedBefore = health.filter((h) => h.at <= o.start).at(-1);
    const alreadyUp = raisedBefore && raisedBefore.a.state !== 'ok' ? raisedBefore.at : null;
    const raisedDuring = health.find((h) => h.at >= o.start && h.at <= o.end && h.a.state !== 'ok');
    o.alarmAt = alreadyUp ?? raisedDuring?.at ?? null;
    o.recoveredAt = firstSuccessAtOrAfter(o.end);
    o.recoveryNoticeAt = health.find((h) => h.at >= o.end && h.a.state === 'ok')?.at ?? null;
  }

  const maxPerMinute = maxInWindow(c.requestTimes, 60_000);
  const maxPerHour = maxInWindow(c.requestTimes, 3_600_000).count;
  const budget = BUDGET[plan.api];

  const failures: string[] = [];
  if (missed.length) failures.push(`${missed.length} order(s) missed: ${missed.slice(0, 10).join(', ')}`);
  if (late.length) failures.push(`${late.length} order(s) announced after a successful poll had already listed them: ${late.slice(0, 10).join(', ')}`);
  if (duplicated.length) failures.push(`${duplicated.length} order(s) announced more than once without a restart: ${duplicated.slice(0, 10).join(', ')}`);
  if (worstHealthy > delayBoundMs) failures.push(`healthy detection delay ${worstHealthy} ms (order ${worstHealthyOrder}) exceeds ${delayBoundMs} ms`);
  if (worstRecovered > delayBoundMs) failures.push(`detection delay after recovery ${worstRecovered} ms exceeds ${delayBoundMs} ms`);
  for (const o of c.outages) {
    if (o.alarmAt === null) failures.push(`${o.kind} at ${iso(o.start)} raised no health alarm`);
    else if (o.alarmAt - o.start > healthThresholdMs) {
      failures.push(`${o.kind} at ${iso(o.start)}: health alarm after ${Math.round((o.alarmAt - o.start) / 1000)} s, threshold ${healthThresholdMs / 1000} s`);
    }
  }
  for (const f of c.falseAlarms) failures.push(`false health alarm at ${iso(f.at)} (${f.state}: ${f.message}) while no poll had failed`);
  for (const s of c.sleeps) if (s.resumedPollAt === null || s.resumedPollAt > s.wake + delayBoundMs) failures.push(`no successful poll within ${delayBoundMs} ms of waking at ${iso(s.wake)}`);
  if (maxPerMinute.count > budget.perMinute) failures.push(`${maxPerMinute.count} requests in one minute exceed the budget of ${budget.perMinute}`);
  if (budget.perHour !== null && maxPerHour > budget.perHour) failures.push(`${maxPerHour} requests in one hour exceed the budget of ${budget.perHour}`);
  if (c.leftoverTimers > 0) failures.push(`${c.leftoverTimers} engine timer(s) left after stop()`);

  return {
    plan,
    realMs: Date.now() - c.realStart,
    created: lives.size,
    announced,
    missed,
    late,
    duplicated,
    neverVisible,
    worstHealthyDelayMs: worstHealthy,
    worstHealthyOrder,
    worstRecoveredDelayMs: worstRecovered,
    healthyOrders,
    recoveredOrders,
    delayBoundMs,
    outages: c.outages,
    healthThresholdMs,
    falseAlarms: c.falseAlarms,
    healthAlarms: health.filter((h) => h.a.state !== 'ok').length,
    polls: { ok: successes.length, failed: polls.length - successes.length },
    requests: c.requestTimes.length,
    maxPerMinute,
    maxPerHour,
    budget,
    sleeps: c.sleeps,
    failures,
  };
}

const iso = (ms: number): string => new Date(ms).toISOString().slice(0, 19) + 'Z';
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function formatReport(r: SoakReport): string {
  const p = r.plan;
  const lines = [
    `Soak report — seed ${p.seed} (rerun with SOAK_SEED=${p.seed}), API ${p.api}, ${p.hours} h from ${iso(p.start)}, poll every ${p.pollIntervalSeconds} s`,
    `  real time ${secs(r.realMs)}`,
    `  orders created      ${r.created}`,
    `  orders announced    ${r.announced}`,
    `  orders missed       ${r.missed.length}`,
    `  orders duplicated   ${r.duplicated.length}`,
    `  announced late      ${r.late.length} (after a successful poll had listed them)`,
    `  never visible       ${r.neverVisible} (handled on the POS while the notifier could not see Clopos)`,
    `  worst detection delay while healthy  ${secs(r.worstHealthyDelayMs)} over ${r.healthyOrders} orders (bound ${secs(r.delayBoundMs)})`,
    `  worst delay after health returned    ${secs(r.worstRecoveredDelayMs)} over ${r.recoveredOrders} orders that waited through a fault, outage or sleep`,
    `  polls ${r.polls.ok} ok, ${r.polls.failed} failed; health alarms raised ${r.healthAlarms}`,
    `  outages (health alarm threshold ${secs(r.healthThresholdMs)}):`,
    ...r.outages.map(
      (o) =>
        `    ${o.kind} ${iso(o.start)} → ${iso(o.end)}: alarm ${o.alarmAt === null ? 'NEVER' : `after ${secs(o.alarmAt - o.start)}`}, ` +
        `first good poll ${o.recoveredAt === null ? 'never' : `${secs(o.recoveredAt - o.end)} after it ended`}, ` +
        `recovery notice ${o.recoveryNoticeAt === null ? 'none' : `+${secs(o.recoveryNoticeAt - o.end)}`}`,
    ),
    `  sleeps:`,
    ...r.sleeps.map((s) => `    ${iso(s.start)} → ${iso(s.wake)}: first good poll ${s.resumedPollAt === null ? 'never' : `+${secs(s.resumedPollAt - s.wake)}`} after waking`),
    `  false health alarms ${r.falseAlarms.length}`,
    `  requests ${r.requests}; highest per minute ${r.maxPerMinute.count} (at ${iso(r.maxPerMinute.at)}) vs budget ${r.budget.perMinute}; highest per hour ${r.maxPerHour}${r.budget.perHour === null ? '' : ` vs budget ${r.budget.perHour}`}`,
    r.failures.length === 0 ? 'RESULT: PASS' : `RESULT: FAIL\n${r.failures.map((f) => `  - ${f}`).join('\n')}`,
  ];
  return lines.join('\n');
}

/** The full service day of `npm run soak`. */
export function fullDayPlan(seed: number): SoakPlan {
  return {
    seed,
    api: 'v2',
    start: Date.UTC(2026, 2, 2, 0, 0, 0),
    hours: 24,
    orders: 1500,
    pollIntervalSeconds: 10,
    serverErrorRate: 0.05,
    malformedRate: 0.01,
    rateLimitBursts: [
      { atMinute: 11 * 60 + 50, headers: 'v2', count: 3, resetSeconds: 30 },
      { atMinute: 13 * 60 + 20, headers: 'none', count: 4, resetSeconds: 30 },
      { atMinute: 19 * 60 + 5, headers: 'v2', count: 2, resetSeconds: 45 },
      { atMinute: 20 * 60 + 40, headers: 'none', count: 3, resetSeconds: 20 },
    ],
    networkOutage: { atMinute: 12 * 60 + 40, minutes: 10 },
    revokedCredential: { atMinute: 17 * 60 + 10, minutes: 20 },
    tokenExpiryEveryMinutes: 60,
    sleeps: [
      { atMinute: 3 * 60 + 30, minutes: 30 },
      { atMinute: 15 * 60 + 45, minutes: 30 },
    ],
  };
}
