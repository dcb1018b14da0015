/**
 * Demo mode: the simulator runs inside the app on loopback and a generated order flow feeds it,
 * so a restaurant can see the notifier work before entering real credentials. Everything it shows
 * is labelled DEMO by the window, tray and renderer.
 */
import { randomBytes } from 'node:crypto';
import { createSimulator, SIM_IDENTITY } from '../../sim/simulator';
import { createRandom, generateOrder, startOrderFlow, type FlowClock } from '../../sim/generator';
import type { ConnectionSource } from './ports';

export interface DemoOptions {
  clock: FlowClock;
  /** Orders waiting when the demo opens, so the board is not empty. */
  initialOrders?: number;
  ordersPerMinute?: number;
  seed?: number;
}

export async function startDemo(options: DemoOptions): Promise<ConnectionSource> {
  // Made up per run: a fixed demo secret would end up in the packaged app.
  const clientSecret = randomBytes(18).toString('base64url');
  const sim = await createSimulator({ host: '127.0.0.1', port: 0, clientSecret, now: () => options.clock.now() });
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
      brand: SIM_IDENTITY.brand,
      venues: [...SIM_IDENTITY.venues],
      clientId: SIM_IDENTITY.clientId,
      integratorId: SIM_IDENTITY.integratorId,
      timeZone: '',
    },
    credentials: { clientSecret: clientSecret },
    async close() {
      flow.stop();
      await sim.close();
    },
  };
}
