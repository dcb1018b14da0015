import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWatchEngine, DEFAULT_ENGINE_OPTIONS, systemClock } from '../../../main/watch';
import { engineHarness, FakeSource, makeOrder, MemoryStore, RecordingAnnouncer, testOptions } from './fakes';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

const harness = engineHarness;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('new orders', () => {
  it('announces two orders that arrive within one interval as two announcements', async () => {
    const h = harness();
    await h.engine.start();
    await advance(0);
    expect(h.announcer.all).toEqual([]);

    await advance(3_000);
    const [a, b] = h.source.add(makeOrder(), makeOrder());
    await advance(7_000);

    expect(h.announcer.ofType('new-order').map((x) => x.order.id)).toEqual([a!.id, b!.id]);
    expect(h.engine.snapshot().pending.map((p) => p.order.id)).toEqual([a!.id, b!.id]);
    await advance(10_000);
    expect(h.announcer.ofType('new-order')).toHaveLength(2);
    await h.engine.stop();
  });

  it('announces more than the threshold in one poll as one summary listing them all', async () => {
    const h = harness({ summaryThreshold: 3 });
    const orders = h.source.add(makeOrder(), makeOrder(), makeOrder(), makeOrder());
    await h.engine.start();
    await advance(0);
    expect(h.announcer.all.map((a) => a.type)).toEqual(['summary']);
    expect(h.announcer.ofType('summary')[0]!.orders.map((o) => o.id)).toEqual(orders.map((o) => o.id));
    await h.engine.stop();
  });

  it('announces exactly the threshold individually', async () => {
    const h = harness({ summaryThreshold: 3 });
    h.source.add(makeOrder(), makeOrder(), makeOrder());
    await h.engine.start();
    await advance(0);
    expect(h.announcer.all.map((a) => a.type)).toEqual(['new-order', 'new-order', 'new-order']);
    await h.engine.stop();
  });

  it('lists pending orders oldest first in the snapshot', async () => {
    const h = harness();
    const newer = makeOrder({ createdAt: new Date(T0 - 60_000).toISOString() });
    const older = makeOrder({ createdAt: new Date(T0 - 120_000).toISOString() });
    h.source.add(newer, older);
    await h.engine.start();
    await advance(0);
    expect(h.engine.snapshot().pending.map((p) => p.order.id)).toEqual([older.id, newer.id]);
    expect(h.announcer.ofType('new-order').map((a) => a.order.id)).toEqual([older.id, newer.id]);
    await h.engine.stop();
  });
});

describe('restarts', () => {
  it('does not announce again after a restart with the same store, but announces what arrived while stopped', async () => {
    const store = new MemoryStore();
    const source = new FakeSource();
    const seen = source.add(makeOrder())[0]!;
    const first = harness({}, store, source);
    await first.engine.start();
    await advance(0);
    expect(first.announcer.announcedIds()).toEqual([seen.id]);
    await first.engine.stop();

    await advance(60_000);
    const arrivedWhileStopped = source.add(makeOrder())[0]!;
    const second = harness({}, store, source);
    await second.engine.start();
    await advance(0);
    expect(second.announcer.announcedIds()).toEqual([arrivedWhileStopped.id]);
    expect(second.engine.snapshot().pending.map((p) => p.order.id).sort()).toEqual([seen.id, arrivedWhileStopped.id].sort());
    await second.engine.stop();
  });

  it('marks the slips of orders announced while printing is on as due, keeps that across a restart, and never again once printed', async () => {
    const store = new MemoryStore();
    const source = new FakeSource();
    const before = source.add(makeOrder())[0]!;
    const off = harness({}, store, source);
    await off.engine.start();
    await advance(0);
    // Announced while printing was off: never due.
    expect(off.engine.slipsDue()).toEqual([]);
    off.engine.updateOptions({ printNewOrders: true });
    const a = source.add(makeOrder())[0]!;
    const b = source.add(makeOrder())[0]!;
    off.engine.pollNow('test');
    await advance(0);
    expect(off.engine.slipsDue().map((o) => o.id)).toEqual([a.id, b.id]);
    off.engine.slipPrinted(a.id);
    expect(off.engine.slipsDue().map((o) => o.id)).toEqual([b.id]);
    await off.engine.stop();

    const again = harness({ printNewOrders: true }, store, source);
    await again.engine.start();
    await advance(0);
    expect(again.engine.slipsDue().map((o) => o.id)).toEqual([b.id]);
    expect(again.engine.snapshot().pending.map((t) => t.order.id)).toContain(before.id);
    again.engine.slipPrinted(b.id);
    expect(again.engine.slipsDue()).toEqual([]);
    await again.engine.stop();
    const saved = await store.load();
    expect(typeof saved.entries.get(b.id)?.slip).toBe('number');
    expect(saved.entries.get(before.id)?.slip).toBeUndefined();
  });

  it('announces before saving the record (at-least-once), and saves right after', async () => {
    const events: string[] = [];
    const store = new MemoryStore(events);
    const h = harness({}, store);
    h.announcer.all.length = 0;
    const engine = createWatchEngine({
      source: h.source,
      clock: systemClock,
      store,
      announcer: new RecordingAnnouncer(events),
      options: { ...DEFAULT_ENGINE_OPTIONS, jitter: 0 },
    });
    h.source.add(makeOrder());
    await engine.start();
    await advance(0);
    expect(events).toEqual(['new-order', 'save']);
    await engine.stop();
  });

  it('retries a failed save on the next poll and on stop', async () => {
    const store = new MemoryStore();
    store.failSaves = 1;
    const h = harness({}, store);
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(0);
    expect(store.entries.has(order.id)).toBe(false);
    await advance(10_000);
    expect(store.entries.has(order.id)).toBe(true);
    await h.engine.stop();
  });
});

