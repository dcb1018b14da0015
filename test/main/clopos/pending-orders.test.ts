/** Listing pending orders against the simulator: every response variant, paging, venues, vocabulary, bad orders. */
import { describe, expect, it } from 'vitest';
import type { Order } from '../../../common/order';
import type { ListVariant, SimOrderInput, Simulator } from '../../../sim/types';
import { harness, START, expectOk } from './harness';

const ORDERS: SimOrderInput[] = [
  {
    createdAt: START - 120_000,
    customer: { name: 'Leyla Əliyeva', phone: '+994 55 111 22 33', address: 'Füzuli küç. 5' },
    products: [
      { productId: 7, name: 'Dolma', price: 9.5, count: 2, modifiers: [{ name: 'Qatıq', price: 1.2, count: 1 }] },
      { productId: 9, name: 'Ayran', price: 1.5, count: 3 },
    ],
    deliveryFee: 3,
    comment: 'Zəng edin',
    integration: 'wolt',
  },
  { createdAt: START - 60_000, customer: null, products: [{ productId: 3, name: 'Çay', price: 0.1, count: 3 }] },
  { createdAt: START - 30_000 },
];

function core(o: Order) {
  return { id: o.id, status: o.status, createdAt: o.createdAt, total: o.total, venueId: o.venueId };
}

function seed(sim: Simulator) {
  const added = ORDERS.map((o) => sim.addOrder(o));
  sim.addOrder({ createdAt: START - 10_000, status: 'RECEIVED' });
  return added;
}

describe('listPending across the documented response variants', () => {
  const variants: ListVariant[] = ['v1-page', 'v1-schema', 'v2-full'];

  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: all three list shapes, every timestamp and money form give the same pending orders`, async () => {
      const h = await harness(api, { timeZone: 'Asia/Baku' }, { timeZone: 'Asia/Baku' });
      const added = seed(h.sim);
      const expected = added
        .map((o) => ({
          id: String(o.id),
          status: 'pending',
          createdAt: new Date(o.createdAt).toISOString(),
          total: o.id === added[0]!.id ? 28.9 : o.id === added[1]!.id ? 0.3 : 12.5,
          venueId: '1',
        }))
        .sort((a, b) => a.id.localeCompare(b.id));

      const seen: string[] = [];
      for (const variant of variants) {
        for (const format of ['documented', 'epoch-seconds', 'epoch-ms'] as const) {
          h.sim.setVariant(variant);
          h.sim.setTimestampFormat(format);
          const list = expectOk(await h.client.listPending());
          expect(list.skipped, `${variant}/${format}`).toEqual([]);
          expect(list.orders.map(core).sort((a, b) => a.id.localeCompare(b.id)), `${variant}/${format}`).toEqual(expected);
          seen.push(variant);
        }
      }
      expect(seen).toHaveLength(9);
    });
  }

  it('money as numeric strings reads the same as numbers', async () => {
    const h = await harness('v2', { moneyFormat: 'string' });
    seed(h.sim);
    for (const variant of variants) {
      h.sim.setVariant(variant);
      const totals = expectOk(await h.client.listPending()).orders.map((o) => o.total).sort();
      expect(totals, variant).toEqual([0.3, 12.5, 28.9]);
    }
  });

  it('v2 full orders carry items, modifiers, customer, comment, source and a computed total', async () => {
    const h = await harness('v2');
    const [first] = seed(h.sim);
    const list = expectOk(await h.client.listPending());
    const order = list.orders.find((o) => o.id === String(first!.id))!;
    expect(order).toMatchObject({
      number: null,
      rawStatus: 'PENDING',
      total: 28.9,
      totalIsComputed: true,
      customer: { name: 'Leyla Əliyeva', phone: '+994 55 111 22 33', address: 'Füzuli küç. 5' },
      comment: 'Zəng edin',
      source: 'wolt',
      receiptId: null,
    });
    expect(order.items).toEqual([
      { name: 'Dolma', quantity: 2, unitPrice: 10.7, total: 21.4, modifiers: ['Qatıq'] },
      { name: 'Ayran', quantity: 3, unitPrice: 1.5, total: 4.5, modifiers: [] },
    ]);
    expect(list.serverTime).toBe(Math.floor(START / 1000) * 1000);
  });

  it('v1 page orders keep the display number, payment status, delivery type and the stated total', async () => {
    const h = await harness('v1', { variant: 'v1-page' });
    const [first] = seed(h.sim);
    const order = expectOk(await h.client.listPending()).orders.find((o) => o.id === String(first!.id))!;
    expect(order).toMatchObject({
      number: first!.number,
      rawStatus: 'pending',
      total: 28.9,
      totalIsComputed: false,
      paymentStatus: 'pending',
      deliveryType: 'delivery',
    });
  });
});

describe('paging', () => {
  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: 250 pending orders arrive across pages, each once`, async () => {
      const h = await harness(api, { variant: api === 'v1' ? 'v1-page' : 'v2-full' }, { pageLimit: api === 'v1' ? 100 : 50 });
      for (let i = 0; i < 250; i++) h.sim.addOrder({ createdAt: START - i * 1000 });
      const list = expectOk(await h.client.listPending());
      expect(list.orders).toHaveLength(250);
      expect(list.venues[0]!.incomplete).toBeNull();
      expect(new Set(list.orders.map((o) => o.id)).size).toBe(250);
      const pages = h.sim.requests().filter((r) => r.path === '/orders').map((r) => r.query.page);
      expect(pages).toEqual(api === 'v1' ? ['1', '2', '3'] : ['1', '2', '3', '4', '5']);
    });
  }

  it('says when a listing took more than one page (a page shift can hide an order from it)', async () => {
    const h = await harness('v2', {}, { pageLimit: 3 });
    for (let i = 0; i < 3; i++) h.sim.addOrder({ createdAt: START - i * 1000 });
    const onePage = expectOk(await h.client.listPending());
    expect(onePage.orders).toHaveLength(3);
    expect(onePage.venues[0]!.paged).toBe(false);
    h.sim.addOrder({ createdAt: START });
    const twoPages = expectOk(await h.client.listPending());
    expect(twoPages.orders).toHaveLength(4);
    expect(twoPages.venues[0]!.paged).toBe(true);
  });

  it('stops at maxPages', async () => {
    const h = await harness('v2', {}, { pageLimit: 10, maxPages: 2 });
    for (let i = 0; i < 45; i++) h.sim.addOrder({ createdAt: START - i * 1000 });
    const list = expectOk(await h.client.listPending());
    expect(list.orders).toHaveLength(20);
    expect(list.venues[0]!.incomplete).toMatch(/more pending orders than 2 pages of 10 \(Clopos said 45\)/);
    expect(h.sim.requests().filter((r) => r.path === '/orders')).toHaveLength(2);
  });

  it('an order that moves to a later page between page requests arrives once', async () => {
    const h = await harness('v2', {}, { pageLimit: 2 });
    for (let i = 0; i < 5; i++) h.sim.addOrder({ createdAt: START - i * 1000 });
    // Sorted newest first: a new order pushes everything one place down, so page 2 repeats an order of page 1.
    const client = h.makeClient({ pageLimit: 2 });
    const first = expectOk(await client.listPending());
    h.sim.addOrder({ createdAt: START });
    const second = expectOk(await client.listPending());
    expect(first.orders).toHaveLength(5);
    expect(second.orders).toHaveLength(6);
    expect(new Set(second.orders.map((o) => o.id)).size).toBe(6);
  });
});

