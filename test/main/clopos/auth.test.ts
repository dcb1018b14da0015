import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
/** Token handling against the simulator: sign-in, reuse, renewal, 401 retry, back-off, single flight, pasted tokens. */
import { describe, expect, it } from 'vitest';
import { createCloposClient } from '../../../main/clopos';
import { createSignInGuards } from '../../../main/clopos/sign-in-guard';
import { DEMO_CREDENTIALS } from '../../../sim/server';
import { harness, SECRET, expectOk } from './harness';

const MIN = 60_000;

describe('sign-in and token reuse', () => {
  for (const api of ['v1', 'v2'] as const) {
    it(`${api}: signs in once and reuses the token for later calls`, async () => {
      const h = await harness(api);
      h.sim.addOrder();
      for (let i = 0; i < 3; i++) expectOk(await h.client.listPending());
      expect(h.trail()).toEqual(['POST /auth 200', 'GET /orders 200', 'GET /orders 200', 'GET /orders 200']);
    });
  }

  it('reads the secret right before each sign-in, and not for calls that reuse the token', async () => {
    const h = await harness('v2');
    let reads = 0;
    const client = h.makeClient({}, async () => {
      reads += 1;
      return { clientSecret: SECRET };
    });
    for (let i = 0; i < 3; i++) expectOk(await client.listPending());
    expect(reads).toBe(1);
  });

  it('concurrent callers share one sign-in', async () => {
    const h = await harness('v2');
    const results = await Promise.all(Array.from({ length: 5 }, () => h.client.listPending()));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(h.trail().filter((t) => t.startsWith('POST /auth'))).toHaveLength(1);
  });
});

describe('renewal', () => {
  it('renews a few minutes before expiry, without waiting for a 401', async () => {
    const h = await harness('v2', { tokenLifetimeSeconds: 3600 });
    expectOk(await h.client.listPending());
    h.clock.advance(50 * MIN);
    expectOk(await h.client.listPending());
    h.clock.advance(6 * MIN);
    expectOk(await h.client.listPending());
    expect(h.trail()).toEqual([
      'POST /auth 200',
      'GET /orders 200',
      'GET /orders 200',
      'POST /auth 200',
      'GET /orders 200',
    ]);
  });

  it('after expiry a new token is obtained before the next call', async () => {
    for (const api of ['v1', 'v2'] as const) {
      const h = await harness(api, { tokenLifetimeSeconds: 600 });
      expectOk(await h.client.listPending());
      h.clock.advance(2 * 3600_000);
      expectOk(await h.client.listPending());
      expect(h.trail(), api).toEqual(['POST /auth 200', 'GET /orders 200', 'POST /auth 200', 'GET /orders 200']);
    }
  });

  it('a token the server dropped (401) leads to exactly one sign-in and one retry', async () => {
    const h = await harness('v2');
    expectOk(await h.client.listPending());
    h.sim.expireTokens();
    expectOk(await h.client.listPending());
    expect(h.trail()).toEqual(['POST /auth 200', 'GET /orders 200', 'GET /orders 401', 'POST /auth 200', 'GET /orders 200']);
  });

  it('a second 401 after signing in again is an auth error, not a loop', async () => {
    const h = await harness('v1');
    expectOk(await h.client.listPending());
    h.sim.addFault({ fault: { type: 'token-expired' }, path: '/orders', times: 5 });
    const result = await h.client.listPending();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.kind).toBe('auth');
    expect(h.trail()).toEqual(['POST /auth 200', 'GET /orders 200', 'GET /orders 401', 'POST /auth 200', 'GET /orders 401']);
  });

  it('when renewal ahead of expiry fails, the current token keeps working until it expires', async () => {
    const h = await harness('v2', { tokenLifetimeSeconds: 3600 });
    expectOk(await h.client.listPending());
    h.clock.advance(57 * MIN);
    h.sim.addFault({ fault: { type: 'status', status: 503 }, path: '/auth' });
    expectOk(await h.client.listPending());
    expect(h.trail()).toEqual(['POST /auth 200', 'GET /orders 200', 'POST /auth 503', 'GET /orders 200']);
  });
});