describe('orders leaving pending', () => {
  it('reports an order accepted between polls as left pending and acknowledges it automatically', async () => {
    const h = harness();
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(0);
    expect(h.engine.snapshot().alarmActive).toBe(true);

    h.source.accept(order.id);
    await advance(10_000);
    expect(h.announcer.ofType('left-pending')).toEqual([{ type: 'left-pending', id: order.id, status: 'unknown', order }]);
    const snap = h.engine.snapshot();
    expect(snap.pending).toEqual([]);
    expect(snap.alarmActive).toBe(false);
    expect(snap.history[0]).toMatchObject({ acknowledged: true, leftPendingAt: T0 + 10_000 });

    await advance(60_000);
    expect(h.announcer.ofType('reminder')).toEqual([]);
    await h.engine.stop();
  });

  it('names the new status when the source lists the order with it', async () => {
    const h = harness();
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(0);
    h.source.accept(order.id);
    h.source.script.push({ orders: [{ ...order, status: 'accepted', rawStatus: 'RECEIVED' }] });
    await advance(10_000);
    expect(h.announcer.ofType('left-pending')[0]).toMatchObject({ id: order.id, status: 'accepted' });
    expect(h.engine.snapshot().history[0]!.order.status).toBe('accepted');
    await h.engine.stop();
  });

  it('does not report orders missing from a listing cut off by the page bound as left (no lookup)', async () => {
    const h = harness();
    h.source.lookupEnabled = false;
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(0);
    h.source.accept(order.id);
    h.source.truncated = true;
    await advance(10_000);
    expect(h.announcer.ofType('left-pending')).toEqual([]);
    expect(h.engine.snapshot().pending.map((p) => p.order.id)).toEqual([order.id]);
    h.source.truncated = false;
    await advance(10_000);
    expect(h.announcer.ofType('left-pending').map((l) => l.id)).toEqual([order.id]);
    await h.engine.stop();
  });

  it('keeps alarming for an order a multi-page listing missed once (a page shift), without announcing it again (no lookup)', async () => {
    const h = harness({ reminderSeconds: 30 });
    h.source.lookupEnabled = false;
    h.source.paged = true;
    const [shifted, other] = h.source.add(makeOrder(), makeOrder());
    await h.engine.start();
    await advance(0);
    h.engine.acknowledge(other!.id);

    h.source.script.push({ omit: [shifted!.id] });
    await advance(10_000);
    expect(h.announcer.ofType('left-pending')).toEqual([]);
    expect(h.engine.snapshot()).toMatchObject({ alarmActive: true, history: [] });
    expect(h.engine.snapshot().pending.map((p) => [p.order.id, p.acknowledged])).toContainEqual([shifted!.id, false]);
    await advance(10_000);
    expect(h.announcer.announcedIds().sort()).toEqual([shifted!.id, other!.id].sort());
    await advance(10_000);
    expect(h.announcer.ofType('reminder').map((r) => r.orders.map((o) => o.id))).toEqual([[shifted!.id]]);

    h.source.accept(shifted!.id);
    await advance(10_000);
    expect(h.announcer.ofType('left-pending')).toEqual([]);
    await advance(10_000);
    expect(h.announcer.ofType('left-pending').map((l) => l.id)).toEqual([shifted!.id]);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    await h.engine.stop();
  });

  it('keeps the history newest first', async () => {
    const h = harness();
    const [a, b] = h.source.add(makeOrder(), makeOrder());
    await h.engine.start();
    await advance(0);
    h.source.accept(a!.id);
    await advance(10_000);
    h.source.accept(b!.id);
    await advance(10_000);
    expect(h.engine.snapshot().history.map((t) => t.order.id)).toEqual([b!.id, a!.id]);
    await h.engine.stop();
  });
});