describe('venues', () => {
  it('every configured venue is asked, with its own x-venue, and each order keeps its venue', async () => {
    for (const api of ['v1', 'v2'] as const) {
      const h = await harness(api, { venues: ['1', '2'] });
      const a = h.sim.addOrder({ venueId: '1' });
      const b = h.sim.addOrder({ venueId: '2' });
      const list = expectOk(await h.client.listPending());
      expect(list.orders.map((o) => [o.id, o.venueId]).sort()).toEqual(
        [
          [String(a.id), '1'],
          [String(b.id), '2'],
        ].sort(),
      );
      const listCalls = h.sim.requests().filter((r) => r.path === '/orders');
      expect(listCalls).toHaveLength(2);
      for (const call of listCalls) {
        expect(call.headerNames).toContain('x-venue');
        expect(call.headerNames).toContain('x-token');
        expect(call.headerNames).not.toContain('authorization');
        if (api === 'v1') expect(call.headerNames).toContain('x-brand');
      }
    }
  });

  it('a failure in one venue leaves the others listed and names the failing venue', async () => {
    const h = await harness('v2', { venues: ['1', '2'] });
    const first = h.sim.addOrder({ venueId: '1' });
    h.sim.addOrder({ venueId: '2' });
    await h.client.listPending();
    h.sim.addFault({ fault: { type: 'status', status: 403 }, path: '/orders', venue: '2' });
    const list = expectOk(await h.client.listPending());
    expect(list.orders.map((o) => o.id)).toEqual([String(first.id)]);
    expect(list.venues.map((v) => [v.venueId, v.error?.kind ?? null])).toEqual([
      ['1', null],
      ['2', 'auth'],
    ]);
  });

  it('fails the whole poll only when no venue can be listed', async () => {
    const h = await harness('v2', { venues: ['1', '2'] });
    h.sim.addFault({ fault: { type: 'status', status: 503 }, path: '/orders', times: 2 });
    const result = await h.client.listPending();
    expect(result.ok).toBe(false);
  });
});

describe('status vocabulary', () => {
  it('switches to the vocabulary the server names, retries once and remembers it', async () => {
    const h = await harness('v1', { variant: 'v1-page', v1StatusVocabulary: 'upper' });
    const order = h.sim.addOrder();
    const first = expectOk(await h.client.listPending());
    expect(first.orders.map((o) => [o.id, o.status, o.rawStatus])).toEqual([[String(order.id), 'pending', 'PENDING']]);
    expectOk(await h.client.listPending());
    const statuses = h.sim
      .requests()
      .filter((r) => r.path === '/orders')
      .map((r) => `${r.query.status} ${r.status}`);
    expect(statuses).toEqual(['pending 400', 'PENDING 200', 'PENDING 200']);
  });
});

describe('orders with unreadable parts', () => {
  it('an order without a creation time arrives with the time unknown and everything else it carries', async () => {
    const h = await harness('v2', { timestampFormat: 'epoch-ms' });
    const good = [h.sim.addOrder(), h.sim.addOrder()];
    // Epoch-ms of NaN serialises as null: an order without a creation time.
    const timeless = h.sim.addOrder({ createdAt: Number.NaN, customer: ORDERS[0]!.customer, products: ORDERS[0]!.products });
    const list = expectOk(await h.client.listPending());
    expect(list.orders.map((o) => o.id).sort()).toEqual([...good, timeless].map((o) => String(o.id)).sort());
    expect(list.orders.find((o) => o.id === String(timeless.id))).toMatchObject({
      status: 'pending',
      createdAt: null,
      total: 25.9,
      customer: { name: 'Leyla Əliyeva' },
    });
    expect(list.skipped).toEqual([]);
  });
});
