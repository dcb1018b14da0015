import { describe, expect, it } from 'vitest';
import { ledgerEventSchema, normaliseEvent, parseLine, plainEvent, MAX_DETAIL_CHARS } from '../../../main/ledger/schema';
import type { LedgerEvent } from '../../../main/ledger/types';

const valid: LedgerEvent[] = [
  { kind: 'seen', at: 1, orderId: 'o', venueId: 'v', number: null, channel: null, total: null, createdAt: null },
  { kind: 'seen', at: 1.7e12, orderId: '12', venueId: '3', number: '#5', channel: 'wolt', total: 12.5, createdAt: 1.7e12 - 5 },
  { kind: 'announced', at: 2, orderId: 'o', venueId: 'v' },
  { kind: 'acknowledged', at: 3, orderId: 'o', venueId: 'v', pc: 'FRONT' },
  { kind: 'escalated', at: 4, orderId: 'o', venueId: 'v' },
  { kind: 'left', at: 5, orderId: 'o', venueId: 'v', outcome: 'vanished' },
  { kind: 'unreachable', at: 6, venueId: null, since: 1 },
  { kind: 'unreachable', at: 6, venueId: 'v', since: 1 },
  { kind: 'reachable', at: 7, venueId: null },
  { kind: 'app', at: 8, what: 'closed' },
  { kind: 'telegram', at: 9, message: 'order', ok: false, detail: 'Forbidden', orderId: 'o' },
  { kind: 'telegram', at: 9, message: 'test', ok: true, detail: null },
];

/** Every event with one field changed to something else, removed, or one key added. */
function mutations(event: LedgerEvent): unknown[] {
  const out: unknown[] = [];
  const strange = [null, undefined, '', 'x'.repeat(201), -1, 1.5, NaN, Infinity, 9e15, true, {}, [], 'accepted', 'opened', 'order'];
  for (const key of Object.keys(event)) {
    for (const value of strange) out.push({ ...event, [key]: value });
    const { [key]: _removed, ...rest } = event as unknown as Record<string, unknown>;
    out.push(rest);
  }
  out.push({ ...event, extra: 1 });
  return out;
}

describe('the line schema', () => {
  it('the fast check accepts only what the zod schema accepts, unchanged', () => {
    let fast = 0;
    for (const event of valid) {
      expect(plainEvent(event)).toBe(true);
      expect(ledgerEventSchema.parse(event)).toEqual(event);
      for (const candidate of mutations(event)) {
        if (!plainEvent(candidate)) continue;
        fast++;
        const parsed = ledgerEventSchema.safeParse(candidate);
        expect(parsed.success, JSON.stringify(candidate)).toBe(true);
        expect(parsed.data).toEqual(candidate);
      }
    }
    // The mutations do include values the fast path takes (so the check above checks something).
    expect(fast).toBeGreaterThan(20);
  });

  it('parseLine: the schema decides what the fast check does not take', () => {
    expect(parseLine(JSON.stringify(valid[1]))).toEqual(valid[1]);
    // An extra key: not the fast path, but valid for the schema (which drops it).
    expect(parseLine(JSON.stringify({ ...valid[2], extra: true }))).toEqual(valid[2]);
    expect(parseLine('{"kind":"seen","at":')).toBeNull();
    expect(parseLine('{"kind":"left","at":1,"orderId":"o","venueId":"v","outcome":"eaten"}')).toBeNull();
    expect(parseLine('[]')).toBeNull();
    expect(parseLine('')).toBeNull();
    expect(parseLine(`{"kind":"app","at":1,"what":"opened","pad":"${'x'.repeat(17_000)}"}`)).toBeNull();
  });

  it('normaliseEvent refuses what cannot be written and cuts a long telegram detail', () => {
    expect(normaliseEvent({ ...(valid[2] as Extract<LedgerEvent, { kind: 'announced' }>), at: NaN })).toBeNull();
    expect(normaliseEvent({ ...(valid[2] as Extract<LedgerEvent, { kind: 'announced' }>), orderId: '' })).toBeNull();
    const long = normaliseEvent({ kind: 'telegram', at: 1, message: 'outage', ok: false, detail: 'y'.repeat(5000) });
    expect(long).toMatchObject({ kind: 'telegram', ok: false });
    expect((long as Extract<LedgerEvent, { kind: 'telegram' }>).detail!.length).toBe(MAX_DETAIL_CHARS);
  });
});
