/**
 * The watch engine with the real Clopos client against the simulator over real HTTP, on a manual
 * clock: a schedule of every injectable fault, with orders arriving and being accepted, must
 * neither lose nor duplicate an announcement.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCloposClient } from '../../../main/clopos';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS, withTuning } from '../../../main/watch';
import type { Clock, WatchEngine } from '../../../main/watch/types';
import { DEMO_CREDENTIALS, startSimulator } from '../../../sim/server';
import type { SimFault, Simulator } from '../../../sim/types';
import { MemoryStore, RecordingAnnouncer } from './fakes';

/** Virtual time for the engine, the client and the simulator; the HTTP itself runs in real time. */
class ManualClock implements Clock {
  private time = Date.UTC(2025, 0, 6, 12, 0, 0);
  private seq = 0;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();
  now = (): number => this.time;
  setTimeout(fn: () => void, ms: number): unknown {
    this.seq += 1;
    this.timers.set(this.seq, { at: this.time + Math.max(0, ms), fn });
    return this.seq;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  pending(): number {
    return this.timers.size;
  }
  /** Runs every timer due within `ms`, letting each poll's real HTTP finish before moving on. */
  async advance(ms: number, engine: WatchEngine): Promise<void> {
    const end = this.time + ms;
    for (let guard = 0; guard < 10_000; guard += 1) {
      await settle(engine);
      const next = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = Math.max(this.time, next[1].at);
      next[1].fn();
    }
    this.time = end;
    await settle(engine);
  }
}

async function settle(engine: WatchEngine): Promise<void> {
  const deadline = Date.now() + 10_000;
  do await new Promise((resolve) => setTimeout(resolve, 2));
  while (engine.snapshot().polling && Date.now() < deadline);
}

let sim: Simulator;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock();
  sim = await startSimulator({ now: clock.now });
});
afterEach(async () => {
  await sim.close();
});

function makeEngine(store = new MemoryStore(), announcer = new RecordingAnnouncer()) {
  const client = createCloposClient(
    { api: 'v2', baseUrl: sim.url, brand: DEMO_CREDENTIALS.brand, venues: [...DEMO_CREDENTIALS.venues], clientId: DEMO_CREDENTIALS.clientId, integratorId: DEMO_CREDENTIALS.integratorId, timeoutMs: 2_000 },
    { fetch: globalThis.fetch, now: clock.now, credentials: async () => ({ clientSecret: DEMO_CREDENTIALS.clientSecret }) },
  );
  const engine = createWatchEngine({
    source: client,
    clock,
    store,
    announcer,
    options: withTuning({ ...DEFAULT_ENGINE_OPTIONS, jitter: 0 }, { pollIntervalSeconds: 5, summaryThreshold: 100 }),
  });
  return { engine, announcer, store };
}