describe('reminders and escalation', () => {
  it('reminds every reminderSeconds while an order is unacknowledged and stops on acknowledge', async () => {
    const h = harness({ reminderSeconds: 30, escalationMinutes: 60 });
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(0);
    await advance(29_999);
    expect(h.announcer.ofType('reminder')).toHaveLength(0);
    await advance(1);
    expect(h.announcer.ofType('reminder')).toEqual([{ type: 'reminder', orders: [order] }]);
    await advance(30_000);
    expect(h.announcer.ofType('reminder')).toHaveLength(2);

    h.engine.acknowledge(order.id);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    expect(h.engine.snapshot().pending[0]!.acknowledged).toBe(true);
    await advance(120_000);
    expect(h.announcer.ofType('reminder')).toHaveLength(2);
    await h.engine.stop();
  });

  it('acknowledgeAll silences every order, and a later new order starts reminders again', async () => {
    const h = harness({ reminderSeconds: 30, escalationMinutes: 60 });
    h.source.add(makeOrder(), makeOrder());
    await h.engine.start();
    await advance(0);
    h.engine.acknowledgeAll();
    await advance(60_000);
    expect(h.announcer.ofType('reminder')).toHaveLength(0);
    const late = h.source.add(makeOrder())[0]!;
    await advance(10_000);
    await advance(30_000);
    expect(h.announcer.ofType('reminder').map((r) => r.orders.map((o) => o.id))).toEqual([[late.id]]);
    await h.engine.stop();
  });

  it('escalates an order once when it has waited escalationMinutes since it was created', async () => {
    const h = harness({ reminderSeconds: 3600, escalationMinutes: 3 });
    const order = h.source.add(makeOrder({ createdAt: new Date(T0 - 120_000).toISOString() }))[0]!;
    await h.engine.start();
    await advance(0);
    await advance(59_999);
    expect(h.announcer.ofType('escalation')).toHaveLength(0);
    await advance(1);
    expect(h.announcer.ofType('escalation')).toEqual([{ type: 'escalation', order, waitedMs: 180_000 }]);
    await advance(10 * 60_000);
    expect(h.announcer.ofType('escalation')).toHaveLength(1);
    await h.engine.stop();
  });

  it('corrects the wait by the server clock offset', async () => {
    const h = harness({ reminderSeconds: 3600, escalationMinutes: 3 });
    // The server clock runs 2 minutes ahead of this PC; the order was created "now" on the server.
    h.source.serverTime = () => Date.now() + 120_000;
    h.source.add(makeOrder({ createdAt: new Date(T0 + 120_000).toISOString() }));
    await h.engine.start();
    await advance(0);
    await advance(179_000);
    expect(h.announcer.ofType('escalation')).toHaveLength(0);
    await advance(1_000);
    expect(h.announcer.ofType('escalation')).toHaveLength(1);
    await h.engine.stop();
  });

  it('escalates an order that waited while the app was closed on the next poll, never on the one that first saw it', async () => {
    const h = harness({ escalationMinutes: 3 });
    h.source.add(makeOrder({ createdAt: new Date(T0 - 10 * 60_000).toISOString() }));
    await h.engine.start();
    await advance(0);
    expect(h.announcer.all.map((a) => a.type)).toEqual(['new-order']);
    await advance(10_000);
    expect(h.announcer.all.map((a) => a.type)).toEqual(['new-order', 'escalation']);
    expect(h.announcer.ofType('escalation')[0]!.waitedMs).toBe(10 * 60_000 + 10_000);
    await h.engine.stop();
  });

  it('mutes reminders and escalations while alerts are paused, but still announces new orders', async () => {
    const h = harness({ reminderSeconds: 30, escalationMinutes: 1 });
    h.source.add(makeOrder());
    await h.engine.start();
    await advance(0);
    h.engine.pauseAlerts(Date.now() + 5 * 60_000);
    expect(h.engine.snapshot().alertsPausedUntil).toBe(T0 + 5 * 60_000);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    await advance(3_000);
    const during = h.source.add(makeOrder())[0]!;
    await advance(4 * 60_000);
    expect(h.announcer.ofType('reminder')).toHaveLength(0);
    expect(h.announcer.ofType('escalation')).toHaveLength(0);
    expect(h.announcer.ofType('new-order').map((a) => a.order.id)).toContain(during.id);

    await advance(60_000);
    expect(h.engine.snapshot().alertsPausedUntil).toBeNull();
    expect(h.announcer.ofType('escalation')).toHaveLength(2);
    // The escalations just rang: the next reminder comes one reminder period later.
    expect(h.announcer.ofType('reminder')).toHaveLength(0);
    await advance(30_000);
    expect(h.announcer.ofType('reminder')).toHaveLength(1);
    await h.engine.stop();
  });

  it('ends a pause at its stated time and reminds at once about what is still unacknowledged', async () => {
    const h = harness({ reminderSeconds: 30, escalationMinutes: 60 });
    h.source.add(makeOrder());
    await h.engine.start();
    await advance(0);
    h.engine.pauseAlerts(Date.now() + 10 * 60_000);
    await advance(10 * 60_000 - 1);
    expect(h.announcer.ofType('reminder')).toHaveLength(0);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    await advance(1);
    expect(h.engine.snapshot().alertsPausedUntil).toBeNull();
    expect(h.announcer.ofType('reminder')).toHaveLength(1);
    expect(h.engine.snapshot().alarmActive).toBe(true);
    await h.engine.stop();
  });

  it('keeps a new order and the connection alarm loud while reminders are paused', async () => {
    const h = harness({ reminderSeconds: 30, escalationMinutes: 60, healthFailures: 1 });
    h.source.add(makeOrder());
    await h.engine.start();
    await advance(0);
    h.engine.pauseAlerts(Date.now() + 60 * 60_000);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    await advance(1_000);
    const during = h.source.add(makeOrder())[0]!;
    await advance(10_000);
    expect(h.announcer.ofType('new-order').map((a) => a.order.id)).toContain(during.id);
    expect(h.engine.snapshot().alarmActive).toBe(true);
    h.engine.acknowledge(during.id);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    h.source.fail('offline');
    await advance(10_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['offline']);
    expect(h.engine.snapshot().alarmActive).toBe(true);
    await h.engine.stop();
  });

  it('silences every sound while muted, never longer than 15 minutes, and says until when', async () => {
    const h = harness({ reminderSeconds: 30, escalationMinutes: 60, healthFailures: 1 });
    h.source.add(makeOrder());
    await h.engine.start();
    await advance(0);
    h.engine.muteAlerts(Date.now() + 60 * 60_000);
    expect(h.engine.snapshot().mutedUntil).toBe(T0 + 15 * 60_000);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    h.source.add(makeOrder());
    h.source.fail('offline', {}, 1000);
    await advance(20_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['offline']);
    expect(h.engine.snapshot().alarmActive).toBe(false);
    await advance(15 * 60_000);
    expect(h.engine.snapshot().mutedUntil).toBeNull();
    expect(h.engine.snapshot().alarmActive).toBe(true);
    await h.engine.stop();
  });
});

