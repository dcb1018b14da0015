import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openLedger, type LedgerOptions } from '../../../main/ledger';
import { reportFromEvents } from '../../../main/ledger/report';
import type { LedgerEvent } from '../../../main/ledger/types';
import { DAY, HOUR, MIN, SEC, accepted, acked, announced, app, escalated, left, query, reachable, seen, unreachable } from './events';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const T0 = Date.parse('2026-03-10T09:00:00Z');
const TODAY = 'ledger-2026-03-10.jsonl';
const TODAY_INDEX = 'ledger-2026-03-10.idx.json';

let root: string;
let dir: string;
let now: number;
let logs: { level: string; message: string }[];

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-'));
  dir = root;
  now = NOW;
  logs = [];
});
afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

function open(options: Partial<LedgerOptions> = {}) {
  return openLedger({ dir, now: () => now, log: (level, message) => logs.push({ level, message }), ...options });
}

const file = (name: string) => path.join(dir, name);
const read = (name: string) => fs.readFileSync(file(name), 'utf8');
const lines = (name: string) => read(name).split('\n').filter((l) => l !== '');
const names = () => fs.readdirSync(dir).sort();

/** A small day: orders of every outcome, Seen presses, an outage, a telegram message. */
function aDay(): LedgerEvent[] {
  return [
    app(T0 - HOUR, 'opened'),
    ...accepted('1', T0, 40 * SEC, { seenAfter: 10 * SEC, channel: 'wolt', venueId: 'A', number: '#1', total: 12.5 }),
    ...accepted('2', T0 + MIN, 3 * MIN, { seenAfter: 4 * MIN, channel: 'bolt', venueId: 'A' }),
    seen('3', T0 + 2 * MIN, { channel: null, venueId: 'B', createdAt: null }),
    escalated('3', T0 + 6 * MIN, 'B'),
    left('3', T0 + 7 * MIN, 'rejected', 'B'),
    seen('4', T0 + 3 * MIN, { venueId: 'B' }),
    announced('4', T0 + 3 * MIN, 'B'),
    unreachable(T0 + 20 * MIN, T0 + 19 * MIN),
    { kind: 'telegram', at: T0 + 21 * MIN, message: 'outage', ok: true, detail: null },
    reachable(T0 + 30 * MIN),
    unreachable(T0 + 40 * MIN, T0 + 40 * MIN, 'B'),
  ];
}

const q30 = () => query(now, '30d', 'Asia/Baku');

