/**
 * Each blind spot a review found, shown through the real headless CLI (`watch --json`) against the
 * simulator: it must come out as an announcement, or as a `health` event whose state is not ok.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, type TestContext } from 'vitest';
import { cliEnvFor, startSimulator } from '../../../sim/server';
import type { SimOptions, Simulator } from '../../../sim/types';
import { cliEnv, runCli, type CliRun } from '../../reliability/cli-process';


interface Event {
  type: string;
  state?: string;
  venueId?: string | null;
  message?: string;
  order?: { id: string; createdAt: string | null; total: number | null };
  orders?: { id: string }[];
}

async function watch(
  test: TestContext,
  simOptions: SimOptions,
  prepare: (sim: Simulator) => void,
  extraEnv: Record<string, string> = {},
) {
  const sim = await startSimulator(simOptions);
  prepare(sim);
  const stateDir = await mkdtemp(join(tmpdir(), 'cli-blind-'));
  const env = cliEnv({ ...cliEnvFor(sim), ...extraEnv });
  const run: CliRun = runCli(['watch', '--json', '--interval', '3', '--state-dir', stateDir], env);
  // Per test: the tests run side by side, and one ending must not stop the others' processes.
  test.onTestFinished(async () => {
    run.child.kill('SIGTERM');
    await run.exited;
    await sim.close();
    await rm(stateDir, { recursive: true, force: true });
  });
  const events = (): Event[] => run.lines.map((l) => JSON.parse(l.text) as Event);
  // Generous: several CLI processes start (tsx) at once on a busy machine.
  const until = (predicate: (events: Event[]) => boolean, timeoutMs = 40_000) => run.until(() => predicate(events()), timeoutMs);
  return { run, events, until };
}

const health = (events: Event[]) => events.filter((e) => e.type === 'health');

describe.concurrent('blind spots come out of `watch --json`', { timeout: 60_000 }, () => {
  it('an order whose creation time and total cannot be read is announced; one without an id raises "cannot read"', async (test) => {
    const w = await watch(
      test,{}, (sim) => {
      sim.addRawListItem({ id: 'ODD-1', status: 'PENDING', created_at: '18.08.2025 13:44', total: 'forty' });
      sim.addRawListItem({ status: 'PENDING', created_at: null });
    });
    expect(await w.until((e) => health(e).some((h) => h.state === 'unreadable'))).toBe(true);
    const announced = w.events().find((e) => e.type === 'new-order');
    expect(announced?.order).toMatchObject({ id: 'ODD-1', createdAt: null, total: null });
    expect(health(w.events()).find((h) => h.state === 'unreadable')?.message).toMatch(/cannot read/);
  });

  it('a venue that fails alone does not hide the orders of the others, and is named', async (test) => {
    const w = await watch(
      test,
      { venues: ['1', '2'] },
      (sim) => {
        sim.addOrder({ venueId: '1' });
        sim.addFault({ fault: { type: 'status', status: 403 }, path: '/orders', venue: '2', times: Infinity });
      },
      { CLOPOS_VENUE: '1,2' },
    );
    expect(await w.until((e) => health(e).some((h) => h.state === 'auth'))).toBe(true);
    expect(w.events().filter((e) => e.type === 'new-order')).toHaveLength(1);
    expect(health(w.events())).toEqual([expect.objectContaining({ state: 'auth', venueId: '2' })]);
  });

  it('a 200 that says no requests remain until a reset an hour away raises the alarm at once', async (test) => {
    const w = await watch(
      test,{}, (sim) => {
      sim.addOrder();
      sim.setReportedRemaining(0);
      sim.setReportedReset(Date.now() + 3_600_000);
    });
    expect(await w.until((e) => health(e).length > 0)).toBe(true);
    expect(health(w.events())).toEqual([expect.objectContaining({ state: 'rate-limited' })]);
    expect(health(w.events())[0]!.message).toMatch(/holds the next check for 6\d min/);
  });

  it('a listing the server does not page (the same 50 of 120 orders on every page) is "some orders cannot be seen"', async (test) => {
    const w = await watch(
      test,
      { variant: 'v1-page' },
      (sim) => {
        for (let i = 0; i < 120; i++) sim.addOrder({ createdAt: Date.now() - i * 1000 });
        sim.setIgnorePage(true);
      },
      { CLOPOS_API: 'v1' },
    );
    expect(await w.until((e) => health(e).some((h) => h.state === 'incomplete'))).toBe(true);
    expect(health(w.events()).find((h) => h.state === 'incomplete')?.message).toMatch(/some pending orders cannot be seen/);
  });
});

const FORGED = 'Nigar\r\n[2026-01-01T00:00:00.000Z] CONNECTION OK: forged\u001b[2J\u202e';
// What a terminal acts on: C0 (but the line feeds the CLI prints), DEL, C1, bidi, line separators.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('server text in the human output of the real CLI', { timeout: 60_000 }, () => {
  it('cannot forge a line: `poll --once` prints one line per order, escapes shown', async () => {
    const sim = await startSimulator({});
    try {
      sim.addOrder({ customer: { name: 'Nigar\r\n  CONNECTION OK: forged\u001b[2J\u202e', phone: '1', address: 'Baku' } });
      const run = runCli(['poll', '--once'], cliEnv({ ...cliEnvFor(sim) }));
      const { code } = await run.exited;
      expect(code).toBe(0);
      const out = run.lines.map((l) => l.text);
      expect(out).toHaveLength(2);
      expect(out[1]).toContain('Nigar\\r\\n  CONNECTION OK: forged\\x1b[2J\\u202e');
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      expect(out.join('\n') + run.stderr()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u202e]/);
    } finally {
      await sim.close();
    }
  });

  it('cannot forge a line: `watch` prints one line per announcement, escapes shown', async () => {
    const sim = await startSimulator({});
    const stateDir = await mkdtemp(join(tmpdir(), 'cli-forge-'));
    const run = runCli(['watch', '--interval', '3', '--state-dir', stateDir], cliEnv({ ...cliEnvFor(sim) }));
    try {
      sim.addOrder({ customer: { name: FORGED, phone: '1', address: 'Baku' }, comment: 'ring\u2028twice\u0085' });
      expect(await run.until(() => run.lines.some((l) => l.text.includes('NEW ORDER')), 40_000)).toBe(true);
      const out = run.lines.map((l) => l.text);
      // Every line is one announcement, stamped by the CLI: none starts with the server's text.
      expect(out.every((line) => /^\[\d{4}-\d\d-\d\dT[\d:.]+Z\] [A-Z]/.test(line))).toBe(true);
      expect(out.filter((line) => line.includes('NEW ORDER'))).toHaveLength(1);
      expect(out.find((line) => line.includes('NEW ORDER'))).toContain('Nigar\\r\\n[2026-01-01T00:00:00.000Z] CONNECTION OK: forged\\x1b[2J\\u202e');
      expect(out.join('\n') + run.stderr()).not.toMatch(RAW_CONTROL);
    } finally {
      run.child.kill('SIGTERM');
      await run.exited;
      await sim.close();
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
