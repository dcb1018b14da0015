/**
 * An order whose id can be read is always listed: whatever else in it cannot be read (a missing or
 * undocumented creation time, a missing status, a total in words, a product line with a count in
 * words) becomes unknown, and everything readable in it still arrives. Only an order without a
 * readable id is left out, and it is counted as unreadable so the app can say so.
 */
import { describe, expect, it } from 'vitest';
import { orderSchema, type Order } from '../../../common/order';
import { createCloposClient } from '../../../main/clopos';
import type { ClientDeps } from '../../../main/clopos/types';
import { START, expectOk } from './harness';

const readable = {
  number: 'W-7',
  status: 'PENDING',
  created_at: Math.floor(START / 1000),
  payload: {
    customer: { name: 'Nigar', phone: '+994 55 000 00 00' },
    products: [
      { product_id: 1, count: 2, meta: { price: 4, order_product: { product: { name: 'Qutab' } } } },
      { product_id: 2, count: 1, meta: { price: 1.5, order_product: { product: { name: 'Ayran' } } } },
    ],
    meta: { comment: 'Ring twice' },
  },
};

const order = (id: unknown, patch: Record<string, unknown> = {}) => ({ id, ...readable, ...patch });

/** A fetch that signs in and answers GET /orders and GET /orders/{id} with the given bodies. */
function replying(routes: Record<string, unknown>): ClientDeps['fetch'] {
  return async (input) => {
    const path = new URL(String(input)).pathname.replace(/^\/open-api\/v2/, '');
    const body = path === '/auth' ? { success: true, token: 'fixture-token', expires_in: 3600 } : routes[path];
    if (body === undefined) return new Response('{"success":false,"error":"not_found"}', { status: 404, headers: { 'content-type': 'application/json' } });
    return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
  };
}

function client(routes: Record<string, unknown>) {
  return createCloposClient(
    { api: 'v2', baseUrl: 'https://clopos.invalid/open-api', brand: 'b', venues: ['1'], clientId: 'c', integratorId: 'i', timeZone: 'UTC' },
    { fetch: replying(routes), now: () => START, credentials: async () => ({ clientSecret: 'fixture-secret' }) },
  );
}

async function listed(...data: unknown[]): Promise<{ orders: Order[]; unreadable: number }> {
  const list = expectOk(await client({ '/orders': { success: true, total: data.length, data } }).listPending());
  for (const o of list.orders) expect(orderSchema.safeParse(o).success, `order ${o.id} fits the model`).toBe(true);
  return { orders: list.orders, unreadable: list.venues.reduce((sum, v) => sum + v.unreadable, 0) };
}

/** What the clerk needs from the order besides the unreadable part. */
const everythingElse = {
  number: 'W-7',
  customer: { name: 'Nigar', phone: '+994 55 000 00 00', address: null },
  comment: 'Ring twice',
  items: [
    { name: 'Qutab', quantity: 2, unitPrice: 4, total: 8, modifiers: [] },
    { name: 'Ayran', quantity: 1, unitPrice: 1.5, total: 1.5, modifiers: [] },
  ],
};

describe('an order whose id can be read is always listed', () => {
  it.each([
    ['null', null],
    ['missing', undefined],
    ['in a form the docs never showed', '18.08.2025 13:44'],
    ['not a time at all', { date: 'today' }],
    ['beyond what a date can hold', Number.MAX_SAFE_INTEGER + 1],
  ])('created_at %s: time unknown, the rest as sent', async (_, createdAt) => {
    const { orders, unreadable } = await listed(order(1), order(2, { created_at: createdAt }));
    expect(orders.map((o) => o.id)).toEqual(['1', '2']);
    expect(orders[1]).toMatchObject({ ...everythingElse, status: 'pending', rawStatus: 'PENDING', createdAt: null, total: 9.5, totalIsComputed: true });
    expect(unreadable).toBe(0);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['an object', { code: 'PENDING' }],
  ])('status %s: status unknown (still waiting), the rest as sent', async (_, status) => {
    const { orders } = await listed(order(3, { status }));
    expect(orders).toHaveLength(1);
    expect(orders[0]).toMatchObject({ ...everythingElse, id: '3', status: 'unknown', rawStatus: '', createdAt: new Date(START).toISOString() });
  });

  it('a total in words is unknown, not computed from the lines instead', async () => {
    const { orders } = await listed(order(4, { total: 'forty two' }), order(5, { total_amount: '12,50' }));
    expect(orders.map((o) => [o.id, o.total, o.totalIsComputed])).toEqual([
      ['4', null, false],
      ['5', null, false],
    ]);
    expect(orders[0]).toMatchObject(everythingElse);
  });

  it('a product line with a count in words is left out, the other lines stay and the total becomes unknown', async () => {
    const products = [readable.payload.products[0], { product_id: 9, count: 'two', meta: { price: 3 } }, readable.payload.products[1]];
    const { orders } = await listed(order(6, { payload: { ...readable.payload, products } }));
    expect(orders).toHaveLength(1);
    expect(orders[0]!.items).toEqual(everythingElse.items);
    // The sum of the readable lines would understate what the customer ordered.
    expect(orders[0]).toMatchObject({ total: null, totalIsComputed: false, customer: everythingElse.customer });
  });

  it('a v1 line item with an unreadable quantity is left out; a stated total still shows', async () => {
    const lineItems = [
      { product_id: 'P-1', name: 'Tea', quantity: 'a lot', unit_price: 1 },
      { product_id: 'P-2', name: 'Cake', quantity: 1, unit_price: 3, total_price: 3 },
    ];
    const { orders } = await listed({ id: 'ORD-9', status: 'pending', created_at: '2026-03-02T09:00:00Z', total_amount: 7, line_items: lineItems });
    expect(orders[0]).toMatchObject({
      id: 'ORD-9',
      total: 7,
      totalIsComputed: false,
      items: [{ name: 'Cake', quantity: 1, unitPrice: 3, total: 3, modifiers: [] }],
    });
  });

  it('an order with nothing readable but its id is still listed, all unknown', async () => {
    const { orders } = await listed({ id: 'ORD-X', status: 7, created_at: false, total: [], payload: 'broken', line_items: {} });
    expect(orders).toEqual([
      expect.objectContaining({ id: 'ORD-X', status: 'unknown', rawStatus: '7', createdAt: null, total: null, items: [], customer: null }),
    ]);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', '  '],
    ['an object', { value: 1 }],
    ['a boolean', true],
  ])('an id %s cannot be read: counted as unreadable, the others arrive', async (_, id) => {
    const { orders, unreadable } = await listed(order(1), order(id), order(3));
    expect(orders.map((o) => o.id)).toEqual(['1', '3']);
    expect(unreadable).toBe(1);
  });

  it('the connection check warns about an order without a readable id, not about one without a time', async () => {
    const diagnosis = await client({ '/orders': { success: true, total: 2, data: [order(1, { created_at: null }), order(undefined)] } }).check();
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.warnings).toEqual([expect.stringMatching(/1 order without a readable id/)]);
  });

  it('read by id, an order without a readable creation time is the order with the time unknown', async () => {
    const detail = expectOk(await client({ '/orders/8': { success: true, data: order(8, { created_at: '18.08.2025 13:44' }) } }).getOrder('8'));
    expect(detail.order).toMatchObject({ ...everythingElse, id: '8', createdAt: null, status: 'pending' });
  });
});
