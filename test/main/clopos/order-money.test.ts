/**
 * Computed order money (v2 orders carry no total): line totals, unit prices with modifiers, the
 * delivery fee and the documented order discount, in integer minor units at the currency's
 * decimals. A total Clopos states is shown as stated.
 */
import { describe, expect, it } from 'vitest';
import { createCloposClient } from '../../../main/clopos';
import { resolveConfig } from '../../../main/clopos/config';
import { normaliseOrder } from '../../../main/clopos/normalise';
import { wireOrderSchema } from '../../../main/clopos/schemas';
import { createTimestampParser } from '../../../main/clopos/timestamps';
import type { ClientDeps } from '../../../main/clopos/types';
import { START, expectOk } from './harness';

const product = (price: number, count: number, modifiers: { price: number; count?: number }[] = []) => ({
  product_id: 1,
  count,
  product_modificators: modifiers.map((m) => ({ name: 'extra', ...m })),
  meta: { price },
});

const v2Order = (payload: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: 1,
  status: 'PENDING',
  created_at: Math.floor(START / 1000),
  payload,
  ...extra,
});

const schema = wireOrderSchema(createTimestampParser('UTC'));
const normalised = (wire: unknown, decimals?: number) => normaliseOrder(schema.parse(wire), '1', decimals);

function replying(body: unknown): ClientDeps['fetch'] {
  return async (input) => {
    const path = new URL(String(input)).pathname.replace(/^\/open-api\/v2/, '');
    const reply = path === '/auth' ? { success: true, token: 'fixture-token', expires_in: 3600 } : body;
    return new Response(JSON.stringify(reply), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

/** The order as the real client lists it (default currency decimals). */
async function listed(order: unknown) {
  const client = createCloposClient(
    { api: 'v2', baseUrl: 'https://clopos.invalid/open-api', brand: 'b', venues: ['1'], clientId: 'c', integratorId: 'i', timeZone: 'UTC' },
    { fetch: replying({ success: true, total: 1, data: [order] }), now: () => START, credentials: async () => ({ clientSecret: 'fixture-secret' }) },
  );
  const [only] = expectOk(await client.listPending()).orders;
  return only!;
}

describe('computed totals in minor units', () => {
  it('rounds half away from zero on the decimal amount: 1.005 → 1.01', async () => {
    const order = await listed(v2Order({ products: [product(1.005, 1)] }));
    expect(order.items[0]).toMatchObject({ unitPrice: 1.005, total: 1.01 });
    expect(order).toMatchObject({ total: 1.01, totalIsComputed: true });
  });

  it('sums lines, modifiers and delivery fee without float error', async () => {
    const order = await listed(v2Order({ products: [product(0.1, 3), product(1.15, 3, [{ price: 0.05, count: 2 }])], delivery_fee: 0.2 }));
    expect(order.items.map((i) => [i.unitPrice, i.total])).toEqual([
      [0.1, 0.3],
      [1.25, 3.75],
    ]);
    expect(order.total).toBe(4.25);
  });

  it.each([
    [0, 2, 4],
    [3, 1.669, 3.837],
    [4, 1.6688, 3.8363],
  ])('at %i decimals the computed amounts round to that many places', (decimals, line, total) => {
    const order = normalised(v2Order({ products: [product(0.33375, 5)], delivery_fee: 2.1675 }), decimals);
    expect(order.items[0]!.total).toBe(line);
    expect(order.total).toBe(total);
  });

  it('a stated total is shown as stated, whatever the decimals', () => {
    expect(normalised(v2Order({ products: [product(1, 1)] }, { total: 42000.125 }), 0)).toMatchObject({ total: 42000.125, totalIsComputed: false });
    expect(normalised(v2Order({}, { total_amount: 8.5 }), 0)).toMatchObject({ total: 8.5, totalIsComputed: false });
  });

  it('amounts too large to hold become unknown, never Infinity', async () => {
    const order = await listed(v2Order({ products: [product(1e308, 10), product(1, 1)] }));
    expect(order.items[0]).toMatchObject({ unitPrice: 1e308, total: null });
    expect(order.total).toBeNull();
    const fee = await listed(v2Order({ products: [product(1e308, 1)], delivery_fee: 1e308 }));
    expect(fee.items[0]!.total).toBe(1e308);
    expect(fee.total).toBeNull();
  });
});

describe('the documented order discount (payload.meta.discount)', () => {
  const withDiscount = (discount: unknown) => v2Order({ products: [product(8.5, 2)], delivery_fee: 2, meta: { comment: null, discount } });

  it('a percent discount takes its share of the items, not of the delivery fee', async () => {
    expect((await listed(withDiscount({ discount_type: 'PERCENT', discount_value: 10 }))).total).toBe(17.3);
    // 12.5 % of 17 is 2.125, a discount of 2.13.
    expect((await listed(withDiscount({ discount_type: 'percentage', discount_value: '12.5' }))).total).toBe(16.87);
    expect((await listed(withDiscount({ discount_type: '%', discount_value: 100 }))).total).toBe(2);
  });

  it('an amount discount is taken off the items', async () => {
    expect((await listed(withDiscount({ discount_type: 'AMOUNT', discount_value: 1.25 }))).total).toBe(17.75);
    expect((await listed(withDiscount({ discount_type: 'fixed', discount_value: 17 }))).total).toBe(2);
  });

  it('no discount, or a zero one of any type, changes nothing', async () => {
    for (const discount of [undefined, null, [], { discount_type: null, discount_value: 0 }, { discount_type: 'whatever', discount_value: '0' }, { discount_type: 'PERCENT' }]) {
      expect((await listed(withDiscount(discount))).total, JSON.stringify(discount)).toBe(19);
    }
  });

  it('a discount the app cannot read makes the total unknown rather than a guess', async () => {
    for (const discount of [
      { discount_type: null, discount_value: 5 },
      { discount_type: 'LOYALTY', discount_value: 5 },
      { discount_type: 'percent_amount', discount_value: 5 },
      { discount_type: 'PERCENT', discount_value: 'ten' },
      { discount_type: 'PERCENT', discount_value: 150 },
      { discount_type: 'AMOUNT', discount_value: -3 },
      { discount_type: 'AMOUNT', discount_value: 20 },
      '10%',
    ]) {
      const order = await listed(withDiscount(discount));
      expect([order.total, order.totalIsComputed], JSON.stringify(discount)).toEqual([null, false]);
      // The lines themselves are still right.
      expect(order.items[0]!.total).toBe(17);
    }
  });

  it('a stated total already includes the discount', async () => {
    expect((await listed({ ...withDiscount({ discount_type: 'LOYALTY', discount_value: 5 }), total: 14 })).total).toBe(14);
  });
});

describe('currency decimals in the client configuration', () => {
  it('default 2, whole numbers 0–4 kept, anything else brought into range', () => {
    const base = { api: 'v2' as const, baseUrl: 'https://x.invalid', brand: 'b', venues: ['1'] };
    expect(resolveConfig(base).currencyDecimals).toBe(2);
    expect(resolveConfig({ ...base, currencyDecimals: 0 }).currencyDecimals).toBe(0);
    expect(resolveConfig({ ...base, currencyDecimals: 3 }).currencyDecimals).toBe(3);
    expect(resolveConfig({ ...base, currencyDecimals: 9 }).currencyDecimals).toBe(4);
    expect(resolveConfig({ ...base, currencyDecimals: -1 }).currencyDecimals).toBe(0);
    expect(resolveConfig({ ...base, currencyDecimals: Number.NaN }).currencyDecimals).toBe(2);
  });
});
