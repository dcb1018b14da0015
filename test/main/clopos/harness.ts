/** Shared set-up for the client tests: a simulator on loopback, a manual clock and a client wired to both. */
import { afterEach, expect } from 'vitest';
import { createCloposClient } from '../../../main/clopos';
import type { ClientConfig, CloposClient, Credentials } from '../../../main/clopos/types';
import { DEMO_CREDENTIALS, startSimulator } from '../../../sim/server';
import type { SimOptions, Simulator } from '../../../sim/types';

/** Whole seconds, so every documented timestamp form (some drop ms) names the same instant. */
export const START = Date.parse('2026-03-02T09:30:00Z');

export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = START): ManualClock {
  let t = start;
  return {
    now: () => t,
    advance(ms) {
      t += ms;
    },
  };
}

export interface Harness {
  sim: Simulator;
  clock: ManualClock;
  client: CloposClient;
  /** Every line the client logged, with its level. */
  logs: string[];
  /** Requests the simulator saw, as "METHOD /path status". */
  trail(): string[];
  makeClient(config?: Partial<ClientConfig>, credentials?: () => Promise<Credentials>): CloposClient;
}

const opened: Simulator[] = [];
/** Every log line and every error or diagnosis text a client produced during the test. */
const produced: string[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((s) => s.close()));
  const texts = produced.splice(0);
  expect(texts.filter(leaksSecret), 'a log line or message carries a secret or token').toEqual([]);
});

/** Records every error message and diagnosis the client hands out, for the secret check above. */
function recorded(client: CloposClient): CloposClient {
  const note = <T>(value: T): T => {
    produced.push(JSON.stringify(value));
    return value;
  };
  return {
    listPending: async (...a) => note(await client.listPending(...a)),
    lookupOrders: async (...a) => note(await client.lookupOrders!(...a)),
    worstCaseListingMs: () => client.worstCaseListingMs!(),
    budget: () => client.budget(),
    requestsSent: () => client.requestsSent(),
    resetAuthBackoff: () => client.resetAuthBackoff?.(),
    getOrder: async (...a) => note(await client.getOrder(...a)),
    getReceipt: async (...a) => note(await client.getReceipt(...a)),
    ignoreOrder: async (...a) => note(await client.ignoreOrder(...a)),
    check: async (...a) => note(await client.check(...a)),
  };
}

export const SECRET = DEMO_CREDENTIALS.clientSecret;

export async function harness(
  api: 'v1' | 'v2',
  simOptions: SimOptions = {},
  config: Partial<ClientConfig> = {},
): Promise<Harness> {
  const clock = manualClock();
  const sim = await startSimulator({ now: clock.now, ...simOptions });
  opened.push(sim);
  const logs: string[] = [];
  const makeClient = (overrides: Partial<ClientConfig> = {}, credentials?: () => Promise<Credentials>) =>
    recorded(createCloposClient(
      {
        api,
        baseUrl: sim.url,
        brand: DEMO_CREDENTIALS.brand,
        venues: simOptions.venues ?? [...DEMO_CREDENTIALS.venues],
        clientId: DEMO_CREDENTIALS.clientId,
        integratorId: DEMO_CREDENTIALS.integratorId,
        timeZone: simOptions.timeZone ?? 'UTC',
        ...config,
        ...overrides,
      },
      {
        fetch: globalThis.fetch,
        now: clock.now,
        credentials: credentials ?? (async () => ({ clientSecret: SECRET })),
        log: (level, message) => {
          logs.push(`${level}: ${message}`);
          produced.push(message);
        },
      },
    ));
  return {
    sim,
    clock,
    client: makeClient(),
    logs,
    trail: () => sim.requests().map((r) => `${r.method} ${r.path} ${r.status}`),
    makeClient,
  };
}

export { expectOk } from '../../expect-ok';

/** Anything shaped like a Clopos token, or the demo secret. */
export function leaksSecret(text: string): boolean {
  return text.includes(SECRET) || /oauth_[0-9a-f]{8}/.test(text) || /eyJ[\w-]+\.[\w-]+/.test(text);
}