describe('rejected sign-in', () => {
  it('backs off 1 min, then 2 min, sending no /auth in between, and recovers', async () => {
    const h = await harness('v2');
    h.sim.setCredentialsValid(false);
    const first = await h.client.listPending();
    expect(first).toMatchObject({ ok: false, error: { kind: 'auth', retryAfterMs: MIN } });

    h.clock.advance(59_000);
    const during = await h.client.listPending();
    expect(during).toMatchObject({ ok: false, error: { kind: 'auth', retryAfterMs: 1000 } });
    expect(h.trail()).toEqual(['POST /auth 401']);

    h.clock.advance(1000);
    const second = await h.client.listPending();
    expect(second).toMatchObject({ ok: false, error: { kind: 'auth', retryAfterMs: 2 * MIN } });
    expect(h.trail()).toEqual(['POST /auth 401', 'POST /auth 401']);

    h.sim.setCredentialsValid(true);
    h.clock.advance(2 * MIN - 1);
    expect((await h.client.listPending()).ok).toBe(false);
    h.clock.advance(1);
    expectOk(await h.client.listPending());
    expect(h.trail()).toEqual(['POST /auth 401', 'POST /auth 401', 'POST /auth 200', 'GET /orders 200']);
  });

  it('never repeats the client secret when a refusal echoes it back, even a short one', async () => {
    const h = await harness('v2');
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const sent = JSON.parse(body) as { client_secret: string };
        res
          .writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ success: false, error: 'authentication_failed', message: `Secret ${sent.client_secret} is not valid` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = h.makeClient({ baseUrl: `http://127.0.0.1:${port}/open-api` }, async () => ({ clientSecret: 'shorty' }));
      const result = await client.listPending();
      expect(result).toMatchObject({ ok: false, error: { kind: 'auth' } });
      if (!result.ok) {
        expect(result.error.message).toContain('is not valid');
        expect(result.error.message).not.toContain('shorty');
      }
      const diagnosis = await client.check();
      expect(JSON.stringify(diagnosis)).not.toContain('shorty');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a wrong server address is a settings problem, not refused credentials: no sign-in back-off', async () => {
    const h = await harness('v2');
    // Some other web server: every path is 404.
    let posts = 0;
    const server = createServer((req, res) => {
      if (req.method === 'POST') posts += 1;
      res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const client = h.makeClient({ baseUrl: `http://127.0.0.1:${port}/open-api` });
      const first = await client.listPending();
      expect(first).toMatchObject({ ok: false, error: { kind: 'config', status: 404 } });
      if (!first.ok) expect(first.error.message).toMatch(/server address and the API version/);
      const again = await client.listPending();
      expect(again).toMatchObject({ ok: false, error: { kind: 'config' } });
      expect(posts).toBe(2);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('a person may lift the back-off for one immediate sign-in; automatic calls keep waiting', async () => {
    const h = await harness('v2');
    h.sim.setCredentialsValid(false);
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'auth', retryAfterMs: MIN } });

    h.clock.advance(1000);
    h.client.resetAuthBackoff!();
    // Still wrong: the refusal count goes on, so the next wait is longer and nothing more is sent meanwhile.
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'auth', retryAfterMs: 2 * MIN } });
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(h.trail()).toEqual(['POST /auth 401', 'POST /auth 401']);

    h.sim.setCredentialsValid(true);
    h.clock.advance(1000);
    expect((await h.client.listPending()).ok).toBe(false);
    expect(h.trail()).toHaveLength(2);
    // One lift per back-off period: a second one within the two minutes does nothing.
    h.client.resetAuthBackoff!();
    expect((await h.client.listPending()).ok).toBe(false);
    expect(h.trail()).toHaveLength(2);
    h.clock.advance(2 * MIN);
    expectOk(await h.client.listPending());
    expect(h.trail()).toEqual(['POST /auth 401', 'POST /auth 401', 'POST /auth 200', 'GET /orders 200']);
  });

  it('thirty clicks on "Check now" after a refusal make at most one more sign-in, not thirty', async () => {
    const h = await harness('v2');
    h.sim.setCredentialsValid(false);
    await h.client.listPending();
    for (let i = 0; i < 30; i++) {
      h.client.resetAuthBackoff!();
      await h.client.listPending();
    }
    expect(h.trail().filter((t) => t.startsWith('POST /auth'))).toEqual(['POST /auth 401', 'POST /auth 401']);
  });

  it('a fresh client for the same credentials (a new "Test connection") inherits the back-off', async () => {
    const h = await harness('v2');
    h.sim.setCredentialsValid(false);
    const guards = createSignInGuards();
    const make = () =>
      createCloposClient(
        { api: 'v2', baseUrl: h.sim.url, brand: DEMO_CREDENTIALS.brand, venues: ['1'], clientId: DEMO_CREDENTIALS.clientId, integratorId: DEMO_CREDENTIALS.integratorId },
        { fetch: globalThis.fetch, now: h.clock.now, credentials: async () => ({ clientSecret: SECRET }), signInGuards: guards },
      );
    for (let i = 0; i < 30; i++) {
      const client = make();
      client.resetAuthBackoff?.();
      await client.check();
    }
    expect(h.trail().filter((t) => t.startsWith('POST /auth'))).toHaveLength(2);
  });

  it('v1 signs in per venue: a venue Clopos refuses does not stop the others', async () => {
    const h = await harness('v1', { venues: ['1', '2'] });
    const order = h.sim.addOrder({ venueId: '1' });
    h.sim.addFault({ fault: { type: 'status', status: 403 }, path: '/auth', venue: '2', times: 100 });
    const list = expectOk(await h.client.listPending());
    expect(list.orders.map((o) => o.id)).toEqual([String(order.id)]);
    expect(list.venues.map((v) => [v.venueId, v.error?.kind ?? null])).toEqual([
      ['1', null],
      ['2', 'auth'],
    ]);
    const auths = h.sim.requests().filter((r) => r.path === '/auth');
    expect(auths).toHaveLength(2);
    // Venue 1 keeps its own token: the next listing signs in for nobody but (after the back-off) venue 2.
    expectOk(await h.client.listPending());
    expect(h.sim.requests().filter((r) => r.path === '/auth')).toHaveLength(2);
  });

  it('the back-off doubles up to 15 minutes', async () => {
    const h = await harness('v1');
    h.sim.setCredentialsValid(false);
    const waits: number[] = [];
    for (let i = 0; i < 7; i++) {
      const r = await h.client.listPending();
      if (!r.ok) waits.push(r.error.retryAfterMs ?? -1);
      h.clock.advance(waits.at(-1)!);
    }
    expect(waits).toEqual([1, 2, 4, 8, 15, 15, 15].map((m) => m * MIN));
  });

  it('HTTP 200 with success:false from /auth is an auth error that also backs off', async () => {
    const h = await harness('v2');
    h.sim.addFault({ fault: { type: 'success-false' }, path: '/auth' });
    const result = await h.client.listPending();
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', retryAfterMs: MIN } });
    if (!result.ok) expect(result.error.message).toContain('A test integrator cannot access a production brand');
  });

  it('a sign-in that could not reach the server does not start the back-off', async () => {
    const h = await harness('v2');
    h.sim.addFault({ fault: { type: 'drop-connection' }, path: '/auth' });
    expect(await h.client.listPending()).toMatchObject({ ok: false, error: { kind: 'offline' } });
    expectOk(await h.client.listPending());
  });
});

