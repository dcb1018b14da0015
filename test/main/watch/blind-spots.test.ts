/**
 * The engine's side of "never blind" (issue: every way an order can go unseen becomes an
 * announcement or a loud alarm): venues judged apart, incomplete listings, unreadable orders,
 * held-back checks, single failures at long intervals, where orders went, acknowledgements kept
 * across restarts, and waits measured so a time-zone slip cannot escalate a fresh order.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { appError } from '../../../common/result';
import { DEFAULT_POLL_TIMEOUT_MS } from '../../../main/watch/poll-scheduler';
import { engineHarness, FakeSource, makeOrder, MemoryStore } from './fakes';

const T0 = Date.UTC(2025, 0, 6, 12, 0, 0);
const advance = (ms: number) => vi.advanceTimersByTimeAsync(ms);

const harness = engineHarness;

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('venues are judged apart', () => {
  it('announces venue 1 while venue 2 fails, and alarms naming venue 2', async () => {
    const h = harness({ healthFailures: 3 });
    h.source.venues = ['1', '2'];
    h.source.venueErrors.set('2', appError('auth', 'Clopos refused access (HTTP 403).', { status: 403 }));
    const first = h.source.add(makeOrder({ venueId: '1' }))[0]!;
    await h.engine.start();
    await advance(0);
    expect(h.announcer.ofType('new-order').map((a) => a.order.id)).toEqual([first.id]);
    expect(h.engine.snapshot().health.problems).toEqual([
      expect.objectContaining({ key: 'venue:2', venueId: '2', alarmed: false }),
    ]);
    await advance(20_000);
    const alarms = h.announcer.ofType('health');
    expect(alarms).toEqual([expect.objectContaining({ state: 'auth', venueId: '2' })]);
    expect(alarms[0]!.message).toContain('Venue 2');
    expect(h.engine.snapshot()).toMatchObject({ health: { status: 'problem', alarmed: true }, alarmActive: true });

    const second = h.source.add(makeOrder({ venueId: '1' }))[0]!;
    await advance(10_000);
    expect(h.announcer.ofType('new-order').map((a) => a.order.id)).toEqual([first.id, second.id]);

    h.source.venueErrors.clear();
    await advance(10_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['auth', 'ok']);
    expect(h.engine.snapshot().health).toMatchObject({ status: 'ok', problems: [] });
    await h.engine.stop();
  });

  it('keeps the orders of a venue that stops answering on the board, alarmed, instead of taking them as gone', async () => {
    const h = harness({ healthFailures: 3 });
    h.source.venues = ['1', '2'];
    const [one, two] = h.source.add(makeOrder({ venueId: '1' }), makeOrder({ venueId: '2' }));
    await h.engine.start();
    await advance(0);
    h.source.venueErrors.set('2', appError('server', 'Clopos had a server problem (HTTP 502).', { status: 502 }));
    await advance(30_000);
    expect(h.announcer.ofType('left-pending')).toEqual([]);
    expect(h.engine.snapshot().pending.map((p) => p.order.id).sort()).toEqual([one!.id, two!.id].sort());
    expect(h.engine.snapshot().alarmActive).toBe(true);
    await h.engine.stop();
  });

  it('carries an alarmed outage over to the venue still failing when the others come back', async () => {
    const h = harness({ healthFailures: 2 });
    h.source.venues = ['1', '2'];
    await h.engine.start();
    await advance(0);
    h.source.fail('offline', {}, 3);
    await advance(10_000 + 5_000 + 10_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['offline']);
    h.source.venueErrors.set('2', appError('offline', 'Cannot reach Clopos.'));
    await advance(20_000);
    // No "receiving orders again" while venue 2 is still blind: its alarm goes on, now named.
    expect(h.announcer.ofType('health').map((a) => [a.state, a.venueId])).toEqual([
      ['offline', null],
      ['offline', '2'],
    ]);
    expect(h.engine.snapshot().health.problems.map((p) => [p.key, p.alarmed])).toEqual([['venue:2', true]]);
    await h.engine.stop();
  });
});

describe('listings that cannot show every order', () => {
  it('alarms a listing known to be incomplete as "some pending orders cannot be seen"', async () => {
    const h = harness({ healthFailures: 3 });
    h.source.truncated = true;
    await h.engine.start();
    await advance(25_000);
    expect(h.announcer.ofType('health')).toEqual([expect.objectContaining({ state: 'incomplete', venueId: '1' })]);
    expect(h.announcer.ofType('health')[0]!.message).toMatch(/some pending orders cannot be seen/);
    h.source.truncated = false;
    await advance(10_000);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['incomplete', 'ok']);
    await h.engine.stop();
  });

  it('alarms orders whose id cannot be read as their own problem', async () => {
    const h = harness({ healthFailures: 3, healthSeconds: 3600 });
    h.source.unreadable.set('1', 2);
    await h.engine.start();
    await advance(25_000);
    expect(h.announcer.ofType('health')).toEqual([expect.objectContaining({ state: 'unreadable', venueId: '1' })]);
    expect(h.announcer.ofType('health')[0]!.message).toMatch(/2 orders the app cannot read/);
    await h.engine.stop();
  });
});

describe('checks held back by the rate budget', () => {
  it('alarms at once when a 200 says no requests remain until a reset an hour away, and says how long', async () => {
    const h = harness({ pollIntervalSeconds: 10, healthSeconds: 60 });
    h.source.onAnswer = () => {
      h.source.currentBudget = { limit: 1000, remaining: 0, resetAt: Date.now() + 3_600_000 };
    };
    await h.engine.start();
    await advance(0);
    expect(h.announcer.ofType('health')).toEqual([expect.objectContaining({ state: 'rate-limited', venueId: null })]);
    expect(h.announcer.ofType('health')[0]!.message).toMatch(/holds the next check for 61 min/);
    expect(h.engine.snapshot()).toMatchObject({ health: { status: 'problem' }, alarmActive: true });
    // "Check now" does not break the budget either; the alarm stays up meanwhile.
    h.engine.pollNow('check now');
    await advance(30 * 60_000);
    expect(h.source.callTimes).toHaveLength(1);
    h.source.onAnswer = () => {
      h.source.currentBudget = { limit: 1000, remaining: 900, resetAt: Date.now() + 3_600_000 };
    };
    await advance(30 * 60_000 + 1_000);
    expect(h.source.callTimes).toHaveLength(2);
    expect(h.announcer.ofType('health').map((a) => a.state)).toEqual(['rate-limited', 'ok']);
    await h.engine.stop();
  });

  it('caps a wait however far the reset header points', async () => {
    const h = harness({ pollIntervalSeconds: 10 });
    h.source.currentBudget = { limit: 1000, remaining: 0, resetAt: T0 + 24 * 3_600_000 };
    await h.engine.start();
    await advance(0);
    const next = h.engine.snapshot().nextPollAt!;
    expect(next - T0).toBeLessThanOrEqual(61 * 60_000 + 1_000);
    await h.engine.stop();
  });
});

describe('a single failure at a long interval', () => {
  it('retries soon and raises no alarm for one lost reply at a 60 s interval', async () => {
    const h = harness({ pollIntervalSeconds: 60, healthFailures: 3, healthSeconds: 60 });
    await h.engine.start();
    await advance(0);
    h.source.fail('server', { status: 504 });
    await advance(10 * 60_000);
    expect(h.announcer.ofType('health')).toEqual([]);
    await h.engine.stop();
  });
});

describe('where orders went', () => {
  it('learns at once that an order left a paged listing because it was accepted, and says so', async () => {
    const h = harness();
    h.source.paged = true;
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(0);
    h.source.accept(order.id);
    h.source.departed.set(order.id, { ...order, status: 'accepted', rawStatus: 'RECEIVED' });
    await advance(10_000);
    expect(h.announcer.ofType('left-pending')).toEqual([expect.objectContaining({ id: order.id, status: 'accepted' })]);
    expect(h.engine.snapshot().pending).toEqual([]);
    expect(h.engine.snapshot().history[0]!.order.status).toBe('accepted');
    await h.engine.stop();
  });

  it('keeps an order a page shift hid from a listing, confirmed by its lookup', async () => {
    const h = harness();
    h.source.paged = true;
    const order = h.source.add(makeOrder())[0]!;
    await h.engine.start();
    await advance(0);
    h.source.script.push({ omit: [order.id] });
    await advance(10_000);
    expect(h.source.lookups).toEqual([[order.id]]);
    expect(h.announcer.ofType('left-pending')).toEqual([]);
    expect(h.engine.snapshot().pending.map((p) => p.order.id)).toEqual([order.id]);
    await h.engine.stop();
  });

  it('looks up at most a handful of orders per poll', async () => {
    const h = harness();
    const orders = h.source.add(...Array.from({ length: 12 }, () => makeOrder()));
    await h.engine.start();
    await advance(0);
    for (const o of orders) h.source.accept(o.id);
    await advance(10_000);
    expect(h.source.lookups[0]).toHaveLength(5);
    await h.engine.stop();
  });
});

describe('acknowledgements across a restart', () => {
  it('does not remind about an order acknowledged before the app restarted', async () => {
    const store = new MemoryStore();
    const source = new FakeSource();
    const first = harness({ reminderSeconds: 30, escalationMinutes: 60 }, store, source);
    const order = source.add(makeOrder())[0]!;
    await first.engine.start();
    await advance(0);
    first.engine.acknowledge(order.id);
    await advance(0);
    await first.engine.stop();
    expect(store.entries.get(order.id)?.acknowledgedAt).toBe(T0);

    const second = harness({ reminderSeconds: 30, escalationMinutes: 60 }, store, source);
    await second.engine.start();
    await advance(5 * 60_000);
    expect(second.engine.snapshot().pending[0]).toMatchObject({ acknowledged: true });
    expect(second.announcer.ofType('reminder')).toEqual([]);
    expect(second.engine.snapshot().alarmActive).toBe(false);
    await second.engine.stop();
  });
});

describe('waits measured on the right clock', () => {
  it('does not escalate a fresh order whose creation time reads hours old (another time zone)', async () => {
    const h = harness({ escalationMinutes: 3, reminderSeconds: 3600 });
    await h.engine.start();
    await advance(10_000);
    // Written by a server four hours ahead, read as this PC's zone: it looks four hours old.
    const order = h.source.add(makeOrder({ createdAt: new Date(Date.now() - 4 * 3_600_000).toISOString() }))[0]!;
    await advance(10_000);
    expect(h.announcer.ofType('new-order').map((a) => a.order.id)).toEqual([order.id]);
    await advance(60_000);
    expect(h.announcer.ofType('escalation')).toEqual([]);
    // It did wait since the listing before the one that showed it: escalated three minutes from there.
    await advance(3 * 60_000);
    const [escalation] = h.announcer.ofType('escalation');
    expect(escalation?.waitedMs).toBeLessThanOrEqual(3 * 60_000 + 10_000);
    await h.engine.stop();
  });

  it('gives a poll as long as a healthy listing of every page can take before abandoning it', async () => {
    const h = harness();
    const source = h.source as FakeSource & { worstCaseListingMs?: () => number };
    source.worstCaseListingMs = () => 400_000;
    h.source.script.push({ hang: true });
    await h.engine.start();
    await advance(DEFAULT_POLL_TIMEOUT_MS + 1_000);
    expect(h.engine.snapshot().polling).toBe(true);
    await advance(400_000 - DEFAULT_POLL_TIMEOUT_MS);
    expect(h.engine.snapshot().polling).toBe(false);
    await h.engine.stop();
  });
});
