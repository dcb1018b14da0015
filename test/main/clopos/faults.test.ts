/** Every fault the simulator can inject maps to the error kind a person (and the scheduler) acts on. */
import { describe, expect, it } from 'vitest';
import type { ErrorShape, SimFault } from '../../../sim/types';
import { harness, expectOk } from './harness';

const SHAPES: ErrorShape[] = ['flag', 'details', 'array'];

describe('faults map to error kinds', () => {
  const cases: [string, SimFault, string][] = [
    ['500', { type: 'status', status: 500 }, 'server'],
    ['502', { type: 'status', status: 502 }, 'server'],
    ['503', { type: 'status', status: 503 }, 'server'],
    ['504', { type: 'status', status: 504 }, 'server'],
    ['malformed JSON', { type: 'malformed-json' }, 'bad-response'],
    ['wrong content type', { type: 'wrong-content-type' }, 'bad-response'],
    ['dropped connection', { type: 'drop-connection' }, 'offline'],
    ['HTTP 200 with success:false', { type: 'success-false' }, 'bad-response'],
  ];
  for (const api of ['v1', 'v2'] as const) {
    for (const shape of SHAPES) {
      it(`${api}, ${shape} error bodies`, async () => {
        const h = await harness(api, { errorShape: shape });
        expectOk(await h.client.listPending());
        for (const [name, fault, kind] of cases) {
          h.sim.addFault({ fault, path: '/orders' });
          const result = await h.client.listPending();
          expect(result.ok ? 'ok' : result.error.kind, name).toBe(kind);
          // The next poll works again: no fault sticks in the client.
          expectOk(await h.client.listPending());
        }
      });
    }
  }

  it('the server message of each error shape reaches the person', async () => {
    for (const shape of SHAPES) {
      const h = await harness('v2', { errorShape: shape });
      const missing = await h.client.getOrder('999999');
      expect(missing).toMatchObject({ ok: false, error: { kind: 'not-found', status: 404 } });
      if (!missing.ok) expect(missing.error.message, shape).toContain('Order 999999 not found');
    }
  });

  it('an unreachable server is offline', async () => {
    const h = await harness('v2');
    h.sim.setOnline(false);
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'offline' } });
    h.sim.setOnline(true);
    expectOk(await h.client.listPending());
  });

  it('a slow server is a timeout after timeoutMs', async () => {
    const h = await harness('v2', {}, { timeoutMs: 150 });
    expectOk(await h.client.listPending());
    h.sim.addFault({ fault: { type: 'latency', ms: 600 }, path: '/orders' });
    const started = Date.now();
    const result = await h.client.listPending();
    expect(result).toMatchObject({ ok: false, error: { kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(550);
  });

  it("the caller's AbortSignal ends a request early", async () => {
    const h = await harness('v2');
    expectOk(await h.client.listPending());
    h.sim.addFault({ fault: { type: 'latency', ms: 600 }, path: '/orders' });
    const started = Date.now();
    const result = await h.client.listPending(AbortSignal.timeout(100));
    expect(result.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(550);
  });

  it('a missing configuration is a config error and sends nothing', async () => {
    const h = await harness('v2');
    const client = h.makeClient({ brand: ' ', venues: [] });
    const result = await client.listPending();
    expect(result).toMatchObject({ ok: false, error: { kind: 'config' } });
    if (!result.ok) expect(result.error.message).toMatch(/brand.*venue/);
    const noSecret = await h.makeClient({}, async () => ({})).listPending();
    expect(noSecret).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(h.sim.requests()).toEqual([]);
  });
});

describe('rate limits', () => {
  for (const [headers, api] of [
    ['v2', 'v2'],
    ['v1', 'v1'],
  ] as const) {
    it(`after a 429 with ${headers} headers nothing is sent until the reset has passed`, async () => {
      const h = await harness(api);
      expectOk(await h.client.listPending());
      h.sim.addFault({ fault: { type: 'rate-limit', headers, resetSeconds: 30 }, path: '/orders' });
      const limited = await h.client.listPending();
      expect(limited).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 30_000 } });
      expect(h.client.budget()).toMatchObject({ remaining: 0, resetAt: h.clock.now() + 30_000 });
      const sent = h.sim.requests().length;

      h.clock.advance(29_000);
      expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 1000 } });
      expect(await h.client.getOrder('1')).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
      expect(h.sim.requests()).toHaveLength(sent);

      h.clock.advance(1000);
      expectOk(await h.client.listPending());
      expect(h.sim.requests()).toHaveLength(sent + 1);
    });
  }

  it('after a 429 without headers it backs off, longer each time', async () => {
    const h = await harness('v2');
    expectOk(await h.client.listPending());
    h.sim.addFault({ fault: { type: 'rate-limit', headers: 'none', resetSeconds: 0 }, path: '/orders', times: 2 });
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 5000 } });
    h.clock.advance(5000);
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'rate-limited', retryAfterMs: 10_000 } });
    h.clock.advance(9999);
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    h.clock.advance(1);
    expectOk(await h.client.listPending());
    expect(h.sim.requests().filter((r) => r.path === '/orders').map((r) => r.status)).toEqual([200, 429, 429, 200]);
  });

  it("the budget follows the server's headers (v2: reset in seconds from now)", async () => {
    const h = await harness('v2', { rateLimitPerMinute: 300 });
    expectOk(await h.client.listPending());
    const budget = h.client.budget();
    expect(budget?.limit).toBe(300);
    expect(budget?.remaining).toBe(299);
    const minuteEnd = Math.ceil((h.clock.now() + 1) / 60_000) * 60_000;
    expect(budget?.resetAt).toBe(minuteEnd);
    // v2's budget is the brand's, shared with every PC of it, with no hourly window.
    expect(budget).toMatchObject({ scope: 'brand', perHour: null });
    expect(h.client.requestsSent?.()).toBe(1);
    h.sim.setReportedRemaining(7);
    expectOk(await h.client.listPending());
    expect(h.client.budget()?.remaining).toBe(7);
  });

  it('the budget follows the server headers (v1: reset in epoch seconds)', async () => {
    const h = await harness('v1', { rateLimitPerMinute: 100 });
    expectOk(await h.client.listPending());
    // v1's headers report the key's minute window; its hourly 1,000 is known from the docs.
    expect(h.client.budget()).toEqual({ limit: 100, remaining: 99, resetAt: Math.ceil((h.clock.now() + 1) / 60_000) * 60_000, scope: 'key', perHour: 1000 });
  });

  it("the simulator's own quota is obeyed: a 429 stops all requests until its reset", async () => {
    const h = await harness('v2', { rateLimitPerMinute: 3 });
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await h.client.listPending());
    expect(results.map((r) => (r.ok ? 'ok' : r.error.kind))).toEqual(['ok', 'ok', 'ok', 'rate-limited', 'rate-limited', 'rate-limited']);
    expect(h.sim.requests().filter((r) => r.status === 429)).toHaveLength(1);
  });
});

