/**
 * Values a damaged or hostile server can send that JavaScript cannot represent: epochs beyond the
 * Date range and numeric strings so long they overflow to Infinity. One such order must not fail
 * the poll or be lost (what cannot be read becomes unknown), nothing may throw past the client,
 * and nothing non-finite may reach the order model.
 */
import { describe, expect, it, vi } from 'vitest';
import { orderSchema, receiptSchema } from '../../../common/order';
import { createCloposClient } from '../../../main/clopos';
import type { ClientDeps } from '../../../main/clopos/types';
import { START, expectOk } from './harness';

/** Stands in for a defect not found yet: normalising order 666 throws. */
vi.mock('../../../main/clopos/normalise', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../main/clopos/normalise')>();
  return {
    ...actual,
    normaliseOrder: (...args: Parameters<typeof actual.normaliseOrder>) => {
      if (args[0].id === '666') throw new Error('defect while normalising');
      return actual.normaliseOrder(...args);
    },
  };
});

/** The fuzzer's 9007199254740993 as JSON.parse reads it: far outside the Date range (±8.64e15 ms). */
const BEYOND_DATES = Number.MAX_SAFE_INTEGER + 1;
const HUGE = '9'.repeat(2000);

const order = (id: number, extra: Record<string, unknown> = {}) => ({
  id,
  status: 'PENDING',
  created_at: Math.floor(START / 1000),
  payload: { products: [{ product_id: 1, count: 2, meta: { price: 4 } }] },
  ...extra,
});

/** A fetch that answers sign-in and each endpoint with the JSON text given here. */
function replying(routes: Record<string, unknown>): ClientDeps['fetch'] {
  return async (input) => {
    const path = new URL(String(input)).pathname.replace(/^\/open-api\/v2/, '');
    const body = path === '/auth' ? { success: true, token: 'fixture-token', expires_in: 3600 } : routes[path];
    if (body === undefined) return new Response('{"success":false,"error":"not_found"}', { status: 404, headers: { 'content-type': 'application/json' } });
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

function client(fetch: ClientDeps['fetch'], deps: Partial<ClientDeps> = {}) {
  return createCloposClient(
    { api: 'v2', baseUrl: 'https://clopos.invalid/open-api', brand: 'b', venues: ['1'], clientId: 'c', integratorId: 'i', timeZone: 'UTC' },
    { fetch, now: () => START, credentials: async () => ({ clientSecret: 'fixture-secret' }), ...deps },
  );
}

describe('values JavaScript cannot represent', () => {
  it('an order created beyond the Date range arrives with its time unknown', async () => {
    const list = { success: true, total: 3, data: [order(1), order(2, { created_at: BEYOND_DATES }), order(3, { updated_at: BEYOND_DATES })] };
    const result = expectOk(await client(replying({ '/orders': list })).listPending());
    expect(result.orders.map((o) => [o.id, o.createdAt === null, o.updatedAt])).toEqual([
      ['1', false, null],
      ['2', true, null],
      ['3', false, null],
    ]);
    expect(result.orders[1]).toMatchObject({ status: 'pending', total: 8 });
    expect(result.skipped).toEqual([]);
  });

  it('such an order read by id is the order with its time unknown, not a throw', async () => {
    const detail = { success: true, data: order(7, { created_at: BEYOND_DATES }) };
    expect(expectOk(await client(replying({ '/orders/7': detail })).getOrder('7')).order).toMatchObject({ id: '7', createdAt: null, total: 8 });
  });

  it('numeric strings that overflow to Infinity become unknown money, and an unreadable quantity drops its line', async () => {
    const list = {
      success: true,
      total: 3,
      data: [
        order(1, { total: HUGE }),
        order(2, { payload: { products: [{ product_id: 1, count: 1, meta: { price: HUGE } }] } }),
        order(3, { payload: { products: [{ product_id: 1, count: HUGE, meta: { price: 4 } }] } }),
      ],
    };
    const result = expectOk(await client(replying({ '/orders': list })).listPending());
    // A total that was sent but cannot be read is unknown, not replaced by the lines' sum.
    expect(result.orders.map((o) => [o.id, o.total])).toEqual([['1', null], ['2', null], ['3', null]]);
    expect(result.orders[1]!.items).toEqual([{ name: 'Product 1', quantity: 1, unitPrice: null, total: null, modifiers: [] }]);
    expect(result.orders[2]!.items).toEqual([]);
    for (const o of result.orders) expect(orderSchema.safeParse(o).success, o.id).toBe(true);
  });

  it('finite prices whose product overflows give an unknown total, never Infinity', async () => {
    const list = { success: true, total: 1, data: [order(1, { payload: { products: [{ product_id: 1, count: 10, meta: { price: 1e308 } }] } })] };
    const [only] = expectOk(await client(replying({ '/orders': list })).listPending()).orders;
    expect(only!.items[0]).toMatchObject({ unitPrice: 1e308, total: null });
    expect(only!.total).toBeNull();
    expect(orderSchema.safeParse(only).success).toBe(true);
  });

  it('a receipt with overflowing amounts keeps them as unknown', async () => {
    const receipt = {
      success: true,
      data: {
        id: 5,
        status: 1,
        total: HUGE,
        subtotal: HUGE,
        payment_methods: [{ name: 'Cash', amount: HUGE }],
        created_at: BEYOND_DATES,
        receipt_products: [{ product_id: 1, name: 'Tea', count: 1, price: HUGE, total: 2 }],
      },
    };
    const read = expectOk(await client(replying({ '/receipts/5': receipt })).getReceipt('5'));
    expect(read).toMatchObject({ total: null, subtotal: null, createdAt: null, paymentMethods: [{ name: 'Cash', amount: null }] });
    expect(read.lines).toEqual([{ productId: '1', name: 'Tea', quantity: 1, price: null, total: 2 }]);
    expect(receiptSchema.safeParse(read).success).toBe(true);
  });
});

describe('the client boundary', () => {
  it('an order that fails to normalise still arrives, known by its id, and the failure is reported', async () => {
    const list = { success: true, total: 3, data: [order(1), order(666), order(3)] };
    const result = expectOk(await client(replying({ '/orders': list })).listPending());
    expect(result.orders.map((o) => [o.id, o.status])).toEqual([['1', 'pending'], ['666', 'unknown'], ['3', 'pending']]);
    expect(result.skipped).toEqual([expect.stringMatching(/^Order 666 .*\(defect while normalising\)/)]);
  });

  const broken = () => {
    throw new Error('clock unavailable');
  };

  it('an unexpected exception inside the client becomes a bad-response error on every call', async () => {
    const c = client(replying({}), { now: broken });
    for (const call of [() => c.listPending(), () => c.getOrder('1'), () => c.getReceipt('1'), () => c.ignoreOrder('1')]) {
      const result = await call();
      expect(result).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
      expect(!result.ok && result.error.message).toContain('clock unavailable');
    }
  });

  it('check() reports an unexpected exception as a failed diagnosis instead of throwing', async () => {
    const diagnosis = await client(replying({}), { now: broken }).check();
    expect(diagnosis.ok).toBe(false);
    expect(diagnosis.advice.join(' ')).toContain('clock unavailable');
  });
});