describe('health', () => {
  it('raises one alarm after K consecutive failures, then one recovery notice', async () => {
    const h = harness({ healthFailures: 3, healthSeconds: 3600 });
    await h.engine.start();
    await advance(0);
    h.source.fail('offline', {}, 6);
    await advance(10_000);
    await advance(10_000);
    expect(h.announcer.ofType('health')).toHaveLength(0);
    expect(h.engine.snapshot().health).toMatchObject({ status: 'ok', consecutiveFailures: 2, alarmed: false });
    await advance(40_000);
    expect(h.announcer.ofType('health')).toEqual([
      {
        type: 'health',
        state: 'offline',
        message: 'Scripted offline',
        since: T0 + 10_000,
        downSince: T0 + 10_000,
        venueId: null,
      },
    ]);
    expect(h.engine.snapshot().health).toMatchObject({ status: 'problem', alarmed: true });
    await advance(5 * 60_000);
    const health = h.announcer.ofType('health');
    expect(health).toHaveLength(2);
    expect(health[1]).toMatchObject({ state: 'ok', downSince: T0 + 10_000 });
    expect(h.engine.snapshot().health).toMatchObject({ status: 'ok', error: null, alarmed: false });
    await h.engine.stop();
  });

  it('raises one alarm after S seconds of failing, counted from the first failure, even below K failures', async () => {
    const h = harness({ healthFailures: 100, healthSeconds: 60 });
    await h.engine.start();
    await advance(0);
    h.source.fail('server', {}, 100);
    // The first failure is the poll at 10 s: the time rule counts from there, not from the last success.
    await advance(69_999);
    expect(h.announcer.ofType('health')).toHaveLength(0);
    await advance(1);
    expect(h.announcer.ofType('health')).toHaveLength(1);
    expect(h.announcer.ofType('health')[0]).toMatchObject({ state: 'server' });
    await advance(10 * 60_000);
    expect(h.announcer.ofType('health')).toHaveLength(1);
    await h.engine.stop();
  });

  it('raises a timeout alarm when a poll hangs', async () => {
    const h = harness({ healthSeconds: 60 });
    await h.engine.start();
    await advance(0);
    h.source.script.push({ hang: true });
    await advance(70_000);
    expect(h.announcer.ofType('health')).toHaveLength(1);
    expect(h.announcer.ofType('health')[0]).toMatchObject({ state: 'timeout' });
    await h.engine.stop();
  });

  it('counts a poll that throws as a failure', async () => {
    const h = harness({ healthFailures: 2 });
    const broken = Object.assign(new FakeSource(), {
      listPending: () => Promise.reject(new Error('bug in the source')),
    });
    const engine = createWatchEngine({ source: broken, clock: systemClock, store: new MemoryStore(), announcer: h.announcer, options: testOptions({ healthFailures: 2 }) });
    await engine.start();
    await advance(10_000);
    expect(h.announcer.ofType('health')).toEqual([expect.objectContaining({ state: 'internal', message: expect.stringContaining('bug in the source') })]);
    await engine.stop();
  });

  it('raises no alarm when the interval is longer than healthSeconds and every poll succeeds', async () => {
    const h = harness({ pollIntervalSeconds: 300, healthSeconds: 60 });
    await h.engine.start();
    await advance(0);
    await advance(20 * 60_000);
    expect(h.source.callTimes).toHaveLength(5);
    expect(h.announcer.ofType('health')).toHaveLength(0);
    await h.engine.stop();
  });

  it('reports an alarm at start when the very first polls fail', async () => {
    const h = harness({ healthFailures: 3 });
    h.source.fail('auth', {}, 3);
    await h.engine.start();
    await advance(0);
    await advance(30_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['auth']);
    await h.engine.stop();
  });
});

