/**
 * The promise as an executable invariant (docs/reliability.md, "Never blind"): a randomized
 * Clopos (clopos-model.ts) drives the real Clopos client and the real watch engine on simulated
 * time, and at every moment:
 *
 *  1. every order the server has had pending for longer than two poll intervals plus the health
 *     threshold (counted from when the app was last started or woke) has been announced, or a
 *     health problem is active and alarmed;
 *  2. no order is announced that the server never listed as pending;
 *  3. no order is announced twice, except in the documented crash window (announced, then the
 *     process died before the record was saved);
 *  4. an acknowledgement saved before a restart is still there after it.
 *
 * fast-check generates the scenarios and shrinks a failing one; the failure names the seed.
 */
import fc from 'fast-check';
import type { Announcement, EngineSnapshot } from '../../../common/engine';
import { createCloposClient } from '../../../main/clopos';
import { createWatchEngine } from '../../../main/watch';
import type { AnnouncedEntry, AnnouncedStore, WatchEngine } from '../../../main/watch/types';
import { createCloposModel, MODEL_BASE_URL, MODEL_BRAND, MODEL_SECRET, type ModelFault, type ModelOrder, type Weirdness } from './clopos-model';
import { createRandom } from '../../../sim/generator';
import { ModelClock } from './model-clock';

const START = Date.parse('2026-03-02T09:00:00Z');
const SECOND = 1000;
const MINUTE = 60 * SECOND;

type FaultSpec =
  | { type: 'venue-down'; venue: number; status: 403 | 500 | 503 }
  | { type: 'offline' | 'ignore-page' | 'cut-body' | 'success-false-rate' | 'bad-json' }
  | { type: 'slow'; ms: number }
  | { type: 'rate-429'; resetSeconds: number }
  | { type: 'rate-low'; resetSeconds: number };

export interface Scenario {
  api: 'v1' | 'v2';
  venues: number;
  intervalSeconds: number;
  /** 'auto' = the automatic cadence (the default), which starts at intervalSeconds. */
  cadence: 'auto' | 'fixed';
  healthSeconds: number;
  healthFailures: number;
  pageLimit: number;
  maxPages: number;
  /** The PC's clock minus the server's. */
  skewMs: number;
  minutes: number;
  /** Request latencies in ms, used in turn. */
  latencies: number[];
  arrivals: { at: number; venue: number; weird: Weirdness }[];
  /** A clerk accepts (or refuses) the n-th order on the POS. */
  handled: { at: number; order: number; accept: boolean }[];
  faults: { at: number; seconds: number; fault: FaultSpec }[];
  restarts: { at: number; crash: boolean }[];
  sleeps: { at: number; seconds: number }[];
  acks: { at: number; order: number }[];
  tokenExpiries: number[];
  /** How long a save of the record takes (a crash inside it loses the save). */
  saveMs: number;
  seed: number;
}

const weirdness = fc.oneof(
  { weight: 12, arbitrary: fc.constant<Weirdness>('none') },
  { weight: 1, arbitrary: fc.constantFrom<Weirdness>('null-created', 'odd-created', 'text-total', 'odd-status', 'no-id', 'object-id') },
);

const faultSpec: fc.Arbitrary<FaultSpec> = fc.oneof(
  fc.record({ type: fc.constant('venue-down' as const), venue: fc.nat(2), status: fc.constantFrom(403 as const, 500 as const, 503 as const) }),
  fc.record({ type: fc.constantFrom('offline' as const, 'ignore-page' as const, 'cut-body' as const, 'success-false-rate' as const, 'bad-json' as const) }),
  fc.record({ type: fc.constant('slow' as const), ms: fc.integer({ min: 1_000, max: 200_000 }) }),
  fc.record({ type: fc.constant('rate-429' as const), resetSeconds: fc.integer({ min: 1, max: 3_600 }) }),
  fc.record({ type: fc.constant('rate-low' as const), resetSeconds: fc.integer({ min: 5, max: 3_600 }) }),
);

