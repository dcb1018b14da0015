/** check(): the diagnosis shown by the CLI `check` and the app's "Test connection". */
import { describe, expect, it } from 'vitest';
import { harness, leaksSecret } from './harness';

describe('check', () => {
  it('all well: three passing steps with the pending count of each venue, no advice', async () => {
    const h = await harness('v2', { venues: ['1', '2'] });
    h.sim.addOrder({ venueId: '1' });
    h.sim.addOrder({ venueId: '1' });
    const d = await h.client.check();
    expect(d.ok).toBe(true);
    expect(d.steps.map((s) => [s.id, s.ok])).toEqual([
      ['config', true],
      ['auth', true],
      ['orders', true],
    ]);
    expect(d.steps[2]!.message).toContain('venue 1: 2 pending orders; venue 2: 0 pending orders');
    expect(d.advice).toEqual([]);
    expect(d.warnings).toEqual([]);
  });

  it('reads only the first page of each venue', async () => {
    const h = await harness('v2', {}, { pageLimit: 10 });
    for (let i = 0; i < 25; i++) h.sim.addOrder();
    const d = await h.client.check();
    expect(d.ok).toBe(true);
    expect(h.sim.requests().filter((r) => r.path === '/orders')).toHaveLength(1);
  });

  it('names what is missing from the configuration and tries nothing else', async () => {
    const h = await harness('v2');
    const client = h.makeClient({ brand: '', integratorId: '' }, async () => ({}));
    const d = await client.check();
    expect(d.ok).toBe(false);
    expect(d.steps.map((s) => [s.id, s.ok])).toEqual([
      ['config', false],
      ['auth', false],
      ['orders', false],
    ]);
    expect(d.steps[0]!.message).toMatch(/brand.*client secret/);
    expect(d.advice.join(' ')).toContain('Settings → Connection');
    expect(h.sim.requests()).toEqual([]);
  });

  it('v2 with a secret but no integrator id is a configuration gap', async () => {
    const h = await harness('v2');
    const d = await h.makeClient({ integratorId: '' }).check();
    expect(d.steps[0]).toMatchObject({ id: 'config', ok: false });
    expect(d.steps[0]!.message).toContain('integrator id');
  });

  it('a refused sign-in fails the auth step with advice to check the credentials', async () => {
    const h = await harness('v1');
    h.sim.setCredentialsValid(false);
    const d = await h.client.check();
    expect(d.ok).toBe(false);
    expect(d.steps.map((s) => [s.id, s.ok])).toEqual([
      ['config', true],
      ['auth', false],
      ['orders', false],
    ]);
    expect(d.advice.join(' ')).toMatch(/client secret/);
    expect(JSON.stringify(d)).not.toContain('demo-secret');
  });

  it('an unreachable server fails with advice about the connection', async () => {
    const h = await harness('v2');
    h.sim.setOnline(false);
    const d = await h.client.check();
    expect(d.ok).toBe(false);
    expect(d.steps[1]).toMatchObject({ id: 'auth', ok: false });
    expect(d.advice.join(' ')).toMatch(/internet connection/);
  });

  it('an orders failure after a good sign-in fails the orders step', async () => {
    const h = await harness('v2');
    h.sim.addFault({ fault: { type: 'status', status: 503 }, path: '/orders' });
    const d = await h.client.check();
    expect(d.ok).toBe(false);
    expect(d.steps.map((s) => [s.id, s.ok])).toEqual([
      ['config', true],
      ['auth', true],
      ['orders', false],
    ]);
    expect(d.advice.join(' ')).toMatch(/HTTP 503/);
  });

  it('an order without a creation time is counted like any other, without a warning', async () => {
    const h = await harness('v2', { timestampFormat: 'epoch-ms' });
    h.sim.addOrder();
    h.sim.addOrder({ createdAt: Number.NaN });
    const d = await h.client.check();
    expect(d.ok).toBe(true);
    expect(d.steps.find((s) => s.id === 'orders')?.message).toMatch(/venue 1: 2 pending orders/);
    expect(d.warnings).toEqual([]);
  });

  it('no diagnosis text carries a secret or token', async () => {
    const h = await harness('v1');
    const texts: string[] = [];
    texts.push(JSON.stringify(await h.client.check()));
    h.sim.expireTokens();
    h.sim.addFault({ fault: { type: 'token-expired' }, path: '/orders', times: 2 });
    texts.push(JSON.stringify(await h.client.check()));
    h.sim.setCredentialsValid(false);
    h.sim.expireTokens();
    texts.push(JSON.stringify(await h.makeClient().check()));
    expect(texts.filter(leaksSecret)).toEqual([]);
    expect(h.logs.filter(leaksSecret)).toEqual([]);
  });
});
