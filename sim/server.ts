/**
 * The simulator as tests, benchmarks and `npm run sim` start it: the documented example tenant
 * with a well-known throwaway secret. The app itself never imports this file (its demo mode makes
 * up a secret at run time through `createSimulator`), so this value is never packaged.
 */
import { createSimulator, SIM_IDENTITY } from './simulator';
import type { SimOptions, Simulator } from './types';

export const DEMO_CREDENTIALS = {
  ...SIM_IDENTITY,
  clientSecret: 'demo-secret-not-for-production',
} as const;

export function startSimulator(options: SimOptions = {}): Promise<Simulator> {
  return createSimulator({ ...options, clientSecret: options.clientSecret ?? DEMO_CREDENTIALS.clientSecret });
}

/** The headless CLI's CLOPOS_* variables that point it at this simulator's demo tenant (v2). */
export function cliEnvFor(sim: Simulator, clientSecret: string = DEMO_CREDENTIALS.clientSecret): Record<string, string> {
  return {
    CLOPOS_API: 'v2',
    CLOPOS_BASE_URL: sim.url,
    CLOPOS_BRAND: DEMO_CREDENTIALS.brand,
    CLOPOS_VENUE: DEMO_CREDENTIALS.venues.join(','),
    CLOPOS_CLIENT_ID: DEMO_CREDENTIALS.clientId,
    CLOPOS_CLIENT_SECRET: clientSecret,
    CLOPOS_INTEGRATOR_ID: DEMO_CREDENTIALS.integratorId,
  };
}

/** The built app's CLOPOS_NOTIFIER_* variables (main/app/launch.ts) that point it at the same tenant. */
export function appEnvFor(sim: Simulator): Record<string, string> {
  return {
    CLOPOS_NOTIFIER_BASE_URL: sim.url,
    CLOPOS_NOTIFIER_API: 'v2',
    CLOPOS_NOTIFIER_BRAND: DEMO_CREDENTIALS.brand,
    CLOPOS_NOTIFIER_VENUES: DEMO_CREDENTIALS.venues.join(','),
    CLOPOS_NOTIFIER_CLIENT_ID: DEMO_CREDENTIALS.clientId,
    CLOPOS_NOTIFIER_INTEGRATOR_ID: DEMO_CREDENTIALS.integratorId,
    CLOPOS_NOTIFIER_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
  };
}

/** The app's saved connection (Settings → Connection) for this simulator's demo tenant (v2). */
export function connectionFor(sim: Simulator) {
  return {
    api: 'v2' as const,
    baseUrl: sim.url,
    brand: DEMO_CREDENTIALS.brand,
    venues: [...DEMO_CREDENTIALS.venues],
    clientId: DEMO_CREDENTIALS.clientId,
    integratorId: DEMO_CREDENTIALS.integratorId,
    timeZone: 'UTC',
  };
}
