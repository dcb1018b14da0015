/**
 * The client against a tiny server written here that answers with the JSON examples of the Clopos
 * documentation (docs/clopos-api.md), as they are written there — our check against replies the
 * project's own simulator did not produce.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createCloposClient } from '../../../main/clopos';
import type { ClientConfig, Credentials } from '../../../main/clopos/types';
import { leaksSecret, manualClock, expectOk } from './harness';

const SECRET = 'fixture-secret-value-1234';
const V1_TOKEN = 'oauth_7c1e0b5f9d2a4c68b3e1f0a9d8c7b6a5';

/** docs/clopos-api.md "List orders", shape 1 (the v1 page example). */
const V1_PAGE_ITEM = {
  id: 'ORD-12345',
  number: 'A-001',
  status: 'accepted',
  created_at: '2025-08-18 13:44:10',
  updated_at: '2025-08-18 13:44:10',
  total: 42000,
  customer_id: 1,
  payment_status: 'pending',
  delivery_type: 'pickup',
  receipt_id: 6,
};
const V1_PAGE = { success: true, data: [V1_PAGE_ITEM], pagination: { page: 1, per_page: 20, total: 1, total_pages: 1 } };

/** Shape 2 (the v1 schema example). */
const V1_SCHEMA = {
  success: true,
  data: [
    {
      id: 'ORD-1',
      customer_id: 'CUST-1',
      status: 'pending',
      total_amount: 8.5,
      line_items: [{ id: 'LI-1', product_id: 'PROD-1', quantity: 1, unit_price: 8.5, total_price: 8.5 }],
      created_at: '2023-11-07T05:31:56Z',
      updated_at: '2023-11-07T05:31:56Z',
    },
  ],
  pagination: { page: 1, per_page: 20, total: 1, total_pages: 1 },
};

/** Shape 3 (v2 list of full orders, with the v2 envelope). */
const V2_ORDER = {
  id: 1,
  venue_id: 1,
  type: 'CALL_CENTER_ORDER',
  integration: 'call_center_new',
  integration_uuid: null,
  integration_id: null,
  integration_status: 'CREATED',
  customer_ref_id: null,
  status: 'PENDING',
  receive_user_id: null,
  receive_terminal_id: null,
  payload: {
    service: { sale_type_id: 1, venue_id: 1 },
    customer: { id: 1, name: 'John Doe', phone: '+994501234567', address: 'Baku', customer_discount_type: null },
    products: [
      {
        product_id: 1,
        count: 2,
        product_modificators: [],
        meta: {
          price: 8.5,
          order_product: { product: { id: 1, name: 'Burger', price: 8.5 }, count: 2, status: 'NEW', product_hash: 'a1b2c3' },
        },
      },
    ],
    meta: { comment: 'No onions', discount: { discount_type: null, discount_value: 0 } },
    delivery_fee: 2,
    auto_order_accept: false,
    auto_order_sent_to_station: false,
  },
  integration_response: null,
  created_at: '2026-02-02T13:45:53.000000Z',
  updated_at: '2026-02-02T13:45:53.000000Z',
};
const V2_LIST = {
  success: true,
  data: [V2_ORDER],
  total: 1,
  time: 12,
  timestamp: '2026-02-02 13:46:00',
  unix: 1770039960,
  sorts: [],
};