/** Scenarios of `minutes` (a range) of simulated service. */
export function scenarioArbitrary(minutes: { min: number; max: number }): fc.Arbitrary<Scenario> {
  return fc.integer(minutes).chain((length) => {
    const at = fc.integer({ min: 0, max: length * 60 - 1 });
    return fc.record({
      api: fc.constantFrom('v1' as const, 'v2' as const),
      venues: fc.integer({ min: 1, max: 3 }),
      intervalSeconds: fc.constantFrom(3, 5, 10, 30, 60),
      cadence: fc.constantFrom('auto' as const, 'fixed' as const),
      healthSeconds: fc.constantFrom(10, 20, 60, 120),
      healthFailures: fc.integer({ min: 1, max: 5 }),
      pageLimit: fc.integer({ min: 2, max: 6 }),
      maxPages: fc.integer({ min: 1, max: 4 }),
      skewMs: fc.oneof(fc.constant(0), fc.integer({ min: -86_400_000, max: 86_400_000 })),
      minutes: fc.constant(length),
      latencies: fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 0, max: 400 }) }, { weight: 1, arbitrary: fc.integer({ min: 400, max: 9_000 }) }), {
        minLength: 1,
        maxLength: 8,
      }),
      arrivals: fc.array(fc.record({ at, venue: fc.nat(2), weird: weirdness }), { maxLength: 40 }),
      handled: fc.array(fc.record({ at, order: fc.nat(39), accept: fc.boolean() }), { maxLength: 30 }),
      faults: fc.array(fc.record({ at, seconds: fc.integer({ min: 1, max: 900 }), fault: faultSpec }), { maxLength: 5 }),
      restarts: fc.array(fc.record({ at, crash: fc.boolean() }), { maxLength: 2 }),
      sleeps: fc.array(fc.record({ at, seconds: fc.integer({ min: 30, max: 3_600 }) }), { maxLength: 2 }),
      acks: fc.array(fc.record({ at, order: fc.nat(39) }), { maxLength: 10 }),
      tokenExpiries: fc.array(at, { maxLength: 3 }),
      saveMs: fc.integer({ min: 0, max: 40 }),
      seed: fc.integer(),
    });
  });
}

/** The record on "disk": a save lands `saveMs` after it starts, unless the process died meanwhile (a crash). */
class DiskStore implements AnnouncedStore {
  entries = new Map<string, AnnouncedEntry>();
  dead = false;
  constructor(
    private readonly clock: ModelClock,
    private readonly saveMs: number,
  ) {}
  async load() {
    return { entries: new Map([...this.entries].map(([id, e]) => [id, { ...e }])), warning: null };
  }
  async save(entries: ReadonlyMap<string, AnnouncedEntry>): Promise<void> {
    const copy = new Map([...entries].map(([id, e]) => [id, { ...e }]));
    if (this.dead) return;
    await new Promise<void>((resolve) => this.clock.after(this.saveMs, resolve));
    if (!this.dead) this.entries = copy;
  }
}

export interface Verdict {
  polls: number;
  announced: number;
  alarms: number;
  requests: number;
}

export class InvariantViolation extends Error {}

