import { describe, expect, it } from 'vitest';
import { medianAndP90, medianOf, p90Of, reportFromEvents, selectRank } from '../../../main/ledger/report';
import type { LedgerEvent } from '../../../main/ledger/types';
import { DAY, HOUR, MIN, SEC, accepted, acked, announced, app, left, query, reachable, seen, unreachable } from './events';

/** 2026-03-10 09:00 UTC, a Tuesday. */
const T0 = Date.parse('2026-03-10T09:00:00Z');
const NOW = T0 + 10 * HOUR;

describe('statistics', () => {
  it('medianOf and p90Of: odd and even counts, nearest rank', () => {
    expect(medianOf([])).toBeNull();
    expect(p90Of([])).toBeNull();
    expect(medianOf([7])).toBe(7);
    expect(p90Of([7])).toBe(7);
    expect(medianOf([1, 2, 3])).toBe(2);
    expect(medianOf([1, 2, 3, 10])).toBe(2.5);
    // p90 = sorted[ceil(0.9 n) − 1]
    expect(p90Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(9);
    expect(p90Of([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
    expect(p90Of([1, 2])).toBe(2);
  });

  it('medianAndP90 (quickselect) agrees with sorting on random data, duplicates included', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 300; round++) {
      const n = 1 + Math.floor(random() * 60);
      const values = Array.from({ length: n }, () => Math.floor(random() * (round % 3 === 0 ? 5 : 1000)));
      const sorted = [...values].sort((a, b) => a - b);
      // In the middle of a larger array, to check the slice bounds.
      const a = new Float64Array([99999, ...values, -5]);
      expect(medianAndP90(a, 1, n + 1)).toEqual({ median: medianOf(sorted), p90: p90Of(sorted) });
      expect(a[0]).toBe(99999);
      expect(a[n + 1]).toBe(-5);
    }
    const b = new Float64Array([5, 1, 4, 2, 3]);
    expect(selectRank(b, 0, 5, 1)).toBe(2);
    expect(medianAndP90(new Float64Array(0), 0, 0)).toEqual({ median: null, p90: null });
  });
});

describe('the report over hand-built events', () => {
  it('median and p90 of acceptance and of Seen, odd and even counts', () => {
    const odd = [10, 20, 30, 40, 50].flatMap((s, i) => accepted(`o${i}`, T0 + i * MIN, s * SEC, { seenAfter: (s / 10) * SEC }));
    const r = reportFromEvents(odd, query(NOW));
    expect(r.totals).toMatchObject({ orders: 5, accepted: 5, acceptMedianMs: 30 * SEC, acceptP90Ms: 50 * SEC, seenMedianMs: 3 * SEC, seenP90Ms: 5 * SEC });

    const even = [40, 10, 30, 20].flatMap((s, i) => accepted(`e${i}`, T0 + i * MIN, s * SEC));
    const e = reportFromEvents(even, query(NOW));
    expect(e.totals).toMatchObject({ orders: 4, acceptMedianMs: 25 * SEC, acceptP90Ms: 40 * SEC, seenMedianMs: null, seenP90Ms: null });
  });

  it('maps outcomes: accepted, never accepted (rejected, cancelled, vanished), still pending', () => {
    const events: LedgerEvent[] = [
      ...accepted('a', T0, 30 * SEC),
      seen('r', T0 + MIN),
      left('r', T0 + 2 * MIN, 'rejected'),
      seen('c', T0 + MIN),
      left('c', T0 + 2 * MIN, 'cancelled'),
      seen('v', T0 + MIN),
      left('v', T0 + 2 * MIN, 'vanished'),
      seen('p', T0 + MIN),
      acked('p', T0 + 90 * SEC),
    ];
    const r = reportFromEvents(events, query(NOW));
    expect(r.totals).toMatchObject({ orders: 5, accepted: 1, neverAccepted: 3, stillPending: 1, acceptMedianMs: 30 * SEC, seenMedianMs: 30 * SEC });
    // Only the accepted one has an acceptance time.
    expect(r.slowest.map((o) => o.id)).toEqual(['a']);
  });

  it('counts from firstSeenAt when Clopos gave no creation time, and clamps negative durations to 0', () => {
    const events = [
      ...accepted('nocreated', T0, 40 * SEC, { createdAt: null }),
      // Clopos' clock ahead of ours: created after it was seen and accepted.
      seen('skewed', T0, { createdAt: T0 + 5 * MIN }),
      acked('skewed', T0 + MIN),
      left('skewed', T0 + 2 * MIN),
    ];
    const r = reportFromEvents(events, query(NOW));
    expect(r.totals.orders).toBe(2);
    const lives = Object.fromEntries(r.slowest.map((o) => [o.id, o]));
    expect(lives.nocreated).toMatchObject({ createdAt: null, firstSeenAt: T0, acceptMs: 40 * SEC });
    expect(lives.skewed!.acceptMs).toBe(0);
    expect(r.totals.seenMedianMs).toBe(0);
    expect(r.totals.acceptMedianMs).toBe(20 * SEC);
  });

  it('an order belongs to the period by its creation, not by when it was seen', () => {
    const yesterday = Date.parse('2026-03-09T23:50:00Z');
    const events = [seen('late', T0, { createdAt: yesterday }), left('late', T0 + MIN), ...accepted('today', T0, MIN)];
    expect(reportFromEvents(events, query(NOW, 'today')).totals.orders).toBe(1);
    expect(reportFromEvents(events, query(NOW, 'yesterday')).totals.orders).toBe(1);
    expect(reportFromEvents(events, query(NOW, '7d')).totals.orders).toBe(2);
  });

  it('waited over the threshold: the earlier of Seen and leaving pending, or now, strictly over it', () => {
    const events: LedgerEvent[] = [
      // Seen at 2 min, accepted at 5 min: did not wait (Seen came first).
      ...accepted('seenEarly', T0, 5 * MIN, { seenAfter: 2 * MIN }),
      // Seen at 4 min: waited.
      ...accepted('seenLate', T0, 5 * MIN, { seenAfter: 4 * MIN }),
      // Accepted at exactly 3 min, never Seen: not over.
      ...accepted('exactly', T0, 3 * MIN),
      // Pending, nobody saw it, created 10 min before now: waited.
      seen('pending', NOW - 10 * MIN),
      // Pending, 1 min old: not yet.
      seen('fresh', NOW - MIN),
      // Refused after 4 min without being Seen: waited.
      seen('refused', T0),
      left('refused', T0 + 4 * MIN, 'rejected'),
    ];
    const r = reportFromEvents(events, query(NOW, 'today', 'UTC', 3));
    expect(r.totals.waitedOverThreshold).toBe(3);
    expect(r.escalationMinutes).toBe(3);
    expect(reportFromEvents(events, query(NOW, 'today', 'UTC', 5)).totals.waitedOverThreshold).toBe(1);
  });

  it('groups by channel (null as "") and venue, sorted by orders then key, each with its own figures', () => {
    const events = [
      ...accepted('1', T0, 10 * SEC, { channel: 'wolt', venueId: 'A' }),
      ...accepted('2', T0, 20 * SEC, { channel: 'wolt', venueId: 'B' }),
      ...accepted('3', T0, 30 * SEC, { channel: 'bolt', venueId: 'B' }),
      ...accepted('4', T0, 40 * SEC, { channel: null, venueId: 'B' }),
      ...accepted('5', T0, 50 * SEC, { channel: 'yango', venueId: 'A' }),
      seen('6', T0, { channel: 'bolt', venueId: 'C' }),
    ];
    const r = reportFromEvents(events, query(NOW));
    expect(r.byChannel.map((g) => [g.key, g.orders])).toEqual([
      ['bolt', 2],
      ['wolt', 2],
      ['', 1],
      ['yango', 1],
    ]);
    expect(r.byChannel.find((g) => g.key === 'bolt')).toMatchObject({ accepted: 1, stillPending: 1, acceptMedianMs: 30 * SEC });
    expect(r.byChannel.find((g) => g.key === 'wolt')).toMatchObject({ acceptMedianMs: 15 * SEC, acceptP90Ms: 20 * SEC });
    expect(r.byVenue.map((g) => [g.key, g.orders, g.acceptMedianMs])).toEqual([
      ['B', 3, 30 * SEC],
      ['A', 2, 30 * SEC],
      ['C', 1, null],
    ]);
  });

  it('24 hours of the day in the report zone (Asia/Baku, UTC+4), with each hour\'s median acceptance', () => {
    const events = [
      ...accepted('a', Date.parse('2026-03-10T05:10:00Z'), 10 * SEC), // 09:10 Baku
      ...accepted('b', Date.parse('2026-03-10T05:50:00Z'), 30 * SEC), // 09:50 Baku
      ...accepted('c', Date.parse('2026-03-10T10:00:00Z'), 60 * SEC), // 14:00 Baku
      seen('d', Date.parse('2026-03-10T19:59:59Z')), // 23:59:59 Baku
    ];
    const r = reportFromEvents(events, query(Date.parse('2026-03-10T19:59:59.500Z'), 'today', 'Asia/Baku'));
    expect(r.timeZone).toBe('Asia/Baku');
    expect(r.byHour).toHaveLength(24);
    expect(r.byHour.map((h) => h.hour)).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(r.byHour[9]).toEqual({ hour: 9, orders: 2, acceptMedianMs: 20 * SEC });
    expect(r.byHour[14]).toEqual({ hour: 14, orders: 1, acceptMedianMs: 60 * SEC });
    expect(r.byHour[23]).toEqual({ hour: 23, orders: 1, acceptMedianMs: null });
    expect(r.byHour.reduce((sum, h) => sum + h.orders, 0)).toBe(4);
  });

  it('the ten slowest accepted orders, slowest first', () => {
    const events = Array.from({ length: 12 }, (_, i) => accepted(`o${i}`, T0 + i * MIN, (i + 1) * 10 * SEC, { number: `#${i}` })).flat();
    const r = reportFromEvents(events, query(NOW));
    expect(r.slowest.map((o) => o.id)).toEqual(['o11', 'o10', 'o9', 'o8', 'o7', 'o6', 'o5', 'o4', 'o3', 'o2']);
    expect(r.slowest[0]).toMatchObject({ number: '#11', acceptMs: 120 * SEC, outcome: 'accepted', announcedAt: T0 + 11 * MIN + 100, channel: 'wolt' });
  });

  it('repeated events: a second seen is ignored, the first Seen wins, left wins until the order is seen pending again', () => {
    const events: LedgerEvent[] = [
      seen('x', T0, { number: '#1' }),
      announced('x', T0 + SEC),
      seen('x', T0 + 5 * MIN, { number: '#other', createdAt: T0 + 5 * MIN }),
      acked('x', T0 + MIN, 'v1', 'FRONT'),
      acked('x', T0 + 2 * MIN, 'v1', 'BACK'),
      left('x', T0 + 3 * MIN),
      left('x', T0 + 9 * MIN, 'vanished'),
    ];
    const r = reportFromEvents(events, query(NOW));
    expect(r.totals).toMatchObject({ orders: 1, accepted: 1, acceptMedianMs: 3 * MIN, seenMedianMs: MIN });
    expect(r.slowest[0]).toMatchObject({ number: '#1', acknowledgedOn: 'FRONT', leftAt: T0 + 3 * MIN, outcome: 'accepted' });

    // Seen pending again after it left: pending again, and a later departure counts.
    const again = [seen('y', T0), left('y', T0 + MIN, 'vanished'), seen('y', T0)];
    expect(reportFromEvents(again, query(NOW)).totals).toMatchObject({ orders: 1, stillPending: 1, neverAccepted: 0 });
    const later = [...again, left('y', T0 + 4 * MIN, 'accepted')];
    expect(reportFromEvents(later, query(NOW)).totals).toMatchObject({ orders: 1, accepted: 1, acceptMedianMs: 4 * MIN });
  });

  it('the same order id in two venues is two orders', () => {
    const events = [...accepted('1', T0, MIN, { venueId: 'A' }), ...accepted('1', T0, 2 * MIN, { venueId: 'B' })];
    expect(reportFromEvents(events, query(NOW)).totals).toMatchObject({ orders: 2, accepted: 2, acceptMedianMs: 1.5 * MIN });
  });

  it('an event without its order\'s seen is left out (no creation time)', () => {
    const r = reportFromEvents([acked('ghost', T0), left('ghost', T0 + MIN)], query(NOW));
    expect(r.totals.orders).toBe(0);
  });

  it('the ledger warning is passed through', () => {
    expect(reportFromEvents([], query(NOW), 'kept aside').ledgerWarning).toBe('kept aside');
    expect(reportFromEvents([], query(NOW)).ledgerWarning).toBeNull();
  });
});

describe('time unreachable', () => {
  const base = Date.parse('2026-03-10T00:00:00Z');
  const at = (minutes: number) => base + minutes * MIN;
  const now = at(600);
  const r = (events: LedgerEvent[], q = query(now, 'today', 'UTC')) => reportFromEvents(events, q);
  const venue = (report: ReturnType<typeof r>, key: string) => report.byVenue.find((g) => g.key === key)?.unreachableMs;

  it('from `since` to reachable; a second unreachable while open does not restart it', () => {
    const report = r([unreachable(at(11), at(10)), unreachable(at(15), at(14)), reachable(at(40))]);
    expect(report.totals.unreachableMs).toBe(30 * MIN);
    expect(report.byChannel).toEqual([]);
  });

  it('nested and overlapping: totals count the whole watch, a venue the union with its own', () => {
    const events = [
      ...accepted('a', at(100), MIN, { venueId: 'A' }),
      ...accepted('b', at(100), MIN, { venueId: 'B' }),
      unreachable(at(10), at(10)),
      unreachable(at(20), at(20), 'A'), // nested inside the whole watch's
      reachable(at(30), 'A'),
      reachable(at(50)),
      unreachable(at(200), at(200), 'B'), // overlaps the next whole-watch one
      unreachable(at(220), at(220)),
      reachable(at(240), 'B'),
      reachable(at(260)),
    ];
    const report = r(events);
    expect(report.totals.unreachableMs).toBe(40 * MIN + 40 * MIN);
    expect(venue(report, 'A')).toBe(80 * MIN);
    expect(venue(report, 'B')).toBe(40 * MIN + 60 * MIN);
    expect(report.byChannel[0]!.unreachableMs).toBe(80 * MIN);
  });

  it('ends when the app closes, and when it opens again after a crash at the last event known before', () => {
    const closed = r([unreachable(at(10), at(10)), app(at(25), 'closed'), reachable(at(30))]);
    expect(closed.totals.unreachableMs).toBe(15 * MIN);

    // Killed during the outage: the last sign of life was an order event at 14 min.
    const crashed = r([app(at(0), 'opened'), unreachable(at(11), at(10)), seen('s', at(14)), app(at(100), 'opened'), reachable(at(120))]);
    expect(crashed.totals.unreachableMs).toBe(4 * MIN);

    // With nothing after the outage's own record, it ends there.
    const quiet = r([app(at(0), 'opened'), unreachable(at(12), at(10), 'A'), app(at(100), 'opened')]);
    expect(venue(quiet, 'A')).toBe(2 * MIN);
  });

  it('still open runs to now; a venue unreachable without orders is listed', () => {
    const report = r([unreachable(at(500), at(480), 'Z')]);
    expect(venue(report, 'Z')).toBe(now - at(480));
    expect(report.byVenue).toEqual([expect.objectContaining({ key: 'Z', orders: 0, acceptMedianMs: null })]);
    expect(report.totals.unreachableMs).toBe(0);
  });

  it('clipped to the period, in the report zone', () => {
    // Baku (UTC+4): today starts at 2026-03-09T20:00Z. Outage 19:00Z → 21:00Z counts one hour.
    const events = [unreachable(Date.parse('2026-03-09T19:00:00Z'), Date.parse('2026-03-09T19:00:00Z')), reachable(Date.parse('2026-03-09T21:00:00Z'))];
    const today = r(events, query(Date.parse('2026-03-10T08:00:00Z'), 'today', 'Asia/Baku'));
    expect(today.from).toBe(Date.parse('2026-03-09T20:00:00Z'));
    expect(today.totals.unreachableMs).toBe(HOUR);
    const yesterday = r(events, query(Date.parse('2026-03-10T08:00:00Z'), 'yesterday', 'Asia/Baku'));
    expect(yesterday.totals.unreachableMs).toBe(HOUR);
    expect(r(events, query(Date.parse('2026-03-10T08:00:00Z'), '7d', 'Asia/Baku')).totals.unreachableMs).toBe(2 * HOUR);
  });
});

describe('periods and time zones', () => {
  it('Asia/Baku: today, yesterday, 7 and 30 days from local midnights', () => {
    const now = Date.parse('2026-03-10T21:30:00Z'); // 01:30 on the 11th in Baku
    const at = (range: 'today' | 'yesterday' | '7d' | '30d') => reportFromEvents([], query(now, range, 'Asia/Baku'));
    expect(at('today')).toMatchObject({ from: Date.parse('2026-03-10T20:00:00Z'), to: now });
    expect(at('yesterday')).toMatchObject({ from: Date.parse('2026-03-09T20:00:00Z'), to: Date.parse('2026-03-10T20:00:00Z') });
    expect(at('7d')).toMatchObject({ from: Date.parse('2026-03-04T20:00:00Z'), to: now });
    expect(at('30d')).toMatchObject({ from: Date.parse('2026-02-09T20:00:00Z'), to: now });
  });

  it('Europe/Berlin across the spring change: yesterday has 23 hours, hours of day follow the wall clock', () => {
    const now = Date.parse('2026-03-30T10:00:00Z');
    const events = [
      seen('before', Date.parse('2026-03-29T00:30:00Z')), // 01:30 CET
      seen('after', Date.parse('2026-03-29T01:30:00Z')), // 03:30 CEST
      seen('evening', Date.parse('2026-03-29T21:59:00Z')), // 23:59 CEST
      seen('nextday', Date.parse('2026-03-29T22:00:00Z')), // 00:00 on the 30th
    ];
    const r = reportFromEvents(events, query(now, 'yesterday', 'Europe/Berlin'));
    expect(r.from).toBe(Date.parse('2026-03-28T23:00:00Z'));
    expect(r.to).toBe(Date.parse('2026-03-29T22:00:00Z'));
    expect(r.to - r.from).toBe(23 * HOUR);
    expect(r.totals.orders).toBe(3);
    expect(r.byHour.filter((h) => h.orders > 0).map((h) => h.hour)).toEqual([1, 3, 23]);
  });

  it('America/New_York across the autumn change: the day has 25 hours, 1 am happens twice', () => {
    const now = Date.parse('2026-11-02T15:00:00Z');
    const events = [seen('first1am', Date.parse('2026-11-01T05:30:00Z')), seen('second1am', Date.parse('2026-11-01T06:30:00Z'))];
    const r = reportFromEvents(events, query(now, 'yesterday', 'America/New_York'));
    expect(r.from).toBe(Date.parse('2026-11-01T04:00:00Z'));
    expect(r.to).toBe(Date.parse('2026-11-02T05:00:00Z'));
    expect(r.byHour[1]!.orders).toBe(2);
    // 7 days back from the 2nd crosses the change: midnight EDT on Oct 27.
    expect(reportFromEvents([], query(now, '7d', 'America/New_York')).from).toBe(Date.parse('2026-10-27T04:00:00Z'));
  });

  it("'' means this PC's zone", () => {
    const r = reportFromEvents([], query(Date.parse('2026-03-10T12:00:00Z'), 'today', ''));
    expect(r.timeZone).toBe(new Intl.DateTimeFormat().resolvedOptions().timeZone);
  });

  it('a day that starts after a skipped midnight (America/Santiago, Sept 2026) starts at 01:00', () => {
    // Chile moves its clocks forward at 24:00 → 01:00 on the first Sunday of September.
    const now = Date.parse('2026-09-06T15:00:00Z');
    const r = reportFromEvents([], query(now, 'today', 'America/Santiago'));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Santiago', hour: '2-digit', minute: '2-digit', day: '2-digit', hourCycle: 'h23' }).format(r.from)).toBe('06, 01:00');
    expect(reportFromEvents([], query(r.from - 1, 'today', 'America/Santiago')).from).toBeLessThan(r.from);
  });

  it('30 days include today and 29 days before', () => {
    const now = Date.parse('2026-03-31T12:00:00Z');
    const events = [seen('in', Date.parse('2026-03-02T00:00:00Z')), seen('out', Date.parse('2026-03-01T23:59:59Z'))];
    const r = reportFromEvents(events, query(now, '30d', 'UTC'));
    expect(r.from).toBe(Date.parse('2026-03-02T00:00:00Z'));
    expect(r.totals.orders).toBe(1);
    expect(r.to - r.from).toBe(29 * DAY + 12 * HOUR);
  });
});