const V1_TOKEN_REPLY = { success: true, token: V1_TOKEN, token_type: 'Bearer', expires_in: 3600, message: 'Authenticated' };

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}
interface Seen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers by "METHOD /path" (path below /open-api); an array answers once per element, then repeats the last. */
async function fixture(routes: Record<string, Answer | Answer[]>) {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://fixture.invalid');
      const path = url.pathname.replace(/^\/open-api/, '');
      seen.push({ method: req.method ?? '', path, query: Object.fromEntries(url.searchParams), headers: req.headers, body });
      const route = routes[`${req.method} ${path}`];
      const answer = Array.isArray(route) ? (route.length > 1 ? route.shift() : route[0]) : route;
      const reply = answer ?? { status: 404, body: { success: false, error: 'not_found', message: 'No route' } };
      res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/open-api`, seen };
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

function client(url: string, config: Partial<ClientConfig> = {}, credentials: Credentials = { clientSecret: SECRET }) {
  const clock = manualClock(Date.parse('2026-02-02T13:46:00Z'));
  const logs: string[] = [];
  const c = createCloposClient(
    {
      api: 'v1',
      baseUrl: url,
      brand: 'openapitest',
      venues: ['1'],
      clientId: 'client-1',
      integratorId: 'integrator-1',
      timeZone: 'Asia/Baku',
      ...config,
    },
    { fetch: globalThis.fetch, now: clock.now, credentials: async () => credentials, log: (l, m) => logs.push(`${l}: ${m}`) },
  );
  return { client: c, clock, logs };
}

const okAuth = (body: unknown = V1_TOKEN_REPLY): Answer => ({ status: 200, body });

describe('the three documented list shapes', () => {
  it('shape 1 (v1 page): an accepted order is listed as accepted, not pending; read by id it normalises fully', async () => {
    const f = await fixture({
      'POST /auth': okAuth(),
      'GET /orders': { status: 200, body: V1_PAGE },
      'GET /orders/ORD-12345': { status: 200, body: { success: true, data: V1_PAGE_ITEM } },
    });
    const { client: c, logs } = client(f.url);
    const list = expectOk(await c.listPending());
    expect(list.orders.map((o) => [o.id, o.status])).toEqual([['ORD-12345', 'accepted']]);
    expect(list.skipped).toEqual([]);
    expect(list.venues).toEqual([{ venueId: '1', error: null, incomplete: null, paged: false, unreadable: 0 }]);
    const detail = expectOk(await c.getOrder('ORD-12345'));
    expect(detail.order).toEqual({
      id: 'ORD-12345',
      number: 'A-001',
      status: 'accepted',
      rawStatus: 'accepted',
      // Zone-less, read in the configured zone (Asia/Baku, UTC+4).
      createdAt: '2025-08-18T09:44:10.000Z',
      updatedAt: '2025-08-18T09:44:10.000Z',
      total: 42000,
      totalIsComputed: false,
      customer: null,
      items: [],
      deliveryType: 'pickup',
      paymentStatus: 'pending',
      comment: null,
      receiptId: '6',
      venueId: '1',
      source: null,
    });
    expect(f.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /auth', 'GET /orders', 'GET /orders/ORD-12345']);
    expect(JSON.parse(f.seen[0]!.body)).toEqual({ client_id: 'client-1', client_secret: SECRET, brand: 'openapitest', venue_id: '1' });
    const list1 = f.seen[1]!;
    expect(list1.query).toEqual({ status: 'pending', limit: '50', page: '1' });
    expect(list1.headers['x-token']).toBe(V1_TOKEN);
    expect(list1.headers['x-brand']).toBe('openapitest');
    expect(list1.headers['x-venue']).toBe('1');
    expect(list1.headers.authorization).toBeUndefined();
    expect(logs.some(leaksSecret) || logs.some((l) => l.includes(SECRET))).toBe(false);
  });

  it('shape 2 (v1 schema): string ids, total_amount and line items', async () => {
    const f = await fixture({ 'POST /auth': okAuth(), 'GET /orders': { status: 200, body: V1_SCHEMA } });
    const list = expectOk(await client(f.url).client.listPending());
    expect(list.orders).toEqual([
      {
        id: 'ORD-1',
        number: null,
        status: 'pending',
        rawStatus: 'pending',
        createdAt: '2023-11-07T05:31:56.000Z',
        updatedAt: '2023-11-07T05:31:56.000Z',
        total: 8.5,
        totalIsComputed: false,
        customer: null,
        items: [{ name: 'Product PROD-1', quantity: 1, unitPrice: 8.5, total: 8.5, modifiers: [] }],
        deliveryType: null,
        paymentStatus: null,
        comment: null,
        receiptId: null,
        venueId: '1',
        source: null,
      },
    ]);
  });

  it('shape 3 (v2 full orders): computed total, customer, items, comment, source and server time', async () => {
    const f = await fixture({
      'POST /v2/auth': okAuth({ ...V1_TOKEN_REPLY, token: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln', expires_at: 1770043560 }),
      'GET /v2/orders': { status: 200, body: V2_LIST },
    });
    const list = expectOk(await client(f.url, { api: 'v2' }).client.listPending());
    expect(list.serverTime).toBe(1770039960_000);
    expect(list.orders).toEqual([
      {
        id: '1',
        number: null,
        status: 'pending',
        rawStatus: 'PENDING',
        createdAt: '2026-02-02T13:45:53.000Z',
        updatedAt: '2026-02-02T13:45:53.000Z',
        total: 19,
        totalIsComputed: true,
        customer: { name: 'John Doe', phone: '+994501234567', address: 'Baku' },
        items: [{ name: 'Burger', quantity: 2, unitPrice: 8.5, total: 17, modifiers: [] }],
        deliveryType: null,
        paymentStatus: null,
        comment: 'No onions',
        receiptId: null,
        venueId: '1',
        source: 'call_center_new',
      },
    ]);
    expect(JSON.parse(f.seen[0]!.body)).toEqual({
      client_id: 'client-1',
      client_secret: SECRET,
      brand: 'openapitest',
      integrator_id: 'integrator-1',
    });
    expect(f.seen[1]!.query.status).toBe('PENDING');
    expect(f.seen[1]!.headers['x-venue']).toBe('1');
    expect(f.seen[1]!.headers['x-brand']).toBeUndefined();
  });

  it('an order without a creation time arrives with the time unknown; one without an id is counted and described', async () => {
    const noTime = { id: 2, status: 'PENDING', payload: { customer: { name: 'No time' } } };
    const third = { ...V2_ORDER, id: 3 };
    const noId = { ...V2_ORDER, id: undefined };
    const f = await fixture({
      'POST /v2/auth': okAuth(),
      'GET /v2/orders': { status: 200, body: { ...V2_LIST, data: [V2_ORDER, noTime, third, noId], total: 4 } },
    });
    const list = expectOk(await client(f.url, { api: 'v2' }).client.listPending());
    expect(list.orders.map((o) => o.id)).toEqual(['1', '2', '3']);
    expect(list.orders[1]).toMatchObject({ status: 'pending', createdAt: null, customer: { name: 'No time' } });
    expect(list.venues[0]!.unreadable).toBe(1);
    expect(list.skipped).toEqual([expect.stringContaining('(venue 1, page 1, item 4)')]);
  });
});

describe('documented token replies', () => {
  it('accepts the short {token, expires_in} reply', async () => {
    const f = await fixture({
      'POST /auth': okAuth({ token: V1_TOKEN, expires_in: 3600 }),
      'GET /orders': { status: 200, body: V1_SCHEMA },
    });
    expectOk(await client(f.url).client.listPending());
  });

  it('renews by expires_at when it comes before issue time + expires_in', async () => {
    const issued = Date.parse('2026-02-02T13:46:00Z') / 1000;
    const f = await fixture({
      'POST /v2/auth': okAuth({ ...V1_TOKEN_REPLY, expires_in: 3600, expires_at: issued + 1800 }),
      'GET /v2/orders': { status: 200, body: V2_LIST },
    });
    const { client: c, clock } = client(f.url, { api: 'v2' });
    expectOk(await c.listPending());
    clock.advance(24 * 60_000);
    expectOk(await c.listPending());
    clock.advance(2 * 60_000);
    expectOk(await c.listPending());
    expect(f.seen.map((s) => s.method)).toEqual(['POST', 'GET', 'GET', 'POST', 'GET']);
  });

  it('a sign-in reply without a token is a bad response', async () => {
    const f = await fixture({ 'POST /auth': okAuth({ success: true, message: 'ok' }) });
    expect(await client(f.url).client.listPending()).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });
});

describe('documented error bodies', () => {
  it('{success:false, error, message} with 429 is rate-limited', async () => {
    const f = await fixture({
      'POST /auth': okAuth(),
      'GET /orders': { status: 429, body: { success: false, error: 'rate_limited', message: 'Too many requests. Retry later.' } },
    });
    expect(await client(f.url).client.listPending()).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
  });

  it('{error, message, details} with 400 is a bad response that quotes the message', async () => {
    const f = await fixture({
      'POST /auth': okAuth(),
      'GET /orders': {
        status: 400,
        body: { error: 'validation_failed', message: 'The x-venue header is required.', details: { 'x-venue': ['required'] } },
      },
    });
    const result = await client(f.url).client.listPending();
    expect(result).toMatchObject({ ok: false, error: { kind: 'bad-response', status: 400 } });
    if (!result.ok) expect(result.error.message).toContain('The x-venue header is required.');
    expect(f.seen.filter((s) => s.path === '/orders')).toHaveLength(1);
  });

  it('{success:false, error:[{…, http_code:404}]} is not-found, also when sent with HTTP 200', async () => {
    const body = {
      success: false,
      error: [{ message: 'No query results for model [Order].', type: 'server_side', exception: 'NotFoundHttpException', http_code: 404 }],
    };
    for (const status of [404, 200]) {
      const f = await fixture({ 'POST /auth': okAuth(), 'GET /orders/9': { status, body } });
      const result = await client(f.url).client.getOrder('9');
      expect(result).toMatchObject({ ok: false, error: { kind: 'not-found' } });
      if (!result.ok) expect(result.error.message).toContain('No query results for model [Order].');
    }
  });

  it('401 authentication_failed from /auth is an auth error with a back-off', async () => {
    const f = await fixture({
      'POST /auth': { status: 401, body: { success: false, error: 'authentication_failed', message: 'Invalid client credentials' } },
    });
    const { client: c } = client(f.url);
    const result = await c.listPending();
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', retryAfterMs: 60_000 } });
    await c.listPending();
    expect(f.seen).toHaveLength(1);
  });

  it('HTTP 200 with success:false from v2 /auth is an auth error', async () => {
    const f = await fixture({
      'POST /v2/auth': { status: 200, body: { success: false, error: 'authentication_failed', message: 'Test integrator on a production brand' } },
    });
    const result = await client(f.url, { api: 'v2' }).client.listPending();
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth' } });
  });

  it('HTTP 200 with success:false from an order call is a bad response', async () => {
    const f = await fixture({
      'POST /auth': okAuth(),
      'GET /orders': { status: 200, body: { success: false, error: 'request_failed', message: 'Could not complete' } },
    });
    expect(await client(f.url).client.listPending()).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
  });

  it('a 400 invalid_parameter naming the other vocabulary switches it; one naming none is reported once', async () => {
    const f = await fixture({
      'POST /auth': okAuth(),
      'GET /orders': [
        { status: 400, body: { success: false, error: 'invalid_parameter', message: 'status must be one of: PENDING, RECEIVED, IGNORE, DELIVERED' } },
        { status: 200, body: V1_SCHEMA },
      ],
    });
    expectOk(await client(f.url).client.listPending());
    expect(f.seen.filter((s) => s.path === '/orders').map((s) => s.query.status)).toEqual(['pending', 'PENDING']);

    const g = await fixture({
      'POST /auth': okAuth(),
      'GET /orders': { status: 400, body: { success: false, error: 'invalid_parameter', message: 'status must be one of: new, done' } },
    });
    expect(await client(g.url).client.listPending()).toMatchObject({ ok: false, error: { kind: 'bad-response' } });
    expect(g.seen.filter((s) => s.path === '/orders')).toHaveLength(1);
  });

  it('a server message that echoes the token is redacted before it reaches a person or the log', async () => {
    const f = await fixture({
      'POST /auth': okAuth(),
      'GET /orders': { status: 401, body: { success: false, error: 'unauthorized', message: `Token ${V1_TOKEN} is not valid` } },
    });
    const { client: c, logs } = client(f.url);
    const result = await c.listPending();
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth' } });
    const texts = [...logs, result.ok ? '' : result.error.message];
    expect(texts.filter((t) => t.includes(V1_TOKEN) || t.includes(SECRET))).toEqual([]);
    // Exactly one sign-in again and one retry.
    expect(f.seen.map((s) => `${s.method} ${s.path}`)).toEqual(['POST /auth', 'GET /orders', 'POST /auth', 'GET /orders']);
  });
});