describe('persistence', () => {
  it('writes one line per event, and reopening gives the same report (from the index, and from the segment alone)', () => {
    const events = aDay();
    const ledger = open();
    for (const event of events) ledger.record(event);
    const before = ledger.report(q30());
    expect(before).toEqual(reportFromEvents(events, q30()));
    expect(before.totals).toMatchObject({ orders: 4, accepted: 2, neverAccepted: 1, stillPending: 1 });
    expect(ledger.warning()).toBeNull();
    const ordersBefore = ledger.orders(q30());
    ledger.close();

    expect(lines(TODAY)).toHaveLength(events.length);
    expect(lines(TODAY).map((l) => JSON.parse(l) as LedgerEvent)).toEqual(events);
    expect(names()).toContain(TODAY_INDEX);

    const again = open();
    expect(again.report(q30())).toEqual(before);
    expect(again.orders(q30())).toEqual(ordersBefore);
    again.close();

    fs.rmSync(file(TODAY_INDEX));
    const fromSegment = open();
    expect(fromSegment.report(q30())).toEqual(before);
    expect(fromSegment.orders(q30()).map((o) => o.id)).toEqual(['1', '2', '3', '4']);
    fromSegment.close();
  });

  it('repeated events across a restart are idempotent', () => {
    const first = open();
    first.record(seen('x', T0, { number: '#9' }));
    first.record(acked('x', T0 + MIN, 'v1', 'FRONT'));
    first.close();

    now += HOUR;
    const second = open();
    // After a restart the app reports the pending order again, and its Seen again.
    second.record(seen('x', T0, { number: '#9' }));
    second.record(acked('x', T0 + HOUR, 'v1', 'BACK'));
    second.record(left('x', T0 + 2 * HOUR));
    const r = second.report(q30());
    expect(r.totals).toMatchObject({ orders: 1, accepted: 1, seenMedianMs: MIN, acceptMedianMs: 2 * HOUR });
    expect(second.orders(q30())).toEqual([expect.objectContaining({ id: 'x', acknowledgedOn: 'FRONT', outcome: 'accepted' })]);
    second.close();
    expect(open().report(q30())).toEqual(r);
  });

  it("an order's life stays in the file of the day it was first seen, across midnight and a restart", () => {
    now = Date.parse('2026-03-09T23:59:00Z');
    const ledger = open();
    ledger.record(seen('late', now, { createdAt: now - 30 * SEC }));
    now = Date.parse('2026-03-10T00:01:00Z');
    ledger.record(app(now, 'opened'));
    ledger.record(acked('late', now));
    ledger.close();

    now = Date.parse('2026-03-10T00:03:00Z');
    const again = open();
    // The engine keeps its first-seen time, so the repeated seen lands on the same day.
    again.record(seen('late', Date.parse('2026-03-09T23:59:00Z'), { createdAt: Date.parse('2026-03-09T23:58:30Z') }));
    again.record(left('late', now));
    expect(lines('ledger-2026-03-09.jsonl').map((l) => (JSON.parse(l) as LedgerEvent).kind)).toEqual(['seen', 'acknowledged', 'seen', 'left']);
    expect(lines(TODAY).map((l) => (JSON.parse(l) as LedgerEvent).kind)).toEqual(['app']);
    const r = again.report(query(now, 'yesterday', 'UTC'));
    expect(r.totals).toMatchObject({ orders: 1, accepted: 1, acceptMedianMs: 4.5 * MIN, seenMedianMs: 2.5 * MIN });
    again.close();
  });

  it('reads telegram events back', () => {
    const ledger = open();
    ledger.record({ kind: 'telegram', at: T0, message: 'order', ok: true, detail: null, orderId: '5' });
    ledger.record({ kind: 'telegram', at: T0 + MIN, message: 'test', ok: false, detail: 'Unauthorized' });
    ledger.close();
    const again = open();
    expect(again.telegramEvents(T0, T0 + MIN)).toEqual([{ kind: 'telegram', at: T0, message: 'order', ok: true, detail: null, orderId: '5' }]);
    expect(again.telegramEvents(0, Infinity)).toHaveLength(2);
    expect(again.report(q30()).totals.orders).toBe(0);
  });

  it('refuses an invalid event without writing it', () => {
    const ledger = open();
    ledger.record({ kind: 'announced', at: NaN, orderId: 'x', venueId: 'v' });
    ledger.record({ kind: 'seen', at: T0, orderId: '', venueId: 'v', number: null, channel: null, total: null, createdAt: null });
    expect(names()).toEqual([]);
    expect(logs.some((l) => l.level === 'warn' && /invalid/.test(l.message))).toBe(true);
    expect(ledger.warning()).toBeNull();
  });

  it('keeps many days right while only some are held in memory', () => {
    const events: LedgerEvent[] = [];
    for (let d = 0; d < 60; d++) {
      const created = NOW - d * DAY - HOUR;
      const day = [...accepted(`d${d}`, created, (d + 1) * SEC, { seenAfter: SEC }), unreachable(created + MIN, created + MIN), reachable(created + 2 * MIN)];
      events.push(...day);
      const name = `ledger-${new Date(created).toISOString().slice(0, 10)}.jsonl`;
      fs.appendFileSync(file(name), day.map((e) => `${JSON.stringify(e)}\n`).join(''));
    }
    const ledger = open();
    const expected = reportFromEvents(events, q30());
    expect(expected.totals.orders).toBeGreaterThanOrEqual(29);
    expect(ledger.report(q30())).toEqual(expected);
    expect(ledger.report(query(now, '7d', 'Asia/Baku'))).toEqual(reportFromEvents(events, query(now, '7d', 'Asia/Baku')));
    expect(ledger.report(q30())).toEqual(expected);
    ledger.close();
    // Every day now has an index.
    expect(names().filter((n) => n.endsWith('.idx.json'))).toHaveLength(60);
    expect(open().report(q30())).toEqual(expected);
  });
});

