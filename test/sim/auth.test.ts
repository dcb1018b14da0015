import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../../sim/server';
import type { Simulator } from '../../sim/types';
import { call, manualClock, postJson, tokenV1, tokenV2, v1AuthBody, v1Headers, v2AuthBody, v2Headers } from './http';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

function decodeClaims(jwt: string): Record<string, unknown> {
  const part = jwt.split('.')[1];
  if (part === undefined) throw new Error('not a JWT');
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>;
}

describe('POST /auth', () => {
  it('v1 issues an oauth_ token with expires_in and no expires_at', async () => {
    sim = await startSimulator({ tokenLifetimeSeconds: 1800 });
    const reply = await postJson(`${sim.url}/auth`, v1AuthBody);
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body).toMatchObject({ success: true, token_type: 'Bearer', expires_in: 1800 });
    expect(body.token).toMatch(/^oauth_[0-9a-f]{48}$/);
    expect(body).not.toHaveProperty('expires_at');
    expect(typeof body.message).toBe('string');
  });

  it("v1 with v1AuthReply 'token-only' answers just {token, expires_in}", async () => {
    sim = await startSimulator({ v1AuthReply: 'token-only' });
    const reply = await postJson(`${sim.url}/auth`, v1AuthBody);
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.json()).sort()).toEqual(['expires_in', 'token']);
    const token = reply.json().token as string;
    expect((await call(`${sim.url}/orders`, { headers: v1Headers(token) })).status).toBe(200);
  });

  it('v2 issues a JWT with brand and venue claims and expires_at in epoch seconds', async () => {
    const clock = manualClock();
    sim = await startSimulator({ now: clock.now, venues: ['7', '8'] });
    const reply = await postJson(`${sim.url}/v2/auth`, v2AuthBody);
    expect(reply.status).toBe(200);
    const body = reply.json();
    expect(body).toMatchObject({ success: true, token_type: 'Bearer', expires_in: 3600 });
    expect(body.expires_at).toBe(Math.floor(clock.now() / 1000) + 3600);
    const claims = decodeClaims(body.token as string);
    expect(claims).toMatchObject({ brand: 'openapitest', venue_id: '7', exp: body.expires_at });
  });

  it.each([
    ['v1', '', { ...v1AuthBody, client_secret: 'wrong' }],
    ['v1 unknown venue', '', { ...v1AuthBody, venue_id: '99' }],
    ['v2', '/v2', { ...v2AuthBody, client_secret: 'wrong' }],
    ['v2 wrong integrator', '/v2', { ...v2AuthBody, integrator_id: 'other' }],
  ])('%s rejects wrong credentials with 401 authentication_failed', async (_name, prefix, body) => {
    sim = await startSimulator();
    const reply = await postJson(`${sim.url}${prefix}/auth`, body);
    expect(reply.status).toBe(401);
    expect(reply.json()).toMatchObject({ success: false, error: 'authentication_failed' });
  });

  it('rejects good credentials while setCredentialsValid(false), and accepts them again after', async () => {
    sim = await startSimulator();
    sim.setCredentialsValid(false);
    expect((await postJson(`${sim.url}/v2/auth`, v2AuthBody)).status).toBe(401);
    sim.setCredentialsValid(true);
    expect((await postJson(`${sim.url}/v2/auth`, v2AuthBody)).status).toBe(200);
  });

  it('answers 400 validation_failed naming the missing fields (v1 needs venue_id)', async () => {
    sim = await startSimulator();
    const { venue_id: _omitted, ...withoutVenue } = v1AuthBody;
    const reply = await postJson(`${sim.url}/auth`, withoutVenue);
    expect(reply.status).toBe(400);
    expect(reply.json()).toMatchObject({ error: 'validation_failed' });
    expect(reply.json().message).toContain('venue_id');
  });

  it('uses configured credentials instead of the demo ones', async () => {
    sim = await startSimulator({ brand: 'acme', clientId: 'id-1', clientSecret: 's3cret', integratorId: 'int-1' });
    const good = { client_id: 'id-1', client_secret: 's3cret', brand: 'acme', integrator_id: 'int-1' };
    expect((await postJson(`${sim.url}/v2/auth`, good)).status).toBe(200);
    expect((await postJson(`${sim.url}/v2/auth`, v2AuthBody)).status).toBe(401);
  });
});

