/**
 * The stored client secret only ever goes to the server it was entered for. Two simulators stand
 * for the real Clopos and a server the window (which shows network data, so may be hostile) names:
 * neither "Test connection" with a draft naming the second server, nor saving it as the address,
 * may send the stored secret there. Main talks to both over real loopback HTTP, through the IPC
 * wrapper, the composed app (runtime), the real secret store and the real Clopos client.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionFor, startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { recorder } from '../mocks/electron';
import { startApp } from './app-harness';
import { VirtualClock } from './virtual-clock';

vi.mock('electron', () => import('../mocks/electron'));

const SECRET = 'stored-Secret-h0st-b0und';
let real: Simulator;
let other: Simulator;
let userData: string;

beforeEach(async () => {
  recorder.reset();
  real = await startSimulator({ clientSecret: SECRET });
  // "localhost" rather than 127.0.0.1: another host, as a browser would see it.
  other = await startSimulator({ clientSecret: SECRET, host: 'localhost' });
  userData = mkdtempSync(path.join(os.tmpdir(), 'secret-host-'));
});
afterEach(async () => {
  await Promise.all([real.close(), other.close()]);
  rmSync(userData, { recursive: true, force: true });
});

const connectionTo = connectionFor;

const signIns = (sim: Simulator) => sim.requests().filter((r) => r.path === '/auth').length;

async function connected() {
  const clock = new VirtualClock(Date.now());
  const app = await startApp({ userData, clock, realClient: true });
  clock.watchBusy(() => app.runtime.snapshot().polling);
  expect(await app.invoke('notifier:set-settings', { onboarded: true, connection: connectionTo(real) })).toMatchObject({ ok: true });
  expect(await app.invoke('notifier:set-secret', { name: 'clientSecret', value: SECRET, connection: connectionTo(real) })).toMatchObject({ ok: true });
  await clock.runUntil(clock.now() + 30_000);
  expect(signIns(real)).toBeGreaterThan(0);
  return { app, clock };
}

describe('the stored secret stays with its server', () => {
  it('"Test connection" of a draft naming another server does not send the stored secret there', async () => {
    const { app } = await connected();
    const reply = (await app.invoke('notifier:test-connection', { connection: connectionTo(other) })) as { ok: boolean; value: { ok: boolean; advice: string[] } };
    expect(reply.ok).toBe(true);
    expect(reply.value.ok).toBe(false);
    expect(reply.value.advice.join(' ')).toMatch(/client secret/);
    expect(signIns(other)).toBe(0);
    await app.stop();
  });

  it('saving another server address does not make the app sign in there with the stored secret', async () => {
    const { app, clock } = await connected();
    expect(await app.invoke('notifier:set-settings', { connection: connectionTo(other) })).toMatchObject({ ok: true });
    await clock.runUntil(clock.now() + 2 * 60_000);
    expect(signIns(other)).toBe(0);
    const view = (await app.invoke('notifier:get-settings', undefined)) as { value: { secrets: { clientSecret: boolean }; warning: string } };
    expect(view.value.secrets.clientSecret).toBe(false);
    expect(view.value.warning).toMatch(/type it again/);
    // Typed again for the new server: now it may go there.
    await app.invoke('notifier:set-secret', { name: 'clientSecret', value: SECRET, connection: connectionTo(other) });
    await clock.runUntil(clock.now() + 30_000);
    expect(signIns(other)).toBeGreaterThan(0);
    await app.stop();
  });

  it('refuses a plain-http address for another computer: the secret would cross the network in clear text', async () => {
    const { app } = await connected();
    const reply = await app.invoke('notifier:set-settings', { connection: { ...connectionTo(real), baseUrl: 'http://integrations.clopos.com/open-api' } });
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-request' } });
    await app.stop();
  });
});