describe('crash safety and damage', () => {
  for (const withIndex of [true, false]) {
    it(`a torn last line is cut off without a warning (${withIndex ? 'index present' : 'no index'})`, () => {
      const ledger = open();
      for (const event of aDay()) ledger.record(event);
      const expected = ledger.report(q30());
      ledger.close();
      if (!withIndex) fs.rmSync(file(TODAY_INDEX));
      const size = fs.statSync(file(TODAY)).size;

      fs.appendFileSync(file(TODAY), '{"kind":"seen","at":1773136800000,"orderId":"9","ven');
      const again = open();
      expect(again.warning()).toBeNull();
      expect(fs.statSync(file(TODAY)).size).toBe(size);
      expect(read(TODAY).endsWith('\n')).toBe(true);
      expect(logs.some((l) => l.level === 'info' && /partly written/.test(l.message))).toBe(true);
      expect(again.report(q30())).toEqual(expected);
      // Writing goes on after the cut line.
      again.record(seen('10', T0 + HOUR));
      expect(again.report(q30()).totals.orders).toBe(5);
      again.close();

      // A last line that ends in '\n' but does not read is torn too.
      fs.appendFileSync(file(TODAY), '{"kind":"acknowl\n');
      logs = [];
      const third = open();
      expect(third.warning()).toBeNull();
      expect(lines(TODAY).every((l) => JSON.parse(l) !== null)).toBe(true);
      expect(third.report(q30()).totals.orders).toBe(5);
      expect(names().some((n) => n.includes('damaged'))).toBe(false);
    });
  }

  it('garbage in the middle: the file is kept aside, the day starts anew, the warning names it', () => {
    const ledger = open();
    for (const event of aDay()) ledger.record(event);
    ledger.close();
    const content = lines(TODAY);
    fs.writeFileSync(file(TODAY), [...content.slice(0, 3), 'garbage!', ...content.slice(3)].map((l) => `${l}\n`).join(''));

    now += MIN;
    const again = open();
    const aside = names().filter((n) => n.startsWith(`${TODAY}.damaged-`));
    expect(aside).toHaveLength(1);
    expect(aside[0]).toMatch(/^ledger-2026-03-10\.jsonl\.damaged-2026-03-10T12-01-00-000Z$/);
    expect(read(aside[0]!)).toContain('garbage!');
    expect(names()).not.toContain(TODAY);
    expect(names()).not.toContain(TODAY_INDEX);
    const warning = again.warning();
    expect(warning).toContain(TODAY);
    expect(warning).toContain(aside[0]);
    expect(warning).toMatch(/misses/);
    expect(again.report(q30())).toMatchObject({ ledgerWarning: warning, totals: { orders: 0 } });

    again.record(seen('new', T0 + 3 * HOUR));
    expect(lines(TODAY)).toHaveLength(1);
    expect(again.report(q30()).totals.orders).toBe(1);
    again.close();
    // Still said after a restart: the report still misses that day.
    expect(open().warning()).toContain(aside[0]);
  });

  it('keeps at most ten damaged files, dropping the oldest', () => {
    for (let i = 0; i < 12; i++) fs.writeFileSync(file(`ledger-2026-03-0${1 + (i % 9)}.jsonl.damaged-2026-03-10T10-${String(i).padStart(2, '0')}-00-000Z`), 'x\n');
    const ledger = open();
    const left = names().filter((n) => n.includes('.damaged-'));
    expect(left).toHaveLength(10);
    expect(left.some((n) => n.endsWith('T10-00-00-000Z') || n.endsWith('T10-01-00-000Z'))).toBe(false);
    expect(ledger.warning()).toMatch(/^10 order history files could not be read/);
  });

  it('a damaged or stale index is rebuilt silently from the segment', () => {
    const events = aDay();
    const ledger = open();
    for (const event of events) ledger.record(event);
    const expected = ledger.report(q30());
    ledger.close();

    // Damaged: garbage after a valid-looking header.
    const index = fs.readFileSync(file(TODAY_INDEX));
    const header = index.subarray(0, index.indexOf(10) + 1);
    fs.writeFileSync(file(TODAY_INDEX), Buffer.concat([header, Buffer.from('{"str":[1]}\nXXXX')]));
    let again = open();
    expect(again.report(q30())).toEqual(expected);
    expect(again.warning()).toBeNull();
    again.close();
    expect(JSON.parse(read(TODAY_INDEX).split('\n')[0]!)).toMatchObject({ v: 2, size: fs.statSync(file(TODAY)).size });

    // Wholly unreadable.
    fs.writeFileSync(file(TODAY_INDEX), 'not json at all');
    again = open();
    expect(again.report(q30())).toEqual(expected);
    again.close();

    // Stale: the segment grew after the index was written (a crash before close).
    const extra = [...accepted('5', T0 + HOUR, 2 * MIN)];
    fs.appendFileSync(file(TODAY), extra.map((e) => `${JSON.stringify(e)}\n`).join(''));
    again = open();
    expect(again.report(q30())).toEqual(reportFromEvents([...events, ...extra], q30()));
    again.close();

    // Same length, other content: the fingerprint tells.
    const text = read(TODAY);
    fs.writeFileSync(file(TODAY), text.replace('"orderId":"5"', '"orderId":"6"'));
    again = open();
    expect(again.orders(q30()).map((o) => o.id)).toContain('6');
    expect(again.orders(q30()).map((o) => o.id)).not.toContain('5');
    // Shorter than the index says.
    again.close();
    fs.writeFileSync(file(TODAY), lines(TODAY).slice(0, 3).map((l) => `${l}\n`).join(''));
    again = open();
    expect(again.report(q30()).totals.orders).toBe(1);
    expect(again.warning()).toBeNull();
  });
});

