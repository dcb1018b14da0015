/** The CLI's human output for an order whose creation time or total could not be read. */
import { describe, expect, it } from 'vitest';
import { describeOrder, formatOrders } from '../../../main/cli/printer';
import { makeOrder } from '../watch/fakes';

describe('orders with unknown parts in the human output', () => {
  it('says "time unknown" and "total unknown" instead of "null" or nothing', () => {
    const line = describeOrder(makeOrder({ id: 'ODD-1', number: null, createdAt: null, total: null }));
    expect(line).toContain('time unknown');
    expect(line).toContain('total unknown');
    expect(line).not.toContain('null');
  });

  it('lists orders without a creation time after the dated ones, without failing', () => {
    const timeless = makeOrder({ id: 't', createdAt: null });
    const newer = makeOrder({ id: 'n', createdAt: '2025-01-06T12:05:00.000Z' });
    const older = makeOrder({ id: 'o', createdAt: '2025-01-06T12:00:00.000Z' });
    for (const orders of [
      [timeless, newer, older],
      [older, timeless, newer],
      [newer, older, timeless],
    ]) {
      const text = formatOrders(orders);
      expect(text.indexOf('id o')).toBeLessThan(text.indexOf('id n'));
      expect(text.indexOf('id n')).toBeLessThan(text.indexOf('id t'));
    }
  });
});