/** Runs one scenario; throws InvariantViolation with what went wrong, and when. */
export async function runScenario(sc: Scenario): Promise<Verdict> {
  const clock = new ModelClock(START, sc.skewMs);
  const venues = Array.from({ length: sc.venues }, (_, i) => String(i + 1));
  const faults: ModelFault[] = sc.faults.map(({ at, seconds, fault }) => {
    const from = START + at * SECOND;
    const until = from + seconds * SECOND;
    if (fault.type === 'venue-down') return { type: 'venue-down', venueId: venues[fault.venue % venues.length]!, status: fault.status, from, until };
    if (fault.type === 'slow') return { type: 'slow', ms: fault.ms, from, until };
    if (fault.type === 'rate-429' || fault.type === 'rate-low') return { type: fault.type, resetSeconds: fault.resetSeconds, from, until };
    return { type: fault.type, from, until };
  });
  const model = createCloposModel({
    api: sc.api,
    venues,
    clock,
    latency: (n) => sc.latencies[n % sc.latencies.length]!,
    faults: () => faults,
    tokenLifetimeSeconds: 3600,
  });
  const store = new DiskStore(clock, sc.saveMs);
  // Two intervals of the cadence in effect (the longest the engine has reported: the automatic one
  // moves with the budget, and says so on the status bar) plus the health threshold.
  let longestIntervalMs = sc.intervalSeconds * SECOND;
  const bound = () => 2 * longestIntervalMs + sc.healthSeconds * SECOND;
  const end = START + sc.minutes * MINUTE;
  // The engine's jitter, seeded by the scenario (its randomness stays in the scenario).
  const random = createRandom(sc.seed);

  // What each life of the app announced, and what it was told to acknowledge.
  const announcedIn = new Map<string, number>();
  let announcedTotal = 0;
  let alarms = 0;
  let life = 0;
  let engine: WatchEngine | null = null;
  /** Ids the record held acknowledged when the last life ended: the next must show them acknowledged. */
  let ackedAtRestart = new Set<string>();
  /** Ids the record held when the last life ended: re-announcing any other is the crash window. */
  let recordedAtRestart = new Set<string>();
  /** True time the current life started or the PC last woke: pending time counts from here. */
  let watchingSince = START;
  let polls = 0;

  const fail = (what: string): never => {
    throw new InvariantViolation(`at +${((clock.now() - START) / 1000).toFixed(1)} s (life ${life}): ${what}`);
  };

  const trace = process.env.NEVER_BLIND_TRACE ? (what: string) => console.log(`+${((clock.now() - START) / 1000).toFixed(3)} life ${life}: ${what}`) : null;

  function onAnnounce(a: Announcement): void {
    trace?.(`announce ${JSON.stringify(a).slice(0, 200)}`);
    const ids = a.type === 'new-order' ? [a.order.id] : a.type === 'summary' ? a.orders.map((o) => o.id) : [];
    if (a.type === 'health' && a.state !== 'ok') alarms += 1;
    for (const id of ids) {
      announcedTotal += 1;
      if (!model.everListedPending.has(id)) fail(`order ${id} was announced but Clopos never listed it as pending`);
      const before = announcedIn.get(id);
      if (before === life) fail(`order ${id} was announced twice in one run of the app`);
      if (before !== undefined && recordedAtRestart.has(id)) fail(`order ${id} was announced again after a restart although the record kept it`);
      announcedIn.set(id, life);
    }
  }

  function startLife(): void {
    life += 1;
    const client = createCloposClient(
      {
        api: sc.api,
        baseUrl: MODEL_BASE_URL,
        brand: MODEL_BRAND,
        venues,
        clientId: 'model-client',
        integratorId: 'model-integrator',
        pageLimit: sc.pageLimit,
        maxPages: sc.maxPages,
        timeZone: 'UTC',
      },
      {
        fetch: trace
          ? (async (input, init) => {
              const reply = await model.fetch(input, init);
              trace(`${init?.method ?? 'GET'} ${String(input)} → ${reply.status} ${JSON.stringify(Object.fromEntries(reply.headers))}`);
              return reply;
            }) as typeof fetch
          : model.fetch,
        now: clock.pc.now,
        credentials: async () => ({ clientSecret: MODEL_SECRET }),
        ...(trace ? { log: (level: string, message: string) => trace(`${level}: ${message}`) } : {}),
      },
    );
    engine = createWatchEngine({
      source: client,
      clock: clock.pc,
      store,
      announcer: { announce: onAnnounce },
      ...(trace ? { log: (level: string, message: string) => trace(`engine ${level}: ${message}`) } : {}),
      onState: (s) => {
        trace?.(`state polling=${s.polling} next=${s.nextPollAt} health=${JSON.stringify(s.health.problems)}`);
        if (!s.polling) polls += 1;
        longestIntervalMs = Math.max(longestIntervalMs, s.cadence.intervalMs);
        checkAcks(s);
      },
      options: {
        pollIntervalSeconds: sc.intervalSeconds,
        cadence: sc.cadence,
        alerts: { healthSeconds: sc.healthSeconds, healthFailures: sc.healthFailures, reminderSeconds: 30, escalationMinutes: 3, summaryThreshold: 3 },
        random,
      },
    });
    // A start while the PC sleeps (it cannot, but the scenario may ask) counts from waking.
    watchingSince = Math.max(clock.now(), watchingSince);
    void engine.start();
  }

  function checkAcks(s: EngineSnapshot): void {
    for (const t of s.pending) {
      if (ackedAtRestart.has(t.order.id) && !t.acknowledged) fail(`order ${t.order.id} was acknowledged before the restart but is not after it`);
    }
  }

  /** Invariant 1, at this moment. */
  function checkNeverBlind(): void {
    if (!engine || clock.asleep) return;
    const snapshot = engine.snapshot();
    if (snapshot.health.alarmed) return;
    for (const o of model.orders.values()) {
      if (o.status !== 'PENDING') continue;
      const since = Math.max(o.createdAt, watchingSince);
      if (clock.now() - since <= bound()) continue;
      if (announcedIn.has(o.id)) continue;
      fail(
        `order ${o.id} (venue ${o.venueId}, ${o.weird}) has been pending ${Math.round((clock.now() - since) / 1000)} s ` +
          `(bound ${bound() / 1000} s) without an announcement, and no alarm is raised (health: ${JSON.stringify(snapshot.health.problems)})`,
      );
    }
  }

  const deadlineChecks = (from: number) => {
    for (const o of model.orders.values()) if (o.status === 'PENDING') clock.at(Math.max(o.createdAt, from) + bound() + 1, () => undefined);
  };

  // The world: orders, clerks, faults, token expiry, acknowledgements by a person.
  const created: ModelOrder[] = [];
  for (const [n, arrival] of sc.arrivals.entries()) {
    clock.at(START + arrival.at * SECOND, () => {
      const id = sc.api === 'v1' ? `ORD-${n + 1}` : String(10_001 + n);
      const order: ModelOrder = { id, venueId: venues[arrival.venue % venues.length]!, status: 'PENDING', createdAt: clock.now(), weird: arrival.weird };
      model.orders.set(id, order);
      created.push(order);
      clock.at(clock.now() + bound() + 1, () => undefined);
    });
  }
  for (const h of sc.handled) {
    clock.at(START + h.at * SECOND, () => {
      const order = created[h.order % Math.max(1, created.length)];
      if (order?.status === 'PENDING') order.status = h.accept ? 'RECEIVED' : 'IGNORE';
    });
  }
  for (const a of sc.acks) {
    clock.at(START + a.at * SECOND, () => {
      const order = created[a.order % Math.max(1, created.length)];
      if (order && engine && !clock.asleep) engine.acknowledge(order.id);
    });
  }
  for (const at of sc.tokenExpiries) clock.at(START + at * SECOND, () => model.expireTokens());
  for (const s of sc.sleeps) {
    clock.at(START + s.at * SECOND, () => {
      if (clock.asleep) return;
      clock.sleep(s.seconds * SECOND);
      // Pending time counts from waking: nothing can see orders while the PC sleeps.
      watchingSince = clock.now() + s.seconds * SECOND;
      clock.after(s.seconds * SECOND, () => {
        engine?.pollNow('resume');
        deadlineChecks(watchingSince);
      });
    });
  }

  startLife();
  const restarts = [...sc.restarts].sort((a, b) => a.at - b.at);
  for (const restart of restarts) {
    await clock.runUntil(START + restart.at * SECOND, checkNeverBlind);
    const ending = engine!;
    engine = null;
    // A crash: whatever the dying process had not finished saving never lands.
    if (restart.crash) store.dead = true;
    const stopping = ending.stop();
    // The app is down for a second while it stops (saving) and starts again.
    await clock.runUntil(clock.now() + SECOND, () => undefined);
    await stopping;
    store.dead = false;
    recordedAtRestart = new Set(store.entries.keys());
    ackedAtRestart = new Set([...store.entries].filter(([, e]) => e.acknowledgedAt !== null && e.leftAt === null).map(([id]) => id));
    startLife();
    deadlineChecks(watchingSince);
  }
  await clock.runUntil(end, checkNeverBlind);
  const stopping = engine!.stop();
  await clock.runUntil(end + SECOND, () => undefined);
  await stopping;
  return { polls, announced: announcedTotal, alarms, requests: model.requests };
}
