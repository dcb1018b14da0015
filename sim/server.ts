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