describe('retention', () => {
  const dayFile = (daysAgo: number) => `ledger-${new Date(NOW - daysAgo * DAY).toISOString().slice(0, 10)}.jsonl`;
  const write = (daysAgo: number, orderId: string, at = NOW - daysAgo * DAY) => fs.appendFileSync(file(dayFile(daysAgo)), [...accepted(orderId, at, MIN)].map((e) => `${JSON.stringify(e)}\n`).join(''));

  it('deletes days older than 90 at open, and never counts them', () => {
    write(100, 'a');
    write(95, 'b');
    fs.writeFileSync(file(`${dayFile(95)}.damaged-2026-01-01T00-00-00-000Z`), 'x\n');
    write(89, 'c');
    write(2, 'd');
    const ledger = open();
    expect(names().filter((n) => !n.endsWith('.idx.json'))).toEqual([dayFile(89), dayFile(2)].sort());
    expect(ledger.orders(q30()).map((o) => o.id)).toEqual(['d']);
    ledger.close();
  });

  it('respects retentionDays, prune(now) on demand and once a day while recording', () => {
    write(20, 'a');
    write(10, 'b');
    write(5, 'c');
    write(1, 'd');
    const ledger = open({ retentionDays: 7 });
    expect(names().filter((n) => n.endsWith('.jsonl'))).toEqual([dayFile(5), dayFile(1)].sort());
    expect(ledger.orders(q30()).map((o) => o.id)).toEqual(['c', 'd']);

    ledger.prune(NOW + 3 * DAY);
    expect(names().filter((n) => n.endsWith('.jsonl'))).toEqual([dayFile(1)]);
    expect(ledger.orders(q30()).map((o) => o.id)).toEqual(['d']);

    now = NOW + 7 * DAY;
    ledger.record(seen('e', now - MIN));
    expect(names().filter((n) => n.endsWith('.jsonl'))).toEqual([dayFile(-7)]);
    expect(ledger.orders(query(now, '30d', 'UTC')).map((o) => o.id)).toEqual(['e']);
  });

  it('does not count events older than the retention even in a day still kept', () => {
    // Retention 7 from 03-10 12:00: kept from 03-03 12:00 on; the 03-03 file is still kept.
    write(7, 'tooOld', NOW - 7 * DAY - 6 * HOUR);
    write(7, 'justIn', NOW - 7 * DAY + 6 * HOUR);
    const ledger = open({ retentionDays: 7 });
    expect(names()).toContain(dayFile(7));
    expect(ledger.orders(query(now, '30d', 'UTC')).map((o) => o.id)).toEqual(['justIn']);
    expect(ledger.report(query(now, '30d', 'UTC')).totals.orders).toBe(1);
  });
});