describe('engine + client + simulator', () => {
  it('announces two orders arriving in one interval, and an accepted one as left pending', async () => {
    const { engine, announcer } = makeEngine();
    await engine.start();
    await clock.advance(0, engine);
    const a = sim.addOrder();
    const b = sim.addOrder();
    await clock.advance(5_000, engine);
    expect(announcer.announcedIds().sort()).toEqual([String(a.id), String(b.id)].sort());
    sim.accept(a.id);
    await clock.advance(5_000, engine);
    expect(announcer.ofType('left-pending').map((l) => l.id)).toEqual([String(a.id)]);
    await engine.stop();
    expect(clock.pending()).toBe(0);
  });

  it('after a refused sign-in, polls on their own keep the back-off, but a person who fixed the credentials is served at once', async () => {
    const { engine, announcer } = makeEngine();
    const signIns = () => sim.requests().filter((r) => r.path === '/auth').length;
    sim.setCredentialsValid(false);
    await engine.start();
    await clock.advance(90_000, engine);
    const refused = signIns();
    expect(refused).toBeGreaterThan(0);
    expect(engine.snapshot().health.error?.kind).toBe('auth');

    sim.setCredentialsValid(true);
    const order = sim.addOrder();
    await clock.advance(50_000, engine);
    expect(signIns()).toBe(refused);
    expect(announcer.announcedIds()).toEqual([]);

    engine.pollNow('credentials changed');
    await clock.advance(0, engine);
    expect(signIns()).toBe(refused + 1);
    expect(announcer.announcedIds()).toEqual([String(order.id)]);
    expect(engine.snapshot().health).toMatchObject({ status: 'ok', error: null });
    await engine.stop();
  });

  it('loses and duplicates nothing through a schedule of every fault', async () => {
    const store = new MemoryStore();
    const announcer = new RecordingAnnouncer();
    const faults: SimFault[] = [
      { type: 'status', status: 500 },
      { type: 'status', status: 504 },
      { type: 'rate-limit', headers: 'v2', resetSeconds: 20 },
      { type: 'rate-limit', headers: 'none', resetSeconds: 20 },
      { type: 'malformed-json' },
      { type: 'wrong-content-type' },
      { type: 'drop-connection' },
      { type: 'token-expired' },
      { type: 'latency', ms: 50 },
      { type: 'success-false' },
    ];
    const ids: string[] = [];
    const accepted: string[] = [];
    let acceptedBeforeRestart: string | null = null;
    let engine = makeEngine(store, announcer).engine;
    await engine.start();
    for (let round = 0; round < faults.length * 2; round += 1) {
      ids.push(String(sim.addOrder().id));
      if (round % 3 === 2) {
        const victim = ids[round - 1]!;
        sim.accept(victim);
        accepted.push(victim);
      }
      sim.addFault({ fault: faults[round % faults.length]!, path: '/orders' });
      if (round === faults.length) {
        // A restart in the middle of the schedule, with the same record.
        acceptedBeforeRestart = accepted.at(-1) ?? null;
        await engine.stop();
        ids.push(String(sim.addOrder().id));
        engine = makeEngine(store, announcer).engine;
        await engine.start();
      }
      await clock.advance(30_000, engine);
    }
    sim.clearFaults();
    await clock.advance(120_000, engine);
    const pendingNow = engine.snapshot().pending.map((p) => p.order.id).sort();
    await engine.stop();

    const stillPending = sim.orders().filter((o) => o.status === 'PENDING').map((o) => String(o.id)).sort();
    expect(pendingNow).toEqual(stillPending);

    const announced = announcer.announcedIds();
    expect(new Set(announced).size).toBe(announced.length);
    for (const id of stillPending) expect(announced).toContain(id);
    const left = announcer.ofType('left-pending').map((l) => l.id);
    expect(new Set(left).size).toBe(left.length);
    for (const id of left) expect(announced).toContain(id);
    // An order accepted while the notifier was closed leaves silently: nobody is waiting on it.
    for (const id of accepted) if (announced.includes(id) && id !== acceptedBeforeRestart) expect(left).toContain(id);
    const health = announcer.ofType('health');
    const alarms = health.filter((h) => h.state !== 'ok').length;
    expect(alarms - health.filter((h) => h.state === 'ok').length).toBeLessThanOrEqual(1);
    expect(stillPending.length).toBe(ids.length - accepted.length);
    expect(clock.pending()).toBe(0);
    expect(store.entries.size).toBeGreaterThanOrEqual(stillPending.length);
    for (const id of stillPending) expect(store.entries.get(id)?.leftAt).toBeNull();
  });

  it('raises one health alarm through an outage and one recovery notice', async () => {
    const { engine, announcer } = makeEngine();
    await engine.start();
    await clock.advance(0, engine);
    sim.setOnline(false);
    await clock.advance(3 * 60_000, engine);
    expect(announcer.ofType('health').map((h) => h.state)).toEqual(['offline']);
    sim.setOnline(true);
    const order = sim.addOrder();
    await clock.advance(60_000, engine);
    expect(announcer.ofType('health').map((h) => h.state)).toEqual(['offline', 'ok']);
    expect(announcer.announcedIds()).toEqual([String(order.id)]);
    await engine.stop();
  });
});