describe('authenticated calls', () => {
  it('v1 needs x-token, x-brand and x-venue', async () => {
    sim = await startSimulator();
    const token = await tokenV1(sim);
    const ok = await call(`${sim.url}/orders`, { headers: v1Headers(token) });
    expect(ok.status).toBe(200);
    expect((await call(`${sim.url}/orders`, { headers: { 'x-token': token, 'x-venue': '1' } })).status).toBe(400);
    expect((await call(`${sim.url}/orders`, { headers: { 'x-token': token, 'x-brand': 'openapitest' } })).status).toBe(400);
    expect((await call(`${sim.url}/orders`, { headers: { 'x-brand': 'openapitest', 'x-venue': '1' } })).status).toBe(401);
    expect((await call(`${sim.url}/orders`, { headers: { ...v1Headers(token), 'x-brand': 'other' } })).status).toBe(401);
    expect((await call(`${sim.url}/orders`, { headers: v1Headers(token, '42') })).status).toBe(401);
  });

  it('v2 needs only x-token, and refuses the token as Authorization: Bearer', async () => {
    sim = await startSimulator();
    const token = await tokenV2(sim);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2Headers(token) })).status).toBe(200);
    const bearer = await call(`${sim.url}/v2/orders`, { headers: { authorization: `Bearer ${token}` } });
    expect(bearer.status).toBe(401);
    expect(bearer.json()).toMatchObject({ success: false, error: 'unauthorized' });
    expect(bearer.json().message).toContain('x-token');
  });

  it('v2 x-venue overrides the venue baked into the token', async () => {
    sim = await startSimulator({ venues: ['1', '2'] });
    sim.addOrder({ venueId: '1' });
    const other = sim.addOrder({ venueId: '2' });
    const token = await tokenV2(sim);
    const inTokenVenue = await call(`${sim.url}/v2/orders`, { headers: v2Headers(token) });
    expect(inTokenVenue.json().total).toBe(1);
    const overridden = await call(`${sim.url}/v2/orders`, { headers: v2Headers(token, '2') });
    expect((overridden.json().data as { id: unknown }[]).map((o) => o.id)).toEqual([other.id]);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2Headers(token, '3') })).status).toBe(401);
  });

  it('a token of one generation is not accepted by the other', async () => {
    sim = await startSimulator();
    const v1 = await tokenV1(sim);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2Headers(v1) })).status).toBe(401);
  });

  it('tokens expire on the injected clock', async () => {
    const clock = manualClock();
    sim = await startSimulator({ now: clock.now, tokenLifetimeSeconds: 60 });
    const token = await tokenV2(sim);
    clock.advance(59_000);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2Headers(token) })).status).toBe(200);
    clock.advance(1_000);
    const expired = await call(`${sim.url}/v2/orders`, { headers: v2Headers(token) });
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'unauthorized', message: 'Token expired' });
  });

  it('expireTokens() invalidates every token issued so far but not later ones', async () => {
    sim = await startSimulator();
    const old = await tokenV1(sim);
    sim.expireTokens();
    expect((await call(`${sim.url}/orders`, { headers: v1Headers(old) })).status).toBe(401);
    const fresh = await tokenV1(sim);
    expect((await call(`${sim.url}/orders`, { headers: v1Headers(fresh) })).status).toBe(200);
  });

  it('records requests with header names only, never tokens or secrets', async () => {
    sim = await startSimulator();
    const token = await tokenV2(sim);
    await call(`${sim.url}/v2/orders?status=PENDING`, { headers: v2Headers(token) });
    const records = sim.requests();
    expect(records.map((r) => [r.api, r.method, r.path, r.status, r.authenticated])).toEqual([
      ['v2', 'POST', '/auth', 200, false],
      ['v2', 'GET', '/orders', 200, true],
    ]);
    expect(records[1]!.query).toEqual({ status: 'PENDING' });
    expect(records[1]!.headerNames).toContain('x-token');
    const serialised = JSON.stringify(records);
    expect(serialised).not.toContain(token);
    expect(serialised).not.toContain(v2AuthBody.client_secret);
    sim.clearRequests();
    expect(sim.requests()).toEqual([]);
  });
});
