/**
 * Demo mode: the simulator runs inside the app on loopback and a generated order flow feeds it,
 * so a restaurant can see the notifier work before entering real credentials. Everything it shows
 * is labelled DEMO by the window, tray and renderer.
 */
import { DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import { createRandom, generateOrder, startOrderFlow, type FlowClock } from '../../sim/generator';
import type { ConnectionSource } from './service';

export interface DemoOptions {
  clock: FlowClock;
  /** Orders waiting when the demo opens, so the board is not empty. */
  initialOrders?: number;
  ordersPerMinute?: number;
  seed?: number;
}

export async function startDemo(options: DemoOptions): Promise<ConnectionSource> {
  const sim = await startSimulator({ host: '127.0.0.1', port: 0, now: () => options.clock.now() });
  const random = createRandom(options.seed ?? options.clock.now());
  for (let i = 0; i < (options.initialOrders ?? 2); i += 1) {
    sim.addOrder({ ...generateOrder(random), createdAt: options.clock.now() });
  }
  const flow = startOrderFlow(sim, {
    ordersPerMinute: options.ordersPerMinute ?? 2,
    acceptAfterSeconds: [45, 150],
    random,
    clock: options.clock,
  });
  return {
    connection: {
      api: 'v2',
      baseUrl: sim.url,
      brand: DEMO_CREDENTIALS.brand,
      venues: [...DEMO_CREDENTIALS.venues],
      clientId: DEMO_CREDENTIALS.clientId,
      integratorId: DEMO_CREDENTIALS.integratorId,
      timeZone: '',
    },
    credentials: { clientSecret: DEMO_CREDENTIALS.clientSecret },
    async close() {
      flow.stop();
      await sim.close();
    },
  };
}
