import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim/server';
import type { SimOptions, SimOrderInput, Simulator } from '../../sim/types';
import { call, manualClock, tokenV1, tokenV2, v1Headers, v2Headers } from './http';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const LUNCH: SimOrderInput = {
  customer: { name: 'Rəşad Həsənov', phone: '+994 55 321 54 76', address: 'Füzuli küç. 12, Bakı' },
  products: [
    { productId: 3, name: 'Lülə kabab', price: 9.5, count: 2, modifiers: [{ name: 'Lavaş', price: 0.5, count: 1 }] },
    { productId: 19, name: 'Ayran', price: 1.5, count: 1 },
  ],
  comment: 'Acılı olmasın',
  deliveryFee: 2.5,
};
/** 2 × (9.5 + 0.5) + 1.5 + 2.5 delivery. */
const LUNCH_TOTAL = 24;

async function start(options: SimOptions = {}): Promise<{ sim: Simulator; v1: Record<string, string>; v2: Record<string, string> }> {
  sim = await startSimulator(options);
  return { sim, v1: v1Headers(await tokenV1(sim)), v2: v2Headers(await tokenV2(sim)) };
}

type Json = Record<string, unknown>;
const items = (body: Json): Json[] => body.data as Json[];

describe('GET /orders list shapes', () => {
  it("'v1-page' answers shape 1 with zone-less times, a total, the receipt id and pagination", async () => {
    const clock = manualClock(Date.UTC(2025, 7, 18, 13, 44, 10));
    const { sim, v1 } = await start({ variant: 'v1-page', now: clock.now });
    const order = sim.addOrder({ ...LUNCH, number: 'A-001' });
    const reply = await call(`${sim.url}/orders?status=pending`, { headers: v1 });
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body.success).toBe(true);
    expect(body.pagination).toEqual({ page: 1, per_page: 20, total: 1, total_pages: 1 });
    expect(items(body)[0]).toEqual({
      id: order.id,
      number: 'A-001',
      status: 'pending',
      created_at: '2025-08-18 13:44:10',
      updated_at: '2025-08-18 13:44:10',
      total: LUNCH_TOTAL,
      customer_id: expect.any(Number),
      payment_status: 'pending',
      delivery_type: 'delivery',
      receipt_id: null,
    });
    expect(String(order.id)).toMatch(/^ORD-\d+$/);
  });

  it("'v1-page' shows an accepted order as 'accepted' with its receipt id", async () => {
    const { sim, v1 } = await start({ variant: 'v1-page' });
    const order = sim.addOrder(LUNCH);
    sim.accept(order.id);
    const body = (await call(`${sim.url}/orders?status=confirmed`, { headers: v1 })).json();
    const [item] = items(body);
    expect(item).toMatchObject({ id: order.id, status: 'accepted' });
    expect(item!.receipt_id).toBe(sim.orders()[0]!.receiptId);
    expect(typeof item!.receipt_id).toBe('number');
  });

  it("'v1-schema' answers shape 2 with string ids, line items and ISO Z dates", async () => {
    const clock = manualClock(Date.UTC(2023, 10, 7, 5, 31, 56, 789));
    const { sim, v1 } = await start({ variant: 'v1-schema', now: clock.now });
    const order = sim.addOrder(LUNCH);
    const [item] = items((await call(`${sim.url}/orders?status=pending`, { headers: v1 })).json());
    expect(item).toEqual({
      id: String(order.id),
      customer_id: expect.stringMatching(/^\d+$/),
      status: 'pending',
      total_amount: LUNCH_TOTAL,
      line_items: [
        { id: `${order.id}-1`, product_id: '3', quantity: 2, unit_price: 10, total_price: 20 },
        { id: `${order.id}-2`, product_id: '19', quantity: 1, unit_price: 1.5, total_price: 1.5 },
      ],
      created_at: '2023-11-07T05:31:56Z',
      updated_at: '2023-11-07T05:31:56Z',
    });
  });

  it("'v2-full' answers shape 3: full orders, numeric ids and the v2 envelope without pagination", async () => {
    const clock = manualClock(Date.UTC(2026, 1, 2, 13, 45, 53));
    const { sim, v2 } = await start({ variant: 'v2-full', now: clock.now });
    const order = sim.addOrder({ ...LUNCH, integration: 'wolt', type: 'INTEGRATION_ORDER' });
    const body = (await call(`${sim.url}/v2/orders?status=PENDING`, { headers: v2 })).json();
    expect(body).toMatchObject({ success: true, total: 1, unix: Math.floor(clock.now() / 1000) });
    expect(body).toHaveProperty('time');
    expect(body).toHaveProperty('timestamp');
    expect(body).toHaveProperty('sorts');
    expect(body).not.toHaveProperty('pagination');
    const [item] = items(body);
    expect(typeof order.id).toBe('number');
    expect(item).toMatchObject({
      id: order.id,
      venue_id: 1,
      type: 'INTEGRATION_ORDER',
      integration: 'wolt',
      status: 'PENDING',
      created_at: '2026-02-02T13:45:53.000000Z',
      payload: {
        customer: { name: 'Rəşad Həsənov', phone: '+994 55 321 54 76', address: 'Füzuli küç. 12, Bakı' },
        meta: { comment: 'Acılı olmasın' },
        delivery_fee: 2.5,
      },
    });
    const products = (item!.payload as Json).products as Json[];
    expect(products[0]).toMatchObject({
      product_id: 3,
      count: 2,
      product_modificators: [{ name: 'Lavaş', price: 0.5, count: 1 }],
      meta: { price: 9.5, order_product: { product: { id: 3, name: 'Lülə kabab', price: 9.5 }, count: 2 } },
    });
  });

  it('the same order renders in every variant from both generations', async () => {
    const { sim, v1, v2 } = await start({ variant: 'v1-page' });
    const order = sim.addOrder(LUNCH);
    for (const variant of ['v1-page', 'v1-schema', 'v2-full'] as const) {
      sim.setVariant(variant);
      const fromV1 = items((await call(`${sim.url}/orders`, { headers: v1 })).json());
      const fromV2 = items((await call(`${sim.url}/v2/orders`, { headers: v2 })).json());
      expect(fromV1.map((o) => String(o.id))).toEqual([String(order.id)]);
      expect(fromV2).toEqual(fromV1);
    }
  });

  it('writes epoch seconds or milliseconds when asked', async () => {
    const clock = manualClock(Date.UTC(2026, 1, 2, 13, 45, 53, 250));
    const { sim, v2 } = await start({ variant: 'v1-page', now: clock.now, timestampFormat: 'epoch-seconds' });
    sim.addOrder(LUNCH);
    let [item] = items((await call(`${sim.url}/v2/orders`, { headers: v2 })).json());
    expect(item!.created_at).toBe(Math.floor(clock.now() / 1000));
    sim.setTimestampFormat('epoch-ms');
    [item] = items((await call(`${sim.url}/v2/orders`, { headers: v2 })).json());
    expect(item!.created_at).toBe(clock.now());
  });

  it('writes zone-less times in the configured zone', async () => {
    const clock = manualClock(Date.UTC(2025, 7, 18, 9, 44, 10));
    const { sim, v1 } = await start({ variant: 'v1-page', now: clock.now, timeZone: 'Asia/Baku' });
    sim.addOrder(LUNCH);
    const [item] = items((await call(`${sim.url}/orders`, { headers: v1 })).json());
    expect(item!.created_at).toBe('2025-08-18 13:44:10');
  });

  it('writes money as numeric strings when asked', async () => {
    const { sim, v1 } = await start({ variant: 'v1-page', moneyFormat: 'string' });
    sim.addOrder(LUNCH);
    const [item] = items((await call(`${sim.url}/orders`, { headers: v1 })).json());
    expect(item!.total).toBe('24.00');
  });
});