describe('sleep and clock jumps', () => {
  const SLEEP_MS = 30 * 60_000;
  /** The PC sleeps: the wall clock jumps ahead while timers (a monotonic clock) wait, as after a real suspend. */
  const sleep = (ms: number) => vi.setSystemTime(Date.now() + ms);

  it('raises no alarm when the first poll after waking is still in flight', async () => {
    const h = harness({ healthSeconds: 60 });
    h.source.latencyMs = 2_000;
    await h.engine.start();
    await advance(15_000);
    sleep(SLEEP_MS);
    h.engine.pollNow('resume');
    await advance(0);
    expect(h.engine.snapshot().polling).toBe(true);
    await advance(30_000);
    expect(h.announcer.ofType('health')).toEqual([]);
    expect(h.engine.snapshot().health).toMatchObject({ status: 'ok', alarmed: false });
    await h.engine.stop();
  });

  it('raises no alarm after a sleep nobody reported, even with a failed poll before it', async () => {
    const h = harness({ healthSeconds: 60, healthFailures: 3 });
    await h.engine.start();
    await advance(10_000);
    h.source.fail('server');
    await advance(10_000);
    expect(h.engine.snapshot().health.consecutiveFailures).toBe(1);
    h.source.latencyMs = 2_000;
    sleep(SLEEP_MS);
    await advance(30_000);
    expect(h.source.callTimes.at(-1)! - T0).toBeGreaterThan(SLEEP_MS);
    expect(h.announcer.ofType('health')).toEqual([]);
    await h.engine.stop();
  });

  it('raises no alarm when a poll in flight across the sleep fails on waking', async () => {
    const h = harness({ healthSeconds: 60, healthFailures: 3 });
    await h.engine.start();
    await advance(0);
    h.source.latencyMs = 5_000;
    h.source.fail('offline');
    await advance(10_000);
    expect(h.engine.snapshot().polling).toBe(true);
    sleep(SLEEP_MS);
    await advance(5_000);
    expect(h.engine.snapshot().health.consecutiveFailures).toBe(1);
    expect(h.announcer.ofType('health')).toEqual([]);
    await h.engine.stop();
  });

  it('does not count the sleep into an outage that began before it, yet alarms when it goes on after waking', async () => {
    const h = harness({ healthSeconds: 60, healthFailures: 100 });
    await h.engine.start();
    await advance(0);
    h.source.fail('server', {}, 100);
    // Failures at 10, 15, 25 and 45 s (the first retry comes after 5 s, then it backs off).
    await advance(45_000);
    expect(h.engine.snapshot().health.consecutiveFailures).toBe(4);
    sleep(SLEEP_MS);
    await advance(15_000);
    expect(h.announcer.ofType('health')).toEqual([]);
    // Nobody reported the wake: the first timer after it (25 s later) notices the jump, and the
    // time rule counts 60 s from there.
    await advance(60_000);
    expect(h.announcer.ofType('health')).toEqual([]);
    await advance(15_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['server']);
    await h.engine.stop();
  });

  it('still alarms healthSeconds after waking when the poll on waking hangs', async () => {
    const h = harness({ healthSeconds: 60 });
    await h.engine.start();
    await advance(10_000);
    sleep(SLEEP_MS);
    h.source.script.push({ hang: true });
    h.engine.pollNow('resume');
    await advance(59_999);
    expect(h.announcer.ofType('health')).toEqual([]);
    await advance(1);
    expect(h.announcer.ofType('health')).toEqual([expect.objectContaining({ state: 'timeout', message: 'Clopos has not answered for 60 s.' })]);
    await h.engine.stop();
  });

  it('raises no alarm when the interval is longer than healthSeconds and each poll takes a moment', async () => {
    const h = harness({ pollIntervalSeconds: 300, healthSeconds: 60 });
    h.source.latencyMs = 2_000;
    await h.engine.start();
    await advance(20 * 60_000 - 1);
    // Start to start every 300 s: the 2 s a poll takes is part of the interval.
    expect(h.source.callTimes.map((t) => t - T0)).toEqual([0, 300_000, 600_000, 900_000]);
    expect(h.announcer.ofType('health')).toEqual([]);
    await h.engine.stop();
  });
});

