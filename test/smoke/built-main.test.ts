/**
 * Smoke test of the production main bundle: builds dist/ (node scripts/build.mjs), then runs
 * test/smoke/scenario.ts in a child Node process, which loads dist/main/index.cjs with `electron`
 * resolved to the recording fake and drives the scenario against the simulator. Each `it` below
 * checks one step of what a person would have seen. `npm run smoke` runs only this file.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invokeChannels } from '../../common/contract';
import { DEMO_CREDENTIALS } from '../../sim/server';

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** From the report line to the process' exit: how long it lingered after the app quit. */
  lingerMs: number | null;
}

const ROOT = path.resolve(__dirname, '..', '..');
// A build of its own: other tests and scripts may rebuild the shared dist/ at the same time.
const DIST = mkdtempSync(path.join(tmpdir(), 'notifier-smoke-dist-'));
const CHILD_DEADLINE_MS = 75_000;

function runNode(args: string[], env: NodeJS.ProcessEnv, deadlineMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let reportAt: number | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (reportAt === null && stdout.includes('SMOKE_REPORT ')) reportAt = Date.now();
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // A child that does not end by itself fails the run (it is killed, and `signal` says so).
    const watchdog = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.on('exit', (code, signal) => {
      clearTimeout(watchdog);
      resolve({ code, signal, stdout, stderr, lingerMs: reportAt === null ? null : Date.now() - reportAt });
    });
  });
}

type Step = Record<string, unknown>;
let run: Run;
let report: Record<string, Step | unknown>;
const step = (name: string): Step => (report[name] ?? {}) as Step;

describe('built main bundle against the simulator (smoke)', () => {
  beforeAll(async () => {
    const build = await runNode([path.join('scripts', 'build.mjs')], { ...process.env, NOTIFIER_DIST_DIR: DIST }, 120_000);
    expect(build.code, `build failed:\n${build.stderr}`).toBe(0);
    run = await runNode(
      ['--import', 'tsx', path.join('test', 'smoke', 'scenario.ts'), path.join(DIST, 'main', 'index.cjs')],
      { ...process.env, TZ: 'UTC' },
      CHILD_DEADLINE_MS,
    );
    const line = run.stdout.split('\n').find((l) => l.startsWith('SMOKE_REPORT '));
    expect(line, `no report; stderr:\n${run.stderr.slice(-3000)}`).toBeDefined();
    report = JSON.parse(line!.slice('SMOKE_REPORT '.length)) as Record<string, unknown>;
    expect(report.error, String(report.error)).toBeUndefined();
  }, 200_000);
  afterAll(() => rmSync(DIST, { recursive: true, force: true }));

  it('starts: app id, sandboxed window on the built renderer, every IPC channel, close hides to the tray', () => {
    const s = step('start');
    expect(s.appUserModelIds).toEqual(['az.clopos.notifier']);
    expect(s.loaded).toEqual({ kind: 'file', target: path.join(DIST, 'renderer', 'index.html') });
    expect(s.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      backgroundThrottling: false,
      preload: path.join(DIST, 'preload', 'index.cjs'),
    });
    expect([s.minWidth, s.minHeight]).toEqual([1024, 768]);
    expect(s.handlers).toEqual(Object.keys(invokeChannels));
    expect(s.tooltip).toMatch(/^No orders waiting · last check \d\d:\d\d:\d\d$/);
    expect(s.closeHidesWindow).toBe(true);
  });

  it('two new orders → two notifications with the right title and body, badge and taskbar flash', () => {
    const s = step('two new orders');
    const [first, second] = s.ids as string[];
    expect(s.notifications).toEqual([
      { title: `New order ${first}`, body: '≈ 27.00 AZN · 2 items\nAysel Məmmədova\njust now', urgency: 'normal', timeoutType: 'default' },
      { title: `New order ${second}`, body: '≈ 6.00 AZN · 3 items\nRəşad Həsənov\njust now', urgency: 'normal', timeoutType: 'default' },
    ]);
    expect(s.tooltip).toMatch(/^2 orders waiting · last check /);
    expect(s.badge).toBe(2);
    expect(s.flashes).toContain(true);
  });

  it('click on the second → window shown and focused, that order selected', () => {
    const s = step('click the second');
    const [, second] = step('two new orders').ids as string[];
    expect(s).toMatchObject({ visible: true, focused: true, selected: { id: second } });
  });

  it('the alarm was told to play for each new order', () => {
    expect(step('alarm').alarms).toEqual([
      { action: 'play', kind: 'order' },
      { action: 'play', kind: 'order' },
    ]);
  });

  it('accepting one in the POS drops the tray count and tooltip', () => {
    const s = step('accept one');
    expect(s.tooltip).toMatch(/^1 order waiting · last check /);
    expect(s.badge).toBe(1);
  });

  it('an expired token is renewed with no alarm, no notification and health still ok', () => {
    expect(step('token expires')).toMatchObject({ rejectedWithOldToken: true, newAlarms: [], newNotifications: [], health: 'ok' });
  });

  it('going offline raises one health notification after the failure threshold, with its own sound', () => {
    const s = step('offline');
    expect(s.title).toMatch(/^Not receiving orders — offline since \d\d:\d\d$/);
    expect(s.body).toMatch(/The app keeps trying/);
    expect(s.urgency).toBe('critical');
    // Two failed polls 3 s apart: not on the first failure.
    expect(s.afterMs).toBeGreaterThanOrEqual(3_000);
    expect(s.lastAlarm).toEqual({ action: 'play', kind: 'health' });
    expect(s.tooltip).toMatch(/^Not receiving orders/);
  });

  it('back online → the "Not receiving orders" notice closes, the recovery notice and the order count again', () => {
    const s = step('back online');
    expect(s.problemNoticesOpen).toBe(0);
    expect(s.title).toBe('Receiving orders again');
    expect(s.body).toMatch(/^Connection restored at \d\d:\d\d \(down since \d\d:\d\d\)/);
    expect(s.tooltip).toMatch(/^1 order waiting/);
  });

  it('Quit in the tray leaves no timer or handle: the process ends by itself', () => {
    expect(step('quit')).toMatchObject({ trayDestroyed: true, windowDestroyed: true });
    // The child's own stdout/stderr pipes are the only resources allowed to remain.
    expect((report.activeResources as string[]).filter((r) => r !== 'PipeWrap' && r !== 'TTYWrap')).toEqual([]);
    expect(run.signal).toBeNull();
    expect(run.code).toBe(0);
    expect(run.lingerMs).not.toBeNull();
    expect(run.lingerMs!).toBeLessThan(2_000);
  });

  it('logged to its log file, and never wrote the client secret there or to its output', () => {
    expect(report.log).toMatchObject({ hasSecret: false });
    expect((report.log as { lines: number }).lines).toBeGreaterThan(5);
    expect(run.stdout + run.stderr).not.toContain(DEMO_CREDENTIALS.clientSecret);
  });
});
