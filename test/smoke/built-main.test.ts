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
import { desktopFileValidate } from '../desktop-file-validate';

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
/** The same bundle on its Windows platform path. */
let winRun: Run;
let winReport: Record<string, Step | unknown>;
const winStep = (name: string): Step => (winReport[name] ?? {}) as Step;

function reportOf(r: Run): Record<string, unknown> {
  const line = r.stdout.split('\n').find((l) => l.startsWith('SMOKE_REPORT '));
  expect(line, `no report; stderr:\n${r.stderr.slice(-3000)}`).toBeDefined();
  const parsed = JSON.parse(line!.slice('SMOKE_REPORT '.length)) as Record<string, unknown>;
  expect(parsed.error, String(parsed.error)).toBeUndefined();
  return parsed;
}


describe('built main bundle against the simulator (smoke)', () => {
  beforeAll(async () => {
    const build = await runNode([path.join('scripts', 'build.mjs')], { ...process.env, NOTIFIER_DIST_DIR: DIST }, 120_000);
    expect(build.code, `build failed:\n${build.stderr}`).toBe(0);
    const child = (...extra: string[]) =>
      runNode(['--import', 'tsx', path.join('test', 'smoke', 'scenario.ts'), path.join(DIST, 'main', 'index.cjs'), ...extra], { ...process.env, TZ: 'UTC' }, CHILD_DEADLINE_MS);
    [run, winRun] = await Promise.all([child(), child('win32')]);
    report = reportOf(run);
    winReport = reportOf(winRun);
  }, 200_000);
  afterAll(() => rmSync(DIST, { recursive: true, force: true }));

  it('starts: app id, sandboxed window on the built renderer, every IPC channel, close hides to the tray', () => {
    const s = step('start');
    expect(s.appUserModelIds).toEqual(['az.clopos.notifier']);
    // Linux: no toast activator; crash dumps kept in the log folder, never uploaded.
    expect(s.crashReporter).toEqual([expect.objectContaining({ uploadToServer: false })]);
    expect(s.crashDumps).toBe(path.join(String(s.logs), 'crash-dumps'));
    expect(s.clsids).toEqual([]);
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
      { title: `New order ${first}`, body: 'Call centre · ≈ 27.00 AZN · 1 item\nAysel Məmmədova\njust now', urgency: 'normal', timeoutType: 'default' },
      { title: `New order ${second}`, body: 'Call centre · ≈ 6.00 AZN · 1 item\nRəşad Həsənov\njust now', urgency: 'normal', timeoutType: 'default' },
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

  it('Linux: enabling start at login writes a valid XDG autostart entry that starts hidden; disabling removes it', () => {
    const s = step('start at login (Linux)');
    expect(s.saved).toBe(true);
    expect(s.written).toMatch(/^Exec=.* --hidden$/m);
    expect(s.written).toMatch(/^X-GNOME-Autostart-enabled=true$/m);
    desktopFileValidate(String(s.keptCopy));
    expect(s.removed).toBe(true);
    // Not Electron's login item, which does nothing on Linux.
    expect(s.loginItemCalls).toBe(0);
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

/** What Windows would show for the same bundle: the platform path is taken by the code, the OS is the recording fake. */
describe('built main bundle on the Windows platform path (smoke)', () => {
  type ToastView = { id: string; closed: boolean; scenario: string | null; texts: string[]; buttons: { label: string; args: string }[] };

  it('sets the toast activator CLSID before the AppUserModelID and handles activations from the start', () => {
    const s = winStep('start');
    expect(s.clsids).toEqual([{ clsid: '{80DBEDC3-F67E-4A5C-B4E9-E594A3D84E28}', appUserModelIdsBefore: 0 }]);
    expect(s.appUserModelIds).toEqual(['az.clopos.notifier']);
    expect(s.activationHandler).toBe(true);
    expect(s.crashReporter).toEqual([expect.objectContaining({ uploadToServer: false })]);
  });

  it('a new order is a toast with the number, channel, total and items, and Seen / Open buttons', () => {
    const toast = winStep('new order toast').toast as ToastView;
    expect(toast.scenario).toBeNull();
    expect(toast.texts[0]).toMatch(/^New order /);
    expect(toast.texts.join(' ')).toMatch(/Wolt · ≈? ?25\.00 AZN · 1 item/);
    expect(toast.buttons.map((b) => b.label)).toEqual(['Seen', 'Open']);
    expect(winStep('new order toast').trayAcknowledgeEnabled).toBe(true);
  });

  it("the toast's Seen acknowledges that order in main: the alarm stops, the window is told, the tray has nothing left to acknowledge", () => {
    const s = winStep('acknowledge from the toast');
    expect(s.acknowledged).toBe(true);
    expect(s.alarmAfter).toContainEqual({ action: 'stop' });
    expect(s.trayAcknowledgeEnabled).toBe(false);
    // Acknowledged: its toast leaves the screen and the Action Center.
    expect(s.toastClosed).toBe(true);
  });

  it('an escalation is an urgent toast that replaces the order\'s toast', () => {
    const s = winStep('escalation toast');
    const toast = s.toast as ToastView;
    expect(toast.scenario).toBe('urgent');
    expect(toast.texts[0]).toMatch(/^Order .* waiting/);
    expect(s.sameTagShown).toBe(2);
    expect(s.sameTagOpen).toBe(1);
    expect(s.replacedNotClosed).toBe(1);
  });

  it('the toast is removed when the order is accepted on the POS', () => {
    expect(winStep('accepted on the POS').open).toBe(0);
  });

  it('the global shortcut acknowledges every waiting order; one another app holds is refused in words', () => {
    const s = winStep('global shortcut');
    expect(s.heldWarning).toBeNull();
    expect(s.refusedWarning).toMatch(/CommandOrControl\+Shift\+A is already used by another app/);
    expect(s.pressed).toBe(true);
    expect(s.acknowledged).toBe(true);
  });

  it('toasts Windows refuses are said to the window, and the next one shown clears it', () => {
    expect(winStep('toasts refused').appInfos).toEqual([false]);
    expect(winStep('test notification').appInfos).toEqual([false, true]);
  });

  it('"Send a test notification" shows a real toast', () => {
    const s = winStep('test notification');
    expect(s.reply).toEqual({ ok: true, value: { shown: true } });
    expect((s.toast as ToastView).texts[0]).toBe('Test notification');
  });

  it('quits cleanly, leaving pending toasts in the Action Center and no shortcut held', () => {
    const s = winStep('quit');
    expect(s.trayDestroyed).toBe(true);
    expect(s.shortcutsHeld).toBe(0);
    expect(Number(s.toastsLeftInActionCenter)).toBeGreaterThan(0);
    expect(winRun.code).toBe(0);
    expect(winRun.stdout + winRun.stderr).not.toContain(DEMO_CREDENTIALS.clientSecret);
  });
});
