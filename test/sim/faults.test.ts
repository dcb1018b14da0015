import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { RateWindow } from '../../sim/rate-window';
import { startSimulator } from '../../sim/server';
import type { ErrorShape, SimOptions, Simulator } from '../../sim/types';
import { call, manualClock, postJson, tokenV1, tokenV2, v1Headers, v2AuthBody, v2Headers } from './http';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function start(options: SimOptions = {}): Promise<{ sim: Simulator; v1: Record<string, string>; v2: Record<string, string> }> {
  sim = await startSimulator(options);
  return { sim, v1: v1Headers(await tokenV1(sim)), v2: v2Headers(await tokenV2(sim)) };
}

const RATE_HEADERS = ['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset'];
const rateHeaderNames = (headers: Headers): string[] => RATE_HEADERS.filter((h) => headers.has(h));

describe('faults', () => {
  it('latency delays the reply by the given time, only on the matching path', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'latency', ms: 300 }, path: '/orders' });
    const before = Date.now();
    await postJson(`${sim.url}/v2/auth`, v2AuthBody);
    expect(Date.now() - before).toBeLessThan(250);
    const started = Date.now();
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(reply.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(280);
  });

  it.each([500, 502, 503, 504] as const)('status %i answers that status with an error body', async (status) => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'status', status } });
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(reply.status).toBe(status);
    expect(reply.json()).toMatchObject({ success: false, error: expect.any(String), message: expect.any(String) });
    expect((await call(`${sim.url}/v2/orders`, { headers: v2 })).status).toBe(200);
  });

  it.each<[ErrorShape, unknown]>([
    ['flag', { success: false, error: 'gateway_timeout', message: expect.any(String) }],
    ['details', { error: 'gateway_timeout', message: expect.any(String), details: {} }],
    [
      'array',
      {
        success: false,
        error: [{ message: expect.any(String), type: 'server_side', exception: 'GatewayTimeoutHttpException', http_code: 504 }],
      },
    ],
  ])("error shape '%s'", async (shape, expected) => {
    const { sim, v1 } = await start({ errorShape: 'flag' });
    sim.setErrorShape(shape);
    sim.addFault({ fault: { type: 'status', status: 504 } });
    const reply = await call(`${sim.url}/orders`, { headers: v1 });
    expect(reply.json()).toEqual(expected);
  });

  it('a 429 with v1 headers gives the reset as epoch seconds', async () => {
    const clock = manualClock();
    const { sim, v2 } = await start({ now: clock.now });
    sim.addFault({ fault: { type: 'rate-limit', headers: 'v1', resetSeconds: 42 } });
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(reply.status).toBe(429);
    expect(reply.json()).toMatchObject({ success: false, error: 'rate_limited' });
    expect(rateHeaderNames(reply.headers)).toEqual(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(Number(reply.headers.get('x-ratelimit-reset'))).toBe(Math.ceil(clock.now() / 1000) + 42);
  });

  it('a 429 with v2 headers gives the reset as seconds from now', async () => {
    const { sim, v1 } = await start();
    sim.addFault({ fault: { type: 'rate-limit', headers: 'v2', resetSeconds: 17 } });
    const reply = await call(`${sim.url}/orders`, { headers: v1 });
    expect(reply.status).toBe(429);
    expect(rateHeaderNames(reply.headers)).toEqual(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']);
    expect(reply.headers.get('ratelimit-reset')).toBe('17');
  });

  it('a 429 without headers carries no rate-limit header at all', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'rate-limit', headers: 'none', resetSeconds: 5 } });
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(reply.status).toBe(429);
    expect(rateHeaderNames(reply.headers)).toEqual([]);
  });

  it('malformed JSON answers 200 application/json that does not parse', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'malformed-json' } });
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toContain('application/json');
    expect(() => reply.json()).toThrow(SyntaxError);
  });

  it('wrong content type answers an HTML page', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'wrong-content-type' } });
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(reply.headers.get('content-type')).toContain('text/html');
    expect(reply.text).toMatch(/^<!DOCTYPE html>/);
  });

  it('a dropped connection fails the request without a reply and is recorded with status 0', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'drop-connection' }, path: '/orders' });
    await expect(call(`${sim.url}/v2/orders`, { headers: v2 })).rejects.toThrow();
    expect(sim.requests().at(-1)).toMatchObject({ path: '/orders', status: 0 });
    expect((await call(`${sim.url}/v2/orders`, { headers: v2 })).status).toBe(200);
  });

  it('token-expired answers 401 to the next authenticated call, leaves /auth alone and kills that token', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'token-expired' } });
    expect((await postJson(`${sim.url}/v2/auth`, v2AuthBody)).status).toBe(200);
    const expired = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(expired.status).toBe(401);
    expect(expired.json()).toMatchObject({ error: 'unauthorized' });
    expect(sim.requests().at(-1)).toMatchObject({ status: 401, authenticated: false });
    expect((await call(`${sim.url}/v2/orders`, { headers: v2 })).status).toBe(401);
    const renewed = v2Headers(await tokenV2(sim));
    expect((await call(`${sim.url}/v2/orders`, { headers: renewed })).status).toBe(200);
  });

  it('success-false answers HTTP 200 with success:false (test integrator on a production brand)', async () => {
    sim = await startSimulator();
    sim.addFault({ fault: { type: 'success-false' }, path: '/auth' });
    const reply = await postJson(`${sim.url}/v2/auth`, v2AuthBody);
    expect(reply.status).toBe(200);
    expect(reply.json()).toMatchObject({ success: false, error: 'authentication_failed' });
    expect(reply.json()).not.toHaveProperty('token');
  });

  it('applies a rule `times` times, or until cleared when Infinity', async () => {
    const { sim, v2 } = await start();
    const statuses = async (n: number): Promise<number[]> => {
      const out = [];
      for (let i = 0; i < n; i++) out.push((await call(`${sim.url}/v2/orders`, { headers: v2 })).status);
      return out;
    };
    sim.addFault({ fault: { type: 'status', status: 503 }, times: 2 });
    expect(await statuses(3)).toEqual([503, 503, 200]);
    sim.addFault({ fault: { type: 'status', status: 500 }, times: Infinity, path: '/orders' });
    expect(await statuses(3)).toEqual([500, 500, 500]);
    sim.clearFaults();
    expect(await statuses(1)).toEqual([200]);
  });

  it('latency combines with a following fault (a slow 504)', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'latency', ms: 200 } });
    sim.addFault({ fault: { type: 'status', status: 504 } });
    const started = Date.now();
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(reply.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
  });

  it('offline destroys every connection until back online', async () => {
    const { sim, v2 } = await start();
    sim.setOnline(false);
    await expect(call(`${sim.url}/v2/orders`, { headers: v2 })).rejects.toThrow();
    await expect(postJson(`${sim.url}/v2/auth`, v2AuthBody)).rejects.toThrow();
    sim.setOnline(true);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2 })).status).toBe(200);
  });

  it('going offline drops a request that is waiting on latency', async () => {
    const { sim, v2 } = await start();
    sim.addFault({ fault: { type: 'latency', ms: 400 } });
    const pending = call(`${sim.url}/v2/orders`, { headers: v2 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    sim.setOnline(false);
    await expect(pending).rejects.toThrow();
  });
});

