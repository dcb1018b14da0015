/** Server text cannot forge a line, move the cursor or reorder what the CLI prints. */
import { describe, expect, it } from 'vitest';
import { formatAnnouncement, formatDiagnosis, formatOrders, formatPollJson } from '../../../main/cli/printer';
import { jsonLine, visible } from '../../../main/cli/visible';
import { makeOrder } from '../watch/fakes';

const FORGED = 'Nigar\r\n[2026-01-01T00:00:00.000Z] CONNECTION OK: forged\u001b[2J\u202e\u2028';
// Nothing a terminal acts on may remain: C0, DEL, C1, bidi, line separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('control characters in server text', () => {
  it('show as visible escapes in a line for a person', () => {
    expect(visible('a\r\nb\u001b[2Jc\u202ed\u0000')).toBe('a\\r\\nb\\x1b[2Jc\\u202ed\\x00');
  });

  it('keep an announcement on one line, whatever the customer is called', () => {
    const order = makeOrder({ customer: { name: FORGED, phone: null, address: null }, comment: 'x\ny' });
    const text = formatAnnouncement({ type: 'new-order', order }, false, new Date('2026-03-02T12:00:00Z'));
    expect(text.split('\n')).toHaveLength(1);
    expect(text).not.toMatch(RAW_CONTROL);
    expect(text).toContain('Nigar\\r\\n[2026-01-01T00:00:00.000Z] CONNECTION OK: forged\\x1b[2J\\u202e\\u2028');
  });

  it('keep one line per order in a listing and in a health message', () => {
    const listing = formatOrders([makeOrder({ customer: { name: FORGED, phone: null, address: null } }), makeOrder()]);
    expect(listing.split('\n')).toHaveLength(3);
    expect(listing).not.toMatch(RAW_CONTROL);
    const health = formatAnnouncement({ type: 'health', state: 'server', message: FORGED, since: 0, downSince: 0 }, false, new Date(0));
    expect(health.split('\n')).toHaveLength(1);
    const check = formatDiagnosis({ ok: false, steps: [{ id: 'orders', ok: false, message: FORGED }], advice: [FORGED], warnings: [] });
    expect(check.split('\n')).toHaveLength(5);
    expect(check).not.toMatch(RAW_CONTROL);
  });

  it('leave JSON lines valid and one line, with bidi marks and line separators escaped', () => {
    const order = makeOrder({ customer: { name: FORGED, phone: null, address: null } });
    for (const line of [formatPollJson({ ok: true, orders: [order] }), formatAnnouncement({ type: 'new-order', order }, true, new Date(0)), jsonLine({ x: FORGED })]) {
      expect(line.split('\n')).toHaveLength(1);
      expect(line).not.toMatch(RAW_CONTROL);
      expect(JSON.stringify(JSON.parse(line))).toContain('Nigar');
    }
    expect((JSON.parse(formatPollJson({ ok: true, orders: [order] })) as { orders: { customer: { name: string } }[] }).orders[0]!.customer.name).toBe(FORGED);
  });
});
