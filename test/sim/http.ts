/** Small HTTP helpers for the simulator tests: every call has a timeout. */

import { DEMO_CREDENTIALS } from '../../sim/server';
import type { Simulator } from '../../sim/types';

export const TIMEOUT_MS = 5000;

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: () => Record<string, unknown>;
}

export async function call(url: string, init: RequestInit = {}): Promise<Reply> {
  const response = await fetch(url, { ...init, signal: init.signal ?? AbortSignal.timeout(TIMEOUT_MS) });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: () => JSON.parse(text) as Record<string, unknown>,
  };
}

export function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}

export const v1AuthBody = {
  client_id: DEMO_CREDENTIALS.clientId,
  client_secret: DEMO_CREDENTIALS.clientSecret,
  brand: DEMO_CREDENTIALS.brand,
  venue_id: '1',
};

export const v2AuthBody = {
  client_id: DEMO_CREDENTIALS.clientId,
  client_secret: DEMO_CREDENTIALS.clientSecret,
  brand: DEMO_CREDENTIALS.brand,
  integrator_id: DEMO_CREDENTIALS.integratorId,
};

export async function tokenV1(sim: Simulator, venue = '1'): Promise<string> {
  const reply = await postJson(`${sim.url}/auth`, { ...v1AuthBody, venue_id: venue });
  if (reply.status !== 200) throw new Error(`v1 auth failed: ${reply.status} ${reply.text}`);
  return reply.json().token as string;
}

export async function tokenV2(sim: Simulator): Promise<string> {
  const reply = await postJson(`${sim.url}/v2/auth`, v2AuthBody);
  if (reply.status !== 200) throw new Error(`v2 auth failed: ${reply.status} ${reply.text}`);
  return reply.json().token as string;
}

/** Headers for an authenticated call of the given generation. */
export function v1Headers(token: string, venue = '1'): Record<string, string> {
  return { 'x-token': token, 'x-brand': DEMO_CREDENTIALS.brand, 'x-venue': venue };
}

export function v2Headers(token: string, venue?: string): Record<string, string> {
  return venue === undefined ? { 'x-token': token } : { 'x-token': token, 'x-venue': venue };
}

/** A clock the test moves by hand. */
export function manualClock(start = Date.UTC(2026, 1, 2, 13, 45, 53)): { now: () => number; advance: (ms: number) => void } {
  let current = start;
  return { now: () => current, advance: (ms) => (current += ms) };
}