describe('failures', () => {
  it('a write that fails is logged and becomes the warning; record never throws', () => {
    fs.mkdirSync(file(TODAY));
    const ledger = open();
    expect(() => ledger.record(seen('x', T0))).not.toThrow();
    expect(() => ledger.record(app(T0, 'opened'))).not.toThrow();
    expect(ledger.warning()).toMatch(/could not be written to the order history since 2026-03-10T12:00:00.000Z/);
    expect(ledger.warning()).toContain(TODAY);
    expect(logs.some((l) => l.level === 'error')).toBe(true);
    expect(ledger.report(q30()).ledgerWarning).toBe(ledger.warning());
    // Another day's file still takes writes.
    ledger.record(seen('y', T0 - DAY));
    expect(lines('ledger-2026-03-09.jsonl')).toHaveLength(1);
    expect(() => ledger.close()).not.toThrow();
  });

  it('read-only: reads everything, changes nothing, records nothing', () => {
    const writer = open();
    for (const event of aDay()) writer.record(event);
    const expected = writer.report(q30());
    writer.close();
    fs.rmSync(file(TODAY_INDEX));
    fs.appendFileSync(file(TODAY), '{"kind":"se');
    const before = read(TODAY);

    const reader = open({ readOnly: true });
    expect(reader.report(q30())).toEqual(expected);
    reader.record(seen('z', T0));
    reader.prune(NOW + 365 * DAY);
    reader.close();
    expect(read(TODAY)).toBe(before);
    expect(names()).toEqual([TODAY]);
  });

  it('read-only: a damaged file is read around its bad lines and stays where it is', () => {
    const writer = open();
    for (const event of aDay()) writer.record(event);
    writer.close();
    fs.rmSync(file(TODAY_INDEX));
    const content = lines(TODAY);
    fs.writeFileSync(file(TODAY), [...content.slice(0, 2), '\u0000\u0000garbage', ...content.slice(2)].map((l) => `${l}\n`).join(''));

    const reader = open({ readOnly: true });
    expect(reader.report(q30()).totals.orders).toBe(4);
    expect(reader.warning()).toMatch(/ledger-2026-03-10\.jsonl is damaged; the report leaves out the lines that could not be read/);
    expect(names()).toEqual([TODAY]);
  });

  it('a folder that does not exist is created on the first write', () => {
    dir = path.join(dir, 'nested', 'ledger');
    const ledger = open();
    expect(ledger.report(q30()).totals.orders).toBe(0);
    ledger.record(seen('x', T0));
    expect(lines(TODAY)).toHaveLength(1);
  });
});
