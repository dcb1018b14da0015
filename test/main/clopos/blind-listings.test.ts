/**
 * The client's side of "never blind": listings known to be incomplete say so, orders without a
 * readable id are counted, a 200 that says rate_limited is a rate limit, v1's epoch reset is read
 * on the server's clock, and a lookup tells where an order went.
 */
import { describe, expect, it } from 'vitest';
import { createCloposClient } from '../../../main/clopos';
import { DEMO_CREDENTIALS } from '../../../sim/server';
import { harness, SECRET, START, expectOk } from './harness';

describe('listings known to be incomplete', () => {
  it('v1: a server that ignores `page` repeats page 1; the listing says orders cannot be seen', async () => {
    const h = await harness('v1', { variant: 'v1-page' }, { pageLimit: 50 });
    for (let i = 0; i < 120; i++) h.sim.addOrder({ createdAt: START - i * 1000 });
    h.sim.setIgnorePage(true);
    const list = expectOk(await h.client.listPending());
    expect(list.orders).toHaveLength(50);
    expect(list.venues[0]!.incomplete).toMatch(/repeated the orders already listed.*50 of 120 arrived/);
  });

  it('v2 without a stated total: a repeated full page is incomplete too', async () => {
    const h = await harness('v2', {}, { pageLimit: 10 });
    for (let i = 0; i < 15; i++) h.sim.addOrder({ createdAt: START - i * 1000 });
    h.sim.setIgnorePage(true);
    const list = expectOk(await h.client.listPending());
    expect(list.venues[0]!.incomplete).toMatch(/repeated/);
  });

  it('a complete listing is not flagged', async () => {
    const h = await harness('v1', { variant: 'v1-page' }, { pageLimit: 50 });
    for (let i = 0; i < 120; i++) h.sim.addOrder({ createdAt: START - i * 1000 });
    const list = expectOk(await h.client.listPending());
    expect(list.orders).toHaveLength(120);
    expect(list.venues[0]!.incomplete).toBeNull();
  });
});

describe('orders that cannot be read', () => {
  it('counts an item without a readable id per venue and keeps every other order', async () => {
    const h = await harness('v2');
    const good = h.sim.addOrder();
    h.sim.addRawListItem({ status: 'PENDING', created_at: '2026-03-02 09:29:00', payload: { products: [] } });
    h.sim.addRawListItem({ id: { nested: true }, status: 'PENDING' });
    const list = expectOk(await h.client.listPending());
    expect(list.orders.map((o) => o.id)).toEqual([String(good.id)]);
    expect(list.venues[0]!.unreadable).toBe(2);
    expect(list.skipped.join(' ')).toMatch(/without a readable id/);
  });

  it('keeps an order whose id can be read even when nothing else can', async () => {
    const h = await harness('v2');
    h.sim.addRawListItem({ id: 'X-1', status: { weird: true }, created_at: '18.08.2025 13:44', total: 'forty' });
    const list = expectOk(await h.client.listPending());
    expect(list.orders).toEqual([expect.objectContaining({ id: 'X-1', createdAt: null, total: null })]);
    expect(list.venues[0]!.unreadable).toBe(0);
  });
});

describe('the server clock', () => {
  it('takes the server time from the Date header when the envelope carries none (v1)', async () => {
    const h = await harness('v1', { variant: 'v1-page' });
    h.sim.addOrder();
    const list = expectOk(await h.client.listPending());
    expect(list.serverTime).toBe(START);
  });

  it('reads v1\'s epoch reset on the server clock: a PC clock a day behind does not mean a day of waiting', async () => {
    const h = await harness('v1', { variant: 'v1-page' });
    h.sim.setReportedRemaining(0);
    h.sim.setReportedReset(START + 60_000);
    const pcNow = START - 24 * 3_600_000;
    const client = createCloposClient(
      { api: 'v1', baseUrl: h.sim.url, brand: DEMO_CREDENTIALS.brand, venues: ['1'], clientId: DEMO_CREDENTIALS.clientId },
      { fetch: globalThis.fetch, now: () => pcNow, credentials: async () => ({ clientSecret: SECRET }) },
    );
    expectOk(await client.listPending());
    const budget = client.budget();
    expect(budget?.remaining).toBe(0);
    // One minute from now on the PC's own clock.
    expect(budget!.resetAt! - pcNow).toBeGreaterThan(59_000);
    expect(budget!.resetAt! - pcNow).toBeLessThanOrEqual(61_000);
  });
});

describe('a 200 that says rate_limited', () => {
  it('is a rate limit that holds further requests, not an unusable reply', async () => {
    const h = await harness('v2');
    expectOk(await h.client.listPending());
    h.sim.addFault({ fault: { type: 'success-false', error: 'rate_limited' }, path: '/orders' });
    const result = await h.client.listPending();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('rate-limited');
    const before = h.sim.requests().length;
    await h.client.listPending();
    expect(h.sim.requests().length).toBe(before);
  });
});

