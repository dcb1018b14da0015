/** The real Clopos client pointed at a simulator with its demo credentials. */
import { createCloposClient, type CloposClient } from '../main/clopos';
import { DEMO_CREDENTIALS } from '../sim/server';
import type { SimApi, Simulator } from '../sim/types';

export function simClient(sim: Simulator, now: () => number = Date.now, api: SimApi = 'v2'): CloposClient {
  return createCloposClient(
    {
      api,
      baseUrl: sim.url,
      brand: DEMO_CREDENTIALS.brand,
      venues: [...DEMO_CREDENTIALS.venues],
      clientId: DEMO_CREDENTIALS.clientId,
      integratorId: DEMO_CREDENTIALS.integratorId,
      timeoutMs: 5_000,
    },
    { fetch: globalThis.fetch, now, credentials: async () => ({ clientSecret: DEMO_CREDENTIALS.clientSecret }) },
  );
}