describe('scheduling', () => {
  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

  it('backs off exponentially up to a cap on failures and resets on success', async () => {
    const h = harness({ pollIntervalSeconds: 10 });
    h.source.fail('offline', {}, 2);
    h.source.fail('timeout');
    h.source.fail('server');
    h.source.fail('bad-response', {}, 2);
    await h.engine.start();
    await advance(10 * 60_000);
    // The first retry comes soon (one lost reply must not wait out the interval), then it backs off to the cap.
    expect(gaps(h.source.callTimes).slice(0, 8)).toEqual([5_000, 10_000, 20_000, 40_000, 60_000, 60_000, 10_000, 10_000]);
    await h.engine.stop();
  });

  it('sends nothing before a 429 retryAfter has passed, even on demand', async () => {
    const h = harness({ pollIntervalSeconds: 10 });
    await h.engine.start();
    await advance(0);
    h.source.fail('rate-limited', { retryAfterMs: 45_000 });
    await advance(10_000);
    expect(h.source.callTimes).toHaveLength(2);
    h.engine.pollNow('check now');
    await advance(44_000);
    expect(h.source.callTimes).toHaveLength(2);
    await advance(2_000);
    expect(h.source.callTimes).toHaveLength(3);
    expect(h.source.callTimes[2]! - h.source.callTimes[1]!).toBeGreaterThanOrEqual(45_000);
    await h.engine.stop();
  });

  it('waits for the budget reset after a 429 without retryAfter', async () => {
    const h = harness({ pollIntervalSeconds: 10 });
    await h.engine.start();
    await advance(0);
    h.source.fail('rate-limited');
    h.source.currentBudget = { limit: 100, remaining: 0, resetAt: T0 + 40_000 };
    await advance(10_000);
    await advance(29_000);
    expect(h.source.callTimes).toHaveLength(2);
    await advance(2_000);
    expect(h.source.callTimes).toHaveLength(3);
    await h.engine.stop();
  });

  it('stretches the interval when the rate budget runs low so the rest lasts until the reset', async () => {
    const h = harness({ pollIntervalSeconds: 3 });
    let remaining = 10;
    const resetAt = T0 + 60_000;
    h.source.currentBudget = { limit: 300, remaining, resetAt };
    h.source.onAnswer = () => {
      remaining -= 1;
      h.source.currentBudget = { limit: 300, remaining, resetAt };
    };
    await h.engine.start();
    await advance(59_000);
    expect(remaining).toBeGreaterThanOrEqual(1);
    expect(h.source.callTimes.length).toBeGreaterThanOrEqual(8);
    expect(gaps(h.source.callTimes).every((g) => g >= 6_000)).toBe(true);
    await h.engine.stop();
  });

  it('keeps a steady cadence from poll start to poll start, whatever each poll takes', async () => {
    const h = harness({ pollIntervalSeconds: 10 });
    h.source.latencyMs = 1_500;
    await h.engine.start();
    await advance(60_000 - 1);
    expect(gaps(h.source.callTimes)).toEqual([10_000, 10_000, 10_000, 10_000, 10_000]);
    await h.engine.stop();
  });

  it('keeps the configured interval while the budget is plentiful', async () => {
    const h = harness({ pollIntervalSeconds: 3 });
    h.source.currentBudget = { limit: 300, remaining: 250, resetAt: T0 + 60_000 };
    await h.engine.start();
    await advance(30_000);
    expect(gaps(h.source.callTimes).every((g) => g === 3_000)).toBe(true);
    await h.engine.stop();
  });

  it('keeps one poll in flight at most and coalesces polls on demand', async () => {
    const h = harness({ pollIntervalSeconds: 3 });
    h.source.latencyMs = 5_000;
    await h.engine.start();
    for (let i = 0; i < 5; i += 1) h.engine.pollNow('check now');
    expect(h.engine.snapshot().polling).toBe(true);
    await advance(4_000);
    h.engine.pollNow('network back');
    await advance(30_000);
    expect(h.source.maxInFlight).toBe(1);
    // Each poll takes 5 s, longer than the 3 s interval: the next starts as soon as the last one settled, never during it.
    const firstGaps = gaps(h.source.callTimes.slice(0, 4));
    expect(firstGaps.every((g) => g >= 5_000 && g <= 5_010)).toBe(true);
    await h.engine.stop();
  });

  it('abandons a poll that never settles and keeps watching', async () => {
    const h = harness({ pollIntervalSeconds: 10, healthSeconds: 3600, healthFailures: 1 });
    const listPending = h.source.listPending.bind(h.source);
    let calls = 0;
    h.source.listPending = (signal) => (++calls === 1 ? new Promise(() => undefined) : listPending(signal));
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(119_000);
    expect(h.engine.snapshot().polling).toBe(true);
    await advance(1_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['timeout']);
    await advance(10_000);
    expect(h.announcer.announcedIds()).toEqual([order.id]);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['timeout', 'ok']);
    await h.engine.stop();
  });

  it('lifts the sign-in back-off only for polls a person asked for', async () => {
    const h = harness({ pollIntervalSeconds: 10 });
    h.source.fail('auth', { retryAfterMs: 60_000 }, 20);
    await h.engine.start();
    await advance(5 * 60_000);
    expect(h.source.callTimes.length).toBeGreaterThan(5);
    for (const reason of ['interval', 'online', 'order rejected', 'start']) h.engine.pollNow(reason);
    expect(h.source.authBackoffResets).toBe(0);
    for (const reason of ['check now', 'credentials changed', 'user', 'resume']) {
      h.engine.pollNow(reason);
      await advance(0);
    }
    expect(h.source.authBackoffResets).toBe(4);
    await h.engine.stop();
  });

  it('polls at once on demand between intervals', async () => {
    const h = harness({ pollIntervalSeconds: 60 });
    await h.engine.start();
    await advance(5_000);
    const order = h.source.add(makeOrder())[0]!;
    h.engine.pollNow('check now');
    await advance(0);
    expect(h.announcer.announcedIds()).toEqual([order.id]);
    expect(h.engine.snapshot().nextPollAt).toBe(T0 + 65_000);
    await h.engine.stop();
  });

  it('clamps the interval to 3..300 seconds', async () => {
    const h = harness({ pollIntervalSeconds: 1 });
    await h.engine.start();
    await advance(9_000);
    expect(gaps(h.source.callTimes)).toEqual([3_000, 3_000, 3_000]);
    h.engine.updateOptions({ pollIntervalSeconds: 10_000 });
    expect(h.engine.snapshot().nextPollAt).toBe(T0 + 9_000 + 300_000);
    await h.engine.stop();
  });

  it('adds a small jitter on top of the interval', async () => {
    const h = harness({ pollIntervalSeconds: 10, jitter: 0.1, random: () => 0.5 });
    await h.engine.start();
    await advance(30_000);
    expect(gaps(h.source.callTimes)).toEqual([10_500, 10_500]);
    await h.engine.stop();
  });

  it('pauses and resumes polling; resume polls at once', async () => {
    const h = harness({ pollIntervalSeconds: 10 });
    await h.engine.start();
    await advance(0);
    h.engine.setPollingPaused(true);
    expect(h.engine.snapshot()).toMatchObject({ paused: true, nextPollAt: null });
    await advance(5 * 60_000);
    expect(h.source.callTimes).toHaveLength(1);
    expect(h.announcer.ofType('health')).toHaveLength(0);
    h.engine.setPollingPaused(false);
    await advance(0);
    expect(h.source.callTimes).toHaveLength(2);
    expect(h.engine.snapshot().paused).toBe(false);
    await h.engine.stop();
  });

  it('leaves no timer after stop, even with a poll in flight and reminders due', async () => {
    const h = harness();
    h.source.add(makeOrder());
    await h.engine.start();
    await advance(0);
    h.source.script.push({ hang: true });
    await advance(10_000);
    expect(h.engine.snapshot().polling).toBe(true);
    expect(vi.getTimerCount()).toBeGreaterThan(0);
    await h.engine.stop();
    expect(vi.getTimerCount()).toBe(0);
    await advance(10 * 60_000);
    expect(h.source.callTimes).toHaveLength(2);
    expect(h.announcer.ofType('reminder')).toHaveLength(0);
    expect(h.engine.snapshot()).toMatchObject({ polling: false, nextPollAt: null });
  });

  it('reports every change through onState', async () => {
    const h = harness();
    h.source.add(makeOrder());
    await h.engine.start();
    await advance(0);
    const last = h.states.at(-1)!;
    expect(last.pending).toHaveLength(1);
    expect(last.lastSuccessAt).toBe(T0);
    expect(last.nextPollAt).toBe(T0 + 10_000);
    expect(h.states.some((s) => s.polling)).toBe(true);
    const count = h.states.length;
    h.engine.acknowledgeAll();
    expect(h.states.length).toBe(count + 1);
    expect(h.states.at(-1)!.alarmActive).toBe(false);
    await h.engine.stop();
  });
});

