/**
 * The real CLI process (node + tsx) against the simulator over HTTP: exit codes, output shapes,
 * and that no secret or token ever reaches stdout or stderr.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { orderSchema } from '../../../common/order';
import { announcedFileName } from '../../../main/watch';
import { cliEnvFor, startSimulator } from '../../../sim/server';
import type { Simulator } from '../../../sim/types';

const ROOT = resolve(__dirname, '../../..');
const SECRET = 'Sekr3t-for-cli-tests-1b9f';
const JWT_LIKE = /eyJ[A-Za-z0-9_-]{8,}/;

let sim: Simulator;
let stateDir: string;
const outputs: string[] = [];

beforeAll(async () => {
  sim = await startSimulator({ clientSecret: SECRET });
});
afterAll(async () => {
  await sim.close();
});
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'cli-state-'));
  sim.clearFaults();
  sim.setCredentialsValid(true);
  sim.setOnline(true);
  for (const o of sim.orders()) if (o.status === 'PENDING') sim.setStatus(o.id, 'IGNORE');
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('CLOPOS_')));
  return {
    ...base,
    ...cliEnvFor(sim, SECRET),
    ...extra,
  };
}

interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** Resolves with the stdout lines once `count` of them are there. */
  lines: (count: number, timeoutMs?: number) => Promise<string[]>;
}

function start(args: string[], env = cliEnv()): Running {
  const child = spawn(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', ...args], { cwd: ROOT, env });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    waiters.forEach((w) => w());
  });
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  const exited = new Promise<number | null>((done) =>
    child.on('exit', (code) => {
      clearTimeout(killer);
      outputs.push(out, err);
      done(code);
    }),
  );
  const lines = (count: number, timeoutMs = 10_000) =>
    new Promise<string[]>((done, fail) => {
      const current = () => out.split('\n').filter((l) => l.trim() !== '');
      const timer = setTimeout(() => fail(new Error(`expected ${count} lines, got: ${out}\nstderr: ${err}`)), timeoutMs);
      const check = () => {
        if (current().length >= count) {
          clearTimeout(timer);
          done(current());
        }
      };
      waiters.push(check);
      check();
    });
  return { child, stdout: () => out, stderr: () => err, exited, lines };
}

async function run(args: string[], env = cliEnv()) {
  const p = start(args, env);
  const code = await p.exited;
  return { code, stdout: p.stdout(), stderr: p.stderr() };
}

describe('CLI usage', () => {
  it('prints help and exits 0', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('poll --once [--json]');
  });

  it('exits 2 with a clear message on bad usage', async () => {
    const missing = await run(['check'], { ...cliEnv(), CLOPOS_BRAND: '' });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--brand or CLOPOS_BRAND');
    expect(missing.stdout).toBe('');
    const unknown = await run(['poll', '--once', '--intervall', '5']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown option --intervall');
  });
});

describe('check', () => {
  it('exits 0 and says so when all is well', async () => {
    const r = await run(['check']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('[ ok ] Sign-in');
    expect(r.stdout).toContain('All is well');
  });

  it('explains refused credentials and exits 1', async () => {
    const r = await run(['check'], cliEnv({ CLOPOS_CLIENT_SECRET: `${SECRET}-wrong` }));
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[FAIL] Sign-in');
    expect(r.stdout).toContain('What to do:');
    expect(r.stdout + r.stderr).not.toContain(`${SECRET}-wrong`);
  });
});

describe('poll --once', () => {
  it('prints one JSON object with every pending order in the normalised form', async () => {
    sim.addOrder({ customer: { name: 'Nigar', phone: '+994500000000', address: 'Baku' } });
    sim.addOrder();
    const r = await run(['poll', '--once', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(Object.keys(body).sort()).toEqual(['ok', 'orders', 'venues']);
    expect(body.ok).toBe(true);
    expect(body.orders).toHaveLength(2);
    // How each venue's listing went: a blind venue would say so here (and exit 1).
    expect(body.venues).toEqual([{ venueId: '1', error: null, incomplete: null, paged: false, unreadable: 0 }]);
    for (const o of body.orders) expect(orderSchema.strict().parse(o)).toEqual(o);
  });

  it('prints {"ok":false,"error":{kind,message}} and exits 1 when Clopos fails', async () => {
    sim.addFault({ fault: { type: 'status', status: 500 }, times: Infinity, path: '/orders' });
    const r = await run(['poll', '--once', '--json']);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout);
    expect(body).toEqual({ ok: false, error: { kind: 'server', message: expect.any(String) } });
  });

  it('never prints a pasted token, even when Clopos rejects it', async () => {
    const token = 'pasted-token-value-7f3a9c';
    const r = await run(['poll', '--once', '--json'], cliEnv({ CLOPOS_CLIENT_SECRET: '', CLOPOS_TOKEN: token }));
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).error.kind).toBe('auth');
    expect(r.stdout + r.stderr).not.toContain(token);
  });
});

describe('watch', () => {
  it('announces pending orders as JSON lines, exits 0 on SIGTERM and does not announce them again after a restart', async () => {
    const a = sim.addOrder();
    const b = sim.addOrder();
    const first = start(['watch', '--json', '--state-dir', stateDir]);
    const lines = (await first.lines(2)).map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.type, l.order.id]).sort()).toEqual([
      ['new-order', String(a.id)],
      ['new-order', String(b.id)],
    ]);
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(await readdir(stateDir)).toEqual([announcedFileName({ api: 'v2', brand: 'openapitest', baseUrl: sim.url })]);

    const c = sim.addOrder();
    const second = start(['watch', '--json', '--state-dir', stateDir]);
    const after = (await second.lines(1)).map((l) => JSON.parse(l));
    expect(after).toEqual([expect.objectContaining({ type: 'new-order', order: expect.objectContaining({ id: String(c.id) }) })]);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
    expect(second.stdout().trim().split('\n')).toHaveLength(1);
  });

  it('announces an order that arrives while running and one that leaves pending (real 3 s interval)', async () => {
    const early = sim.addOrder();
    const p = start(['watch', '--interval', '3', '--state-dir', stateDir]);
    await p.lines(1);
    const late = sim.addOrder();
    sim.accept(early.id);
    const lines = await p.lines(3, 8_000);
    p.child.kill('SIGTERM');
    expect(await p.exited).toBe(0);
    expect(lines[0]).toMatch(new RegExp(`NEW ORDER .*\\b${early.id}\\b`));
    expect(lines.slice(1).join('\n')).toMatch(new RegExp(`NEW ORDER .*\\b${late.id}\\b`));
    expect(lines.slice(1).join('\n')).toMatch(new RegExp(`${early.id}.* is no longer pending`));
    expect(p.stderr()).toContain('Stopping (SIGTERM)');
  });
});

describe('secrets', () => {
  it('never printed the client secret or a token in any run above', () => {
    expect(outputs.length).toBeGreaterThan(10);
    for (const text of outputs) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toMatch(JWT_LIKE);
    }
  });
});