describe('GET /orders paging and filters', () => {
  it('pages through 250 pending orders without loss or duplicates (v1 page/limit)', async () => {
    const clock = manualClock();
    const { sim, v1 } = await start({ variant: 'v1-page', now: clock.now });
    for (let i = 0; i < 250; i++) {
      sim.addOrder(LUNCH);
      clock.advance(1000);
    }
    sim.accept(sim.orders()[0]!.id);
    const seen: unknown[] = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await call(`${sim.url}/orders?status=pending&limit=100&page=${page}`, { headers: v1 })).json();
      expect(body.pagination).toEqual({ page, per_page: 100, total: 249, total_pages: 3 });
      seen.push(...items(body).map((o) => o.id));
    }
    expect(new Set(seen).size).toBe(249);
  });

  it('v2 pages with its default limit of 50 and reports the total', async () => {
    const { sim, v2 } = await start({ variant: 'v2-full' });
    for (let i = 0; i < 120; i++) sim.addOrder(LUNCH);
    const pages = [];
    for (let page = 1; page <= 3; page++) {
      const body = (await call(`${sim.url}/v2/orders?status=PENDING&page=${page}`, { headers: v2 })).json();
      expect(body.total).toBe(120);
      pages.push(items(body).length);
    }
    expect(pages).toEqual([50, 50, 20]);
  });

  it('v1 limit must be 1..100 and defaults to 20', async () => {
    const { sim, v1 } = await start({ variant: 'v1-page' });
    for (let i = 0; i < 25; i++) sim.addOrder(LUNCH);
    expect(items((await call(`${sim.url}/orders`, { headers: v1 })).json())).toHaveLength(20);
    for (const bad of ['0', '101', 'ten']) {
      const reply = await call(`${sim.url}/orders?limit=${bad}`, { headers: v1 });
      expect(reply.status).toBe(400);
      expect(reply.json()).toMatchObject({ error: 'invalid_parameter' });
    }
  });

  it('v1 refuses an uppercase status and lists the allowed lowercase ones', async () => {
    const { sim, v1 } = await start();
    const reply = await call(`${sim.url}/orders?status=PENDING`, { headers: v1 });
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({
      success: false,
      error: 'invalid_parameter',
      message: 'status must be one of: pending, confirmed, completed, cancelled',
    });
  });

  it("v1 with the 'upper' vocabulary refuses lowercase and accepts uppercase statuses", async () => {
    const { sim, v1 } = await start({ variant: 'v1-page', v1StatusVocabulary: 'upper' });
    sim.addOrder(LUNCH);
    const refused = await call(`${sim.url}/orders?status=pending`, { headers: v1 });
    expect(refused.status).toBe(400);
    expect(refused.json().message).toBe('status must be one of: PENDING, RECEIVED, IGNORE, DELIVERED');
    const accepted = await call(`${sim.url}/orders?status=PENDING`, { headers: v1 });
    expect(items(accepted.json()).map((o) => o.status)).toEqual(['PENDING']);
    sim.setV1StatusVocabulary('lower');
    expect((await call(`${sim.url}/orders?status=pending`, { headers: v1 })).status).toBe(200);
  });

  it('v2 refuses a lowercase status and lists its vocabulary', async () => {
    const { sim, v2 } = await start();
    const reply = await call(`${sim.url}/v2/orders?status=pending`, { headers: v2 });
    expect(reply.status).toBe(400);
    expect(reply.json().message).toBe('status must be one of: PENDING, RECEIVED, IGNORE, DELIVERED');
  });

  it('maps statuses between the vocabularies', async () => {
    const { sim, v1, v2 } = await start({ variant: 'v1-schema' });
    const pending = sim.addOrder(LUNCH);
    const received = sim.addOrder(LUNCH);
    const delivered = sim.addOrder(LUNCH);
    const ignored = sim.addOrder(LUNCH);
    sim.accept(received.id);
    sim.deliver(delivered.id);
    sim.ignore(ignored.id);
    const pairs = [
      ['pending', 'PENDING', pending],
      ['confirmed', 'RECEIVED', received],
      ['completed', 'DELIVERED', delivered],
      ['cancelled', 'IGNORE', ignored],
    ] as const;
    for (const [lower, upper, order] of pairs) {
      const viaV1 = items((await call(`${sim.url}/orders?status=${lower}`, { headers: v1 })).json());
      const viaV2 = items((await call(`${sim.url}/v2/orders?status=${upper}`, { headers: v2 })).json());
      expect(viaV1.map((o) => [o.id, o.status])).toEqual([[String(order.id), lower]]);
      expect(viaV2.map((o) => o.id)).toEqual([String(order.id)]);
    }
  });

  it('v2 bracket parameters work raw and percent-encoded: date range, sort and filters', async () => {
    const clock = manualClock(Date.UTC(2026, 1, 1, 12));
    const server = await startSimulator({ variant: 'v2-full', now: clock.now });
    sim = server;
    const first = server.addOrder({ ...LUNCH, integration: 'wolt' });
    clock.advance(86_400_000);
    const second = server.addOrder({ ...LUNCH, integration: 'bolt_food' });
    clock.advance(86_400_000);
    const third = server.addOrder({ ...LUNCH, integration: 'wolt' });
    const v2 = v2Headers(await tokenV2(server));
    const ids = async (query: string): Promise<unknown[]> => {
      const reply = await call(`${server.url}/v2/orders?${query}`, { headers: v2 });
      expect(reply.status).toBe(200);
      return items(reply.json()).map((o) => o.id);
    };
    expect(await ids('sort[0]=created_at&sort[1]=1')).toEqual([first.id, second.id, third.id]);
    expect(await ids('sort%5B0%5D=created_at&sort%5B1%5D=-1')).toEqual([third.id, second.id, first.id]);
    expect(await ids('date[0]=2026-02-02&date[1]=2026-02-02')).toEqual([second.id]);
    expect(await ids('date%5B0%5D=2026-02-02')).toEqual([third.id, second.id]);
    expect(await ids('filters[0][0]=integration&filters[0][1]=wolt&sort[0]=id&sort[1]=1')).toEqual([first.id, third.id]);
    expect(await ids('filters%5B0%5D%5B0%5D=integration&filters%5B0%5D%5B1%5D=bolt_food')).toEqual([second.id]);
    const bad = await call(`${server.url}/v2/orders?date[0]=yesterday`, { headers: v2 });
    expect(bad.status).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'invalid_parameter' });
  });

  it('lists only the orders of the venue the call is made for', async () => {
    sim = await startSimulator({ venues: ['1', '2'], variant: 'v1-page' });
    const own = sim.addOrder({ ...LUNCH, venueId: '2' });
    sim.addOrder({ ...LUNCH, venueId: '1' });
    const headers = v1Headers(await tokenV1(sim, '2'), '2');
    const body = (await call(`${sim.url}/orders`, { headers })).json();
    expect(items(body).map((o) => o.id)).toEqual([own.id]);
  });
});

