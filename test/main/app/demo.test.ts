import { describe, expect, it } from 'vitest';
import { startDemo } from '../../../main/app/demo';
import { createCloposClient } from '../../../main/clopos';
import { systemClock } from '../../../main/watch';

describe('demo mode', () => {
  it('serves generated pending orders from an in-process simulator over loopback, and closes it', async () => {
    const demo = await startDemo({ clock: systemClock, initialOrders: 2, ordersPerMinute: 0, seed: 7 });
    try {
      expect(new URL(demo.connection.baseUrl).hostname).toBe('127.0.0.1');
      const client = createCloposClient(
        { api: demo.connection.api, baseUrl: demo.connection.baseUrl, brand: demo.connection.brand, venues: demo.connection.venues, clientId: demo.connection.clientId, integratorId: demo.connection.integratorId, timeoutMs: 2_000 },
        { fetch, now: () => Date.now(), credentials: async () => demo.credentials },
      );
      const listed = await client.listPending();
      expect(listed.ok && listed.value.orders.length).toBe(2);
    } finally {
      await demo.close();
    }
    await expect(fetch(`${demo.connection.baseUrl}/v2/orders`, { signal: AbortSignal.timeout(1_000) })).rejects.toThrow();
  });
});