describe('pasted token', () => {
  async function issuedToken(url: string): Promise<string> {
    const reply = await fetch(`${url}/v2/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: DEMO_CREDENTIALS.clientId,
        client_secret: DEMO_CREDENTIALS.clientSecret,
        brand: DEMO_CREDENTIALS.brand,
        integrator_id: DEMO_CREDENTIALS.integratorId,
      }),
      signal: AbortSignal.timeout(5000),
    });
    return ((await reply.json()) as { token: string }).token;
  }

  it('is used without signing in, with a warning, and is not retried once refused', async () => {
    const h = await harness('v2');
    const token = await issuedToken(h.sim.url);
    h.sim.clearRequests();
    const client = h.makeClient({}, async () => ({ token }));
    const diagnosis = await client.check();
    expect(diagnosis.ok).toBe(true);
    expect(diagnosis.warnings.join(' ')).toMatch(/expires within about an hour/);

    h.sim.expireTokens();
    const refused = await client.listPending();
    expect(refused).toMatchObject({ ok: false, error: { kind: 'auth' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/client secret/);
    expect(await client.listPending()).toMatchObject({ ok: false, error: { kind: 'auth' } });
    expect(h.trail()).toEqual(['GET /orders 200', 'GET /orders 401']);
  });

  it('the client secret wins over a pasted token', async () => {
    const h = await harness('v2');
    const client = h.makeClient({}, async () => ({ clientSecret: SECRET, token: 'stale-token' }));
    expectOk(await client.listPending());
    expect(h.trail()).toEqual(['POST /auth 200', 'GET /orders 200']);
  });
});