describe('one order and its receipt', () => {
  it('GET /orders/{id} answers the full order, with the receipt relation null before acceptance', async () => {
    const { sim, v2 } = await start({ variant: 'v2-full' });
    const order = sim.addOrder(LUNCH);
    const reply = await call(`${sim.url}/v2/orders/${order.id}?with[0]=receipt:id,service_notification_id,status`, { headers: v2 });
    expect(reply.status).toBe(200);
    expect(reply.json().data).toMatchObject({ id: order.id, status: 'PENDING', receipt: null });
  });

  it('after acceptance the relation carries only the requested receipt fields', async () => {
    const { sim, v1 } = await start({ variant: 'v1-page' });
    const order = sim.addOrder(LUNCH);
    sim.accept(order.id);
    const receiptId = sim.orders()[0]!.receiptId;
    const reply = await call(`${sim.url}/orders/${order.id}?with%5B0%5D=receipt:id,service_notification_id,status`, {
      headers: v1,
    });
    const data = reply.json().data as Json;
    expect(data).toMatchObject({ id: order.id, status: 'RECEIVED' });
    expect(data.receipt).toEqual({ id: receiptId, service_notification_id: order.id, status: 1 });
  });

  it('without the relation the order has no receipt field', async () => {
    const { sim, v2 } = await start();
    const order = sim.addOrder(LUNCH);
    const data = (await call(`${sim.url}/v2/orders/${order.id}`, { headers: v2 })).json().data as Json;
    expect(data).not.toHaveProperty('receipt');
  });

  it('answers 404 for a missing order and for an order of another venue, in the configured error shape', async () => {
    sim = await startSimulator({ venues: ['1', '2'], errorShape: 'array' });
    const elsewhere = sim.addOrder({ ...LUNCH, venueId: '2' });
    const headers = v2Headers(await tokenV2(sim));
    for (const id of ['ORD-404', String(elsewhere.id)]) {
      const reply = await call(`${sim.url}/v2/orders/${id}`, { headers });
      expect(reply.status).toBe(404);
      expect(reply.json()).toEqual({
        success: false,
        error: [{ message: expect.any(String), type: 'server_side', exception: 'NotFoundHttpException', http_code: 404 }],
      });
    }
  });

  it('GET /receipts/{id} answers the receipt, with product lines when asked', async () => {
    const clock = manualClock(Date.UTC(2026, 1, 2, 10));
    const { sim, v2 } = await start({ now: clock.now });
    const order = sim.addOrder(LUNCH);
    clock.advance(60_000);
    sim.accept(order.id);
    const receiptId = sim.orders()[0]!.receiptId!;
    const plain = (await call(`${sim.url}/v2/receipts/${receiptId}`, { headers: v2 })).json().data as Json;
    expect(plain).toMatchObject({
      id: receiptId,
      status: 1,
      order_status: 'IN_PROGRESS',
      order_number: '001',
      properties: { daily_id: 1 },
      total: LUNCH_TOTAL,
      subtotal: LUNCH_TOTAL - 2.5,
      delivery_fee: 2.5,
      payment_methods: [{ id: 1, name: 'Cash', amount: LUNCH_TOTAL }],
      created_at: '2026-02-02 10:01:00',
      closed_at: null,
      service_notification_id: order.id,
    });
    expect(plain).not.toHaveProperty('receipt_products');
    clock.advance(60_000);
    sim.deliver(order.id);
    const withLines = (await call(`${sim.url}/v2/receipts/${receiptId}?with[0]=receipt_products`, { headers: v2 })).json()
      .data as Json;
    expect(withLines).toMatchObject({ status: 2, order_status: 'COMPLETED', closed_at: '2026-02-02 10:02:00' });
    expect(withLines.receipt_products).toEqual([
      expect.objectContaining({ product_id: 3, count: 2, price: 10, total: 20 }),
      expect.objectContaining({ product_id: 19, count: 1, price: 1.5, total: 1.5 }),
    ]);
    expect((await call(`${sim.url}/v2/receipts/999999`, { headers: v2 })).status).toBe(404);
  });

  it('PUT /orders/{id} {"status":"IGNORE"} refuses the order; any other status is a validation error', async () => {
    const { sim, v1 } = await start({ errorShape: 'details' });
    const order = sim.addOrder(LUNCH);
    const put = (status: string): Promise<Awaited<ReturnType<typeof call>>> =>
      call(`${sim.url}/orders/${order.id}`, {
        method: 'PUT',
        headers: { ...v1, 'content-type': 'application/json' },
        body: JSON.stringify({ status }),
      });
    const refused = await put('RECEIVED');
    expect(refused.status).toBe(400);
    expect(refused.json()).toMatchObject({ error: 'validation_failed', details: expect.any(Object) });
    expect(refused.json()).not.toHaveProperty('success');
    expect(sim.orders()[0]!.status).toBe('PENDING');
    const ignored = await put('IGNORE');
    expect(ignored.status).toBe(200);
    expect(ignored.json()).toMatchObject({ success: true, data: { id: order.id, status: 'IGNORE' } });
    expect(sim.orders()[0]!.status).toBe('IGNORE');
  });

  it('accept() refuses an order that is no longer pending', async () => {
    sim = await startSimulator();
    const order = sim.addOrder(LUNCH);
    sim.ignore(order.id);
    expect(() => sim!.accept(order.id)).toThrow(/IGNORE/);
    expect(() => sim!.setStatus('nope', 'RECEIVED')).toThrow(/No order/);
  });
});
