import { describe, expect, it } from 'vitest';
import { ANNOUNCED_RETENTION_MS, MAX_ANNOUNCED_ENTRIES, OrderTracker } from '../../../main/watch/order-tracker';
import { makeOrder } from './fakes';

const NOW = Date.UTC(2025, 0, 6, 12, 0, 0);

const venue = (shape: { complete?: boolean; paged?: boolean } = {}) => ({
  venues: [{ venueId: '1', error: null, incomplete: shape.complete === false ? 'the page bound was reached' : null, paged: shape.paged ?? false }],
});

describe('OrderTracker', () => {
  it('forgets an order a day after it left pending, not before', () => {
    const tracker = new OrderTracker();
    const order = makeOrder();
    tracker.apply([order], NOW);
    tracker.apply([], NOW + 1_000);
    expect(tracker.record().get(order.id)).toEqual({ firstSeenAt: NOW, leftAt: NOW + 1_000, acknowledgedAt: null });
    tracker.apply([], NOW + 1_000 + ANNOUNCED_RETENTION_MS);
    expect(tracker.record().has(order.id)).toBe(true);
    const diff = tracker.apply([], NOW + 2_000 + ANNOUNCED_RETENTION_MS);
    expect(tracker.record().has(order.id)).toBe(false);
    expect(diff.recordChanged).toBe(true);
  });

  it('marks orders announced before a restart that are gone now as left, without reporting them', () => {
    const tracker = new OrderTracker();
    tracker.restore(new Map([['gone', { firstSeenAt: NOW - 60_000, leftAt: null, acknowledgedAt: null }]]));
    const diff = tracker.apply([], NOW);
    expect(diff.left).toEqual([]);
    expect(tracker.record().get('gone')).toEqual({ firstSeenAt: NOW - 60_000, leftAt: NOW, acknowledgedAt: null });
  });

  it('does not announce an order again when it reappears after vanishing from one listing', () => {
    const tracker = new OrderTracker();
    const order = makeOrder();
    expect(tracker.apply([order], NOW).added).toHaveLength(1);
    expect(tracker.apply([], NOW + 10_000).left).toHaveLength(1);
    const back = tracker.apply([order], NOW + 20_000);
    expect(back.added).toEqual([]);
    expect(back.stillPending.map((p) => p.firstSeenAt)).toEqual([NOW]);
  });

  it('announces an order listed as pending with a status it does not know, rather than dropping it', () => {
    const tracker = new OrderTracker();
    const odd = makeOrder({ status: 'unknown', rawStatus: 'AWAITING_CONFIRMATION' });
    expect(tracker.apply([odd], NOW).added.map((a) => a.order.id)).toEqual([odd.id]);
    const accepted = { ...odd, status: 'accepted' as const, rawStatus: 'RECEIVED' };
    expect(tracker.apply([accepted], NOW + 10_000).left).toEqual([expect.objectContaining({ id: odd.id, status: 'accepted' })]);
  });

  it('takes no order as gone from a listing cut off by the page bound', () => {
    const tracker = new OrderTracker();
    const [a, b] = [makeOrder(), makeOrder()];
    tracker.apply([a, b], NOW);
    const c = makeOrder();
    const cut = tracker.apply([a, c], NOW + 10_000, venue({ complete: false }));
    expect(cut.left).toEqual([]);
    expect(cut.added.map((x) => x.order.id)).toEqual([c.id]);
    expect(tracker.record().get(b.id)?.leftAt).toBeNull();
    expect(tracker.apply([a, c], NOW + 20_000).left.map((l) => l.id)).toEqual([b.id]);
  });

  it('takes an order missing from a paged listing as gone only when the next complete listing misses it too', () => {
    const tracker = new OrderTracker();
    const [a, b, c] = [makeOrder(), makeOrder(), makeOrder()];
    tracker.apply([a, b, c], NOW, venue({ paged: true }));
    const shifted = tracker.apply([a, c], NOW + 10_000, venue({ paged: true }));
    expect(shifted.left).toEqual([]);
    expect(shifted.stillPending.map((p) => p.order.id).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(tracker.record().get(b.id)?.leftAt).toBeNull();

    const back = tracker.apply([a, b, c], NOW + 20_000, venue({ paged: true }));
    expect(back).toMatchObject({ added: [], left: [] });
    expect(tracker.apply([a, c], NOW + 30_000, venue({ paged: true })).left).toEqual([]);
    expect(tracker.apply([a], NOW + 35_000, venue({ complete: false })).left).toEqual([]);
    // b is missing from a second complete listing; c only from its first (the cut-off one does not count).
    expect(tracker.apply([a], NOW + 40_000, venue({ paged: true })).left.map((l) => l.id)).toEqual([b.id]);
    expect(tracker.record().get(b.id)?.leftAt).toBe(NOW + 40_000);
    expect(tracker.apply([a], NOW + 50_000, venue({ paged: true })).left.map((l) => l.id)).toEqual([c.id]);
  });

  it('takes an order listed with another status as gone at once, also from a paged listing', () => {
    const tracker = new OrderTracker();
    const order = makeOrder();
    tracker.apply([order], NOW, venue({ paged: true }));
    const moved = tracker.apply([{ ...order, status: 'accepted' }], NOW + 10_000, venue({ paged: true }));
    expect(moved.left).toMatchObject([{ id: order.id, status: 'accepted' }]);
  });

  it('counts an order listed twice (two pages overlapping) once', () => {
    const tracker = new OrderTracker();
    const order = makeOrder();
    expect(tracker.apply([order, order], NOW).added).toHaveLength(1);
  });

  it('stays bounded, never dropping an order that is still pending', () => {
    const tracker = new OrderTracker();
    const old = new Map<string, { firstSeenAt: number; leftAt: number | null; acknowledgedAt: number | null }>();
    for (let i = 0; i < MAX_ANNOUNCED_ENTRIES + 10; i += 1) old.set(`old-${i}`, { firstSeenAt: NOW - 1000, leftAt: NOW - 500 + i, acknowledgedAt: null });
    tracker.restore(old);
    const pending = makeOrder();
    tracker.apply([pending], NOW);
    expect(tracker.record().size).toBe(MAX_ANNOUNCED_ENTRIES);
    expect(tracker.record().has(pending.id)).toBe(true);
    expect(tracker.record().has('old-0')).toBe(false);
  });
});