describe('where an order went', () => {
  it('a lookup finds an accepted order with its status, and tells a vanished one apart', async () => {
    const h = await harness('v2');
    const accepted = h.sim.addOrder();
    h.sim.accept(accepted.id);
    const answers = await h.client.lookupOrders!([
      { id: String(accepted.id), venueId: '1' },
      { id: '999999', venueId: '1' },
    ]);
    expect(answers.get(String(accepted.id))).toEqual({ found: expect.objectContaining({ status: 'accepted' }) });
    expect(answers.get('999999')).toEqual({ missing: true });
  });

  it('bounds a poll by what a healthy listing of every page can take', async () => {
    const h = await harness('v2', { venues: ['1', '2'] }, { timeoutMs: 10_000, maxPages: 20 });
    expect(h.client.worstCaseListingMs!()).toBeGreaterThanOrEqual(2 * 20 * 10_000);
  });
});

describe('money at the currency\'s decimals', () => {
  it('rounds computed totals to the configured decimals (3: 1.2345 → 1.235)', async () => {
    const h = await harness('v2', {}, { currencyDecimals: 3 });
    // The simulator's own orders keep 2 decimals; this one comes as a 3-decimal currency writes it.
    h.sim.addRawListItem({
      id: 501,
      status: 'PENDING',
      created_at: '2026-03-02T09:29:00.000000Z',
      payload: { products: [{ product_id: 1, count: 1, product_modificators: [], meta: { price: 1.2345 } }] },
    });
    const list = expectOk(await h.client.listPending());
    expect(list.orders[0]!.total).toBe(1.235);
  });
});

describe('times written in another zone', () => {
  it('a creation time in the future of the server clock is read in the wrong zone: corrected at once', async () => {
    // Clopos writes Baku wall-clock times (UTC+4) without a zone; the app was told UTC.
    const h = await harness('v1', { variant: 'v1-page', timeZone: 'Asia/Baku' }, { timeZone: 'UTC' });
    h.sim.addOrder({ createdAt: START - 30_000 });
    const list = expectOk(await h.client.listPending());
    expect(list.orders[0]!.createdAt).toBe(new Date(START - 30_000).toISOString());
    expect(h.logs.some((l) => l.includes('4 h ahead of'))).toBe(true);
  });

  it('an order new since the last listing that reads hours old is read in the wrong zone: corrected', async () => {
    // Clopos writes UTC without a zone; the app was told Baku, so times read four hours early.
    const h = await harness('v1', { variant: 'v1-page', timeZone: 'UTC' }, { timeZone: 'Asia/Baku' });
    h.sim.addOrder({ createdAt: START - 3_600_000 });
    expectOk(await h.client.listPending());
    h.clock.advance(10_000);
    const fresh = h.sim.addOrder({ createdAt: START + 5_000 });
    const list = expectOk(await h.client.listPending());
    expect(list.orders.find((o) => o.id === String(fresh.id))!.createdAt).toBe(new Date(START + 5_000).toISOString());
  });

  it('leaves times alone when they agree with the server clock', async () => {
    const h = await harness('v1', { variant: 'v1-page', timeZone: 'UTC' }, { timeZone: 'UTC' });
    const old = h.sim.addOrder({ createdAt: START - 3 * 3_600_000 });
    expectOk(await h.client.listPending());
    h.clock.advance(10_000);
    h.sim.addOrder({ createdAt: START + 5_000 });
    const list = expectOk(await h.client.listPending());
    expect(list.orders.find((o) => o.id === String(old.id))!.createdAt).toBe(new Date(START - 3 * 3_600_000).toISOString());
  });
});

describe('a page shift while listing', () => {
  it('is incomplete when an order left between page requests: another one may be on no page', async () => {
    const h = await harness('v1', { variant: 'v1-page' });
    const [newest, , oldest] = [0, 1, 2].map((i) => h.sim.addOrder({ createdAt: START - i * 1000 }));
    // Right after page 1 (the two newest) is answered, the newest is accepted on the POS.
    const shifting: typeof fetch = async (input, init) => {
      const reply = await fetch(input, init);
      if (String(input).includes('page=1') && String(input).includes('/orders')) h.sim.accept(newest!.id);
      return reply;
    };
    const client = createCloposClient(
      { api: 'v1', baseUrl: h.sim.url, brand: DEMO_CREDENTIALS.brand, venues: ['1'], clientId: DEMO_CREDENTIALS.clientId, pageLimit: 2 },
      { fetch: shifting, now: h.clock.now, credentials: async () => ({ clientSecret: SECRET }) },
    );
    const list = expectOk(await client.listPending());
    // The oldest moved up to page 1, which was already read: it is on no page of this listing.
    expect(list.orders.map((o) => o.id)).not.toContain(String(oldest!.id));
    expect(list.venues[0]!.incomplete).toMatch(/changed while they were listed \(Clopos said 3, then 2\), 2 arrived/);
  });
});