describe('isolation', () => {
  it('two clients share nothing: each signs in, and a 429 of one does not hold the other', async () => {
    const h = await harness('v2');
    const other = h.makeClient();
    expectOk(await h.client.listPending());
    expectOk(await other.listPending());
    expect(h.trail().filter((t) => t.startsWith('POST /auth'))).toHaveLength(2);
    h.sim.addFault({ fault: { type: 'rate-limit', headers: 'v2', resetSeconds: 30 }, path: '/orders' });
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'rate-limited' } });
    expectOk(await other.listPending());
    expect(other.budget()?.remaining).not.toBe(0);
  });
});

describe('one order, its receipt, and refusing an order', () => {
  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: getOrder with the receipt relation, getReceipt with lines, ignoreOrder`, async () => {
      const h = await harness(api);
      const order = h.sim.addOrder({
        products: [{ productId: 4, name: 'Qutab', price: 2.5, count: 4, modifiers: [{ name: 'Sumaq', price: 0.5, count: 1 }] }],
        deliveryFee: 2,
      });
      const pending = expectOk(await h.client.getOrder(String(order.id)));
      expect(pending.order).toMatchObject({ id: String(order.id), status: 'pending', total: 14, totalIsComputed: true });
      expect(pending.receipt).toBeNull();

      h.sim.accept(order.id);
      const accepted = expectOk(await h.client.getOrder(String(order.id), '1'));
      expect(accepted.order.status).toBe('accepted');
      expect(accepted.receipt).toMatchObject({ status: 'open' });
      const receiptCall = h.sim.requests().at(-1)!;
      expect(receiptCall.query['with[0]']).toBe('receipt:id,service_notification_id,status');

      const receipt = expectOk(await h.client.getReceipt(accepted.receipt!.id));
      expect(receipt).toMatchObject({ id: accepted.receipt!.id, status: 'open', orderNumber: '001', dailyId: '1', total: 14, deliveryFee: 2 });
      expect(receipt.lines).toEqual([{ productId: '4', name: 'Qutab', quantity: 4, price: 3, total: 12 }]);
      expect(h.sim.requests().at(-1)!.query['with[0]']).toBe('receipt_products');

      const other = h.sim.addOrder();
      expectOk(await h.client.ignoreOrder(String(other.id)));
      expect(h.sim.orders().find((o) => o.id === other.id)?.status).toBe('IGNORE');
      expect(h.sim.requests().at(-1)).toMatchObject({ method: 'PUT', path: `/orders/${other.id}`, status: 200 });
    });
  }

  it('a missing order is not-found', async () => {
    const h = await harness('v1');
    expect(await h.client.getOrder('ORD-404')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await h.client.getReceipt('77')).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});