describe('rate limits', () => {
  it('every v1 reply carries X-RateLimit-* with the reset in epoch seconds', async () => {
    const clock = manualClock(Date.UTC(2026, 1, 2, 13, 45, 20));
    const { sim, v1 } = await start({ now: clock.now });
    const reply = await call(`${sim.url}/orders`, { headers: v1 });
    expect(rateHeaderNames(reply.headers)).toEqual(['x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);
    expect(reply.headers.get('x-ratelimit-limit')).toBe('100');
    expect(reply.headers.get('x-ratelimit-remaining')).toBe('99');
    expect(Number(reply.headers.get('x-ratelimit-reset'))).toBe(Date.UTC(2026, 1, 2, 13, 46, 0) / 1000);
    const error = await call(`${sim.url}/orders/ORD-1`, { headers: v1 });
    expect(error.status).toBe(404);
    expect(error.headers.get('x-ratelimit-remaining')).toBe('98');
  });

  it('every v2 reply carries RateLimit-* with the reset in seconds from now', async () => {
    const clock = manualClock(Date.UTC(2026, 1, 2, 13, 45, 20));
    const { sim, v2 } = await start({ now: clock.now });
    const reply = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(rateHeaderNames(reply.headers)).toEqual(['ratelimit-limit', 'ratelimit-remaining', 'ratelimit-reset']);
    expect(reply.headers.get('ratelimit-limit')).toBe('300');
    expect(reply.headers.get('ratelimit-reset')).toBe('40');
  });

  it('answers 429 rate_limited past rateLimitPerMinute until the window resets', async () => {
    const clock = manualClock(Date.UTC(2026, 1, 2, 13, 45, 0));
    const { sim, v2 } = await start({ now: clock.now, rateLimitPerMinute: 3 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(`${sim.url}/v2/orders`, { headers: v2 })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await call(`${sim.url}/v2/orders`, { headers: v2 });
    expect(limited.json()).toMatchObject({ success: false, error: 'rate_limited' });
    expect(limited.headers.get('ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('ratelimit-reset')).toBe('60');
    clock.advance(60_000);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2 })).status).toBe(200);
  });

  it('does not refuse requests when no limit is configured, but still counts them down', async () => {
    const { sim, v1 } = await start();
    let last;
    for (let i = 0; i < 101; i++) last = await call(`${sim.url}/orders`, { headers: v1 });
    expect(last!.status).toBe(200);
    expect(last!.headers.get('x-ratelimit-remaining')).toBe('0');
  });

  it('setReportedRemaining scripts the remaining budget the headers report', async () => {
    const { sim, v1, v2 } = await start();
    sim.setReportedRemaining(3);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2 })).headers.get('ratelimit-remaining')).toBe('3');
    expect((await call(`${sim.url}/orders`, { headers: v1 })).headers.get('x-ratelimit-remaining')).toBe('3');
    sim.setReportedRemaining(null);
    expect((await call(`${sim.url}/v2/orders`, { headers: v2 })).headers.get('ratelimit-remaining')).toBe('298');
  });

  it('the v1 hourly quota refuses once 1000 requests were taken in the hour', () => {
    const window = new RateWindow(600, 1000, true);
    const hour = Date.UTC(2026, 1, 2, 13);
    let taken = 0;
    for (let minute = 0; minute < 3; minute++) {
      for (let i = 0; i < 600; i++) if (window.take(hour + minute * 60_000)) taken++;
    }
    expect(taken).toBe(1000);
    expect(window.state(hour + 2 * 60_000)).toEqual({ limit: 600, remaining: 0, resetAt: hour + 3_600_000 });
    expect(window.take(hour + 3_600_000)).toBe(true);
  });
});

describe('close()', () => {
  it('resolves promptly while a latency fault is pending, and the process can then exit by itself', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('fixtures/close-while-slow.ts', import.meta.url))], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exitCode = await new Promise<number | null>((resolve) => {
      // A leaked socket or latency timer would keep the child alive for 60 s.
      const guard = setTimeout(() => {
        child.kill('SIGKILL');
        resolve(null);
      }, 10_000);
      child.on('exit', (code) => {
        clearTimeout(guard);
        resolve(code);
      });
    });
    expect(stderr).toBe('');
    expect(exitCode).toBe(0);
    const result = JSON.parse(stdout) as { closeMs: number; request: string };
    expect(result.request).toBe('failed');
    expect(result.closeMs).toBeLessThan(1000);
  });

  it('ends idle keep-alive connections too', async () => {
    const server = await startSimulator();
    await postJson(`${server.url}/v2/auth`, v2AuthBody);
    const started = Date.now();
    await server.close();
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
