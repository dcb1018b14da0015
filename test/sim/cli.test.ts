import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { call, postJson } from './http';

const CLI = fileURLToPath(new URL('../../sim/cli.ts', import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function runCli(args: string[]): { child: ChildProcessWithoutNullStreams; output: () => string; errors: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { stdio: 'pipe' });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return { child, output: () => stdout, errors: () => stderr };
}

function exitOf(child: ChildProcessWithoutNullStreams, timeoutMs = 10_000): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    const guard = setTimeout(() => resolve(null), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(guard);
      resolve(code);
    });
  });
}

async function waitFor(read: () => string, pattern: RegExp, timeoutMs = 10_000): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(read());
    if (match) return match;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${pattern} in:\n${read()}`);
}

describe('npm run sim', () => {
  it('prints the settings a client needs, serves them, and stops cleanly on SIGTERM', async () => {
    const cli = runCli(['--api', 'v1', '--orders-per-minute', '0', '--initial-orders', '3', '--seed', '1', '--brand', 'demo-brand']);
    const line = (await waitFor(cli.output, /^ {2}(CLOPOS_API=.*) npm run/m))[1]!;
    const env = Object.fromEntries(line.split(' ').map((pair) => pair.split('=', 2) as [string, string]));
    expect(env).toMatchObject({ CLOPOS_API: 'v1', CLOPOS_BRAND: 'demo-brand', CLOPOS_VENUE: '1' });
    expect(env.CLOPOS_BASE_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/open-api$/);

    const auth = await postJson(`${env.CLOPOS_BASE_URL}/auth`, {
      client_id: env.CLOPOS_CLIENT_ID,
      client_secret: env.CLOPOS_CLIENT_SECRET,
      brand: env.CLOPOS_BRAND,
      venue_id: env.CLOPOS_VENUE,
    });
    expect(auth.status).toBe(200);
    const headers = { 'x-token': auth.json().token as string, 'x-brand': env.CLOPOS_BRAND!, 'x-venue': env.CLOPOS_VENUE! };
    const list = (await call(`${env.CLOPOS_BASE_URL}/orders?status=pending`, { headers })).json();
    expect(list.pagination).toMatchObject({ total: 3 });
    expect(cli.output()).not.toContain(auth.json().token as string);

    cli.child.kill('SIGTERM');
    expect(await exitOf(cli.child)).toBe(0);
    expect(cli.output()).toContain('SIGTERM: stopping');
  });

  it('rejects an unknown variant with exit code 2 and the usage text', async () => {
    const cli = runCli(['--variant', 'v3-everything']);
    expect(await exitOf(cli.child)).toBe(2);
    expect(cli.errors()).toContain('--variant must be one of: v1-page, v1-schema, v2-full');
    expect(cli.errors()).toContain('Usage: npm run sim');
  });
});
