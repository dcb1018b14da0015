import { afterEach, describe, expect, it } from 'vitest';
import { createRandom, generateOrder, MENU, startOrderFlow, type FlowClock, type OrderFlowEvent } from '../../sim/generator';
import { startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { call, tokenV2, v2Headers } from './http';

/** A simulated clock whose timers run only when the test advances it. */
class SteppedClock implements FlowClock {
  private time = Date.UTC(2026, 1, 2, 12);
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.time;
  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  };
  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };
  pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const target = this.time + ms;
    for (let guard = 0; guard < 100_000; guard++) {
      let next: [number, { at: number; fn: () => void }] | undefined;
      for (const entry of this.timers) if (entry[1].at <= target && (!next || entry[1].at < next[1].at)) next = entry;
      if (!next) break;
      this.timers.delete(next[0]);
      this.time = next[1].at;
      next[1].fn();
    }
    this.time = target;
  }
}

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('generateOrder', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = Array.from({ length: 5 }, ((r) => () => generateOrder(r))(createRandom(42)));
    const b = Array.from({ length: 5 }, ((r) => () => generateOrder(r))(createRandom(42)));
    const c = Array.from({ length: 5 }, ((r) => () => generateOrder(r))(createRandom(43)));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('produces plausible Baku orders across every channel', () => {
    const random = createRandom(7);
    const orders = Array.from({ length: 300 }, () => generateOrder(random));
    const menuById = new Map(MENU.map((m) => [m.productId, m]));
    expect(MENU.length).toBeGreaterThanOrEqual(20);
    for (const order of orders) {
      expect(order.customer?.phone).toMatch(/^\+994 (50|51|55|70|77|99) \d{3} \d{2} \d{2}$/);
      if (order.deliveryType === 'delivery') expect(order.customer?.address).toMatch(/, Bakı$/);
      else expect(order).toMatchObject({ deliveryFee: 0, customer: { address: '' } });
      expect(order.products!.length).toBeGreaterThanOrEqual(1);
      for (const product of order.products!) {
        expect(menuById.get(product.productId)).toMatchObject({ name: product.name, price: product.price });
        expect(product.count).toBeGreaterThanOrEqual(1);
        expect(product.count).toBeLessThanOrEqual(3);
      }
    }
    expect(new Set(orders.map((o) => o.integration))).toEqual(new Set(['call_center_new', 'wolt', 'bolt_food', 'web']));
    const names = orders.map((o) => o.customer!.name);
    expect(names.some((n) => /[əƏ]/.test(n))).toBe(true);
    expect(names.some((n) => /[А-Яа-я]/.test(n))).toBe(true);
    expect(names.some((n) => /^[A-Za-z ]+$/.test(n))).toBe(true);
    expect(orders.some((o) => o.products!.some((p) => p.modifiers?.length))).toBe(true);
    expect(orders.some((o) => o.comment !== '')).toBe(true);
    expect(orders.filter((o) => o.deliveryType === 'pickup').length).toBeGreaterThan(0);
  });

  it('survives the trip through the simulator with its non-ASCII text intact', async () => {
    sim = await startSimulator();
    const input = generateOrder(createRandom(3));
    const order = sim.addOrder(input);
    const data = (await call(`${sim.url}/v2/orders/${order.id}`, { headers: v2Headers(await tokenV2(sim)) })).json()
      .data as { payload: { customer: { name: string; phone: string } } };
    expect(data.payload.customer).toMatchObject({ name: input.customer!.name, phone: input.customer!.phone });
  });
});

describe('startOrderFlow', () => {
  it('adds orders over simulated time and accepts most of them after the wait', async () => {
    sim = await startSimulator();
    const clock = new SteppedClock();
    const events: OrderFlowEvent[] = [];
    const flow = startOrderFlow(sim, {
      ordersPerMinute: 2,
      acceptAfterSeconds: [20, 90],
      random: createRandom(11),
      clock,
      onEvent: (e) => events.push(e),
    });
    clock.advance(60 * 60_000);
    flow.stop();
    const orders = sim.orders();
    expect(orders.length).toBeGreaterThan(80);
    expect(orders.length).toBeLessThan(160);
    for (const order of orders) expect(order.createdAt).toBeLessThanOrEqual(clock.now());
    const reacted = orders.filter((o) => o.status !== 'PENDING');
    const accepted = orders.filter((o) => o.status === 'RECEIVED');
    expect(accepted.length / reacted.length).toBeGreaterThan(0.75);
    expect(accepted.every((o) => o.receiptId !== null)).toBe(true);
    // Only orders younger than the longest wait may still be pending.
    for (const order of orders.filter((o) => o.status === 'PENDING')) {
      expect(clock.now() - order.createdAt).toBeLessThanOrEqual(90_000);
    }
    expect(events.filter((e) => e.type === 'added')).toHaveLength(orders.length);
    expect(events.find((e) => e.type === 'accepted')?.order.status).toBe('RECEIVED');
  });

  it('leaves an order alone when someone else moved it first', async () => {
    sim = await startSimulator();
    const clock = new SteppedClock();
    const flow = startOrderFlow(sim, { ordersPerMinute: 60, acceptAfterSeconds: [30, 30], random: createRandom(5), clock });
    while (sim.orders().length === 0) clock.advance(1000);
    const first = sim.orders()[0]!;
    sim.ignore(first.id);
    clock.advance(31_000);
    flow.stop();
    expect(sim.orders()[0]!.status).toBe('IGNORE');
  });

  it('stop() cancels every timer and nothing happens afterwards', async () => {
    sim = await startSimulator();
    const clock = new SteppedClock();
    const flow = startOrderFlow(sim, { ordersPerMinute: 10, random: createRandom(9), clock });
    clock.advance(5 * 60_000);
    expect(clock.pending()).toBeGreaterThan(0);
    flow.stop();
    expect(clock.pending()).toBe(0);
    const snapshot = sim.orders();
    clock.advance(60 * 60_000);
    expect(sim.orders()).toEqual(snapshot);
  });

  it('adds nothing at zero orders per minute', async () => {
    sim = await startSimulator();
    const clock = new SteppedClock();
    const flow = startOrderFlow(sim, { ordersPerMinute: 0, clock });
    clock.advance(60 * 60_000);
    expect(sim.orders()).toEqual([]);
    expect(clock.pending()).toBe(0);
    flow.stop();
  });
});