describe('fault schedule', () => {
  it('loses and duplicates nothing across failures, hangs and orders coming and going', async () => {
    const h = harness({ pollIntervalSeconds: 3, summaryThreshold: 50, healthSeconds: 3600, healthFailures: 1000 });
    let seed = 7;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const kinds = ['offline', 'timeout', 'server', 'bad-response', 'rate-limited'] as const;
    const created: string[] = [];
    const accepted: string[] = [];
    await h.engine.start();
    for (let step = 0; step < 200; step += 1) {
      const r = random();
      if (r < 0.3) created.push(h.source.add(makeOrder())[0]!.id);
      else if (r < 0.45 && h.source.pending.size > 0) {
        const id = [...h.source.pending.keys()][Math.floor(random() * h.source.pending.size)]!;
        h.source.accept(id);
        accepted.push(id);
      } else if (r < 0.65) h.source.fail(kinds[Math.floor(random() * kinds.length)]!, { retryAfterMs: 2_000 });
      else if (r < 0.7) h.source.script.push({ hang: true });
      await advance(5_000);
    }
    h.source.script.length = 0;
    await advance(5 * 60_000);

    const announced = h.announcer.announcedIds();
    expect(new Set(announced).size).toBe(announced.length);
    // An order accepted before any poll saw it is never pending to the engine; every other is announced once.
    const left = h.announcer.ofType('left-pending').map((a) => a.id);
    expect(new Set(left).size).toBe(left.length);
    for (const id of created) {
      const stillPending = h.source.pending.has(id);
      if (stillPending) expect(announced).toContain(id);
      if (announced.includes(id) && !stillPending) expect(left).toContain(id);
    }
    expect(h.engine.snapshot().pending.map((p) => p.order.id).sort()).toEqual([...h.source.pending.keys()].sort());
    expect(announced.length).toBeGreaterThan(20);
    await h.engine.stop();
  });
});
