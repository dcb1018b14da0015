/**
 * The composition root (main/index.ts) from source, with `electron` mocked by the recording fake
 * and the simulator as Clopos: the lifecycle behaviours that only exist once everything is wired
 * (the built bundle's full scenario is in test/smoke).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, afterAll, describe, expect, it, vi } from 'vitest';
import { DEMO_CREDENTIALS, startSimulator } from '../../../sim/server';
import type { Simulator } from '../../../sim/types';
import { waitFor } from '../../wait-for';

type Fake = typeof import('../../mocks/electron');
/** The fake as this launch of main/index.ts sees it: `electron` is imported anew after each module reset. */
let f: Fake;

vi.mock('electron', () => import('../../mocks/electron'));
vi.mock('electron-updater', () => ({
  autoUpdater: { on: () => undefined, removeListener: () => undefined, setFeedURL: () => undefined, checkForUpdates: async () => null, quitAndInstall: () => undefined },
}));

let sim: Simulator;
let userData: string;
const argv = process.argv;
const ENV = {
  CLOPOS_NOTIFIER_BRAND: DEMO_CREDENTIALS.brand,
  CLOPOS_NOTIFIER_VENUES: DEMO_CREDENTIALS.venues.join(','),
  CLOPOS_NOTIFIER_CLIENT_ID: DEMO_CREDENTIALS.clientId,
  CLOPOS_NOTIFIER_INTEGRATOR_ID: DEMO_CREDENTIALS.integratorId,
  CLOPOS_NOTIFIER_CLIENT_SECRET: DEMO_CREDENTIALS.clientSecret,
  CLOPOS_NOTIFIER_POLL_SECONDS: '60',
};

async function launch(flags: string[] = [], env: Record<string, string> = { CLOPOS_NOTIFIER_BASE_URL: sim.url }, secondInstance = false, sameUserData = false) {
  vi.resetModules();
  f = (await import('electron')) as unknown as Fake;
  f.recorder.reset();
  // A restart keeps the folder: settings and the announced record are on disk.
  if (!sameUserData) userData = mkdtempSync(path.join(os.tmpdir(), 'notifier-root-'));
  f.recorder.userDataDir = userData;
  f.app.singleInstance = !secondInstance;
  process.argv = [...argv, ...flags];
  for (const [k, v] of Object.entries({ ...ENV, ...env })) vi.stubEnv(k, v);
  // A Linux start-at-login entry goes to this launch's own config folder, never the user's.
  vi.stubEnv('XDG_CONFIG_HOME', path.join(userData, 'config'));
  await import('../../../main/index');
  f.app.markReady();
  return f;
}

const ordersRequests = () => sim.requests().filter((r) => r.path === '/orders').length;

async function quit() {
  let done = false;
  f.app.once('quit', () => (done = true));
  f.app.quit();
  await waitFor('quit', () => done);
}

describe('composition root', () => {
  beforeAll(async () => {
    sim = await startSimulator({ host: '127.0.0.1' });
  });
  afterAll(async () => {
    await sim.close();
  });
  afterEach(async () => {
    process.argv = argv;
    vi.unstubAllEnvs();
    rmSync(userData, { recursive: true, force: true });
  });

  it('a second launch only hands over to the first: no window, no tray, no poller', async () => {
    sim.clearRequests();
    const { recorder } = await launch([], undefined, true);
    await waitFor('the quit', () => recorder.quitCalls > 0);
    expect(recorder.windows).toHaveLength(0);
    expect(recorder.trays).toHaveLength(0);
    expect(ordersRequests()).toBe(0);
  });

  it('--hidden starts in the tray; the other launch and the tray bring the window forward', async () => {
    const { recorder, app } = await launch(['--hidden']);
    const tray = await waitFor('the tray', () => recorder.trays[0]?.menu && recorder.trays[0]);
    const win = recorder.windows[0]!;
    expect(recorder.appUserModelIds).toEqual(['az.clopos.notifier']);
    expect(win.isVisible()).toBe(false);
    app.emit('second-instance');
    expect([win.isVisible(), win.isFocused()]).toEqual([true, true]);
    win.close();
    expect(win.isVisible()).toBe(false);
    tray.menu?.find('Open')?.click?.();
    expect(win.isVisible()).toBe(true);
    await quit();
  });

  it('polls at once on resume from sleep', async () => {
    const { recorder, powerMonitor } = await launch();
    await waitFor('the first poll', () => recorder.trays[0]?.tooltip.includes('last check'));
    const before = ordersRequests();
    powerMonitor.emit('resume');
    await waitFor('a poll after resume', () => ordersRequests() > before);
    await quit();
  });

  it('Start at login in the tray registers the login item with --hidden and ticks the box', async () => {
    const { recorder } = await launch();
    const tray = await waitFor('the tray', () => recorder.trays[0]?.menu && recorder.trays[0]);
    tray.menu?.find('Start at login')?.click?.();
    if (process.platform === 'linux') {
      // Electron has no login items on Linux: an XDG autostart entry starts the app hidden.
      const entry = path.join(userData, 'config', 'autostart', 'clopos-order-notifier.desktop');
      await waitFor('the autostart entry', () => existsSync(entry));
      expect(readFileSync(entry, 'utf8')).toMatch(/^Exec=.* --hidden$/m);
      expect(recorder.loginItemSettings).toEqual([]);
      await waitFor('the ticked box', () => tray.menu?.find('Start at login')?.checked);
      tray.menu?.find('Start at login')?.click?.();
      await waitFor('the entry removed', () => !existsSync(entry));
    } else {
      await waitFor('the login item', () => recorder.loginItemSettings.length > 0);
      expect(recorder.loginItemSettings.at(-1)).toEqual({ openAtLogin: true, args: ['--hidden'] });
      await waitFor('the ticked box', () => tray.menu?.find('Start at login')?.checked);
    }
    await quit();
  });

  it('Pause reminders and Mute all sound in the tray say so until resumed', async () => {
    const { recorder } = await launch();
    const tray = await waitFor('the first poll', () => recorder.trays[0]?.tooltip.includes('last check') && recorder.trays[0]);
    tray.menu?.find('Pause reminders')?.submenu?.find((i) => i.label === '15 minutes')?.click?.();
    await waitFor('reminders paused', () => tray.tooltip.includes('reminders paused until'));
    tray.menu?.find('Resume alerts')?.click?.();
    await waitFor('reminders resumed', () => !tray.tooltip.includes('reminders paused'));
    tray.menu?.find('Mute all sound')?.submenu?.find((i) => i.label === '5 minutes')?.click?.();
    await waitFor('muted', () => tray.tooltip.includes('ALL SOUND OFF until'));
    tray.menu?.find('Resume alerts')?.click?.();
    await waitFor('sound back', () => !tray.tooltip.includes('ALL SOUND OFF'));
    await quit();
  });

  it('--demo runs the simulator in-process and says DEMO in the window, the tray and the app info', async () => {
    const { recorder, BrowserWindow, ipcMain } = await launch(['--demo'], {});
    await waitFor('the demo orders', () => /^DEMO · \d+ orders? waiting/.test(recorder.trays[0]?.tooltip ?? '') && recorder.trays[0]);
    const win = BrowserWindow.getAllWindows()[0]!;
    expect(win.options.title).toMatch(/DEMO/);
    const info = (await ipcMain.invoke('notifier:get-app-info', undefined)) as { ok: boolean; value: { demo: boolean } };
    expect(info).toMatchObject({ ok: true, value: { demo: true } });
    expect(recorder.notifications.length).toBeGreaterThan(0);
    await quit();
  });

  it('acknowledging in the window or the tray closes that order\'s notification; a language change renames window and tray at once', async () => {
    const { recorder, ipcMain, BrowserWindow } = await launch();
    const tray = await waitFor('the first poll', () => recorder.trays[0]?.tooltip.includes('last check') && recorder.trays[0]);
    const orders = [sim.addOrder(), sim.addOrder()];
    tray.menu?.find('Check now')?.click?.();
    await waitFor('two notifications', () => recorder.notifications.length >= 2);
    const [first, second] = recorder.notifications;
    expect([first?.title, second?.title]).toEqual(orders.map((o) => `New order ${o.id}`));

    expect(await ipcMain.invoke('notifier:acknowledge', { id: String(orders[0]!.id) })).toMatchObject({ ok: true });
    expect([first?.closed, second?.closed]).toEqual([true, false]);
    tray.menu?.find('All seen (stop the alarm)')?.click?.();
    await waitFor('the second notification to close', () => second?.closed);

    expect(await ipcMain.invoke('notifier:set-settings', { language: 'ru' })).toMatchObject({ ok: true });
    expect(BrowserWindow.getAllWindows()[0]?.title).toBe('Clopos: уведомления о заказах');
    expect(tray.tooltip).toMatch(/^2 заказа ждут · проверено \d\d:\d\d:\d\d$/);
    expect(tray.menu?.find('Открыть')).toBeDefined();
    for (const o of orders) sim.accept(o.id);
    await quit();
  });

  it('prints each new order\'s slip once, silently on the chosen printer at the paper width; a failed slip is a problem on the window and prints after a restart', async () => {
    const first = await launch();
    const tray = await waitFor('the first poll', () => first.recorder.trays[0]?.tooltip.includes('last check') && first.recorder.trays[0]);
    const printing = { printer: 'XP-80C', paperWidthMm: 58, printEachNewOrder: true };
    expect(await first.ipcMain.invoke('notifier:set-settings', { printing })).toMatchObject({ ok: true });
    const printed = sim.addOrder();
    tray.menu?.find('Check now')?.click?.();
    await waitFor('the slip to print', () => first.recorder.prints.length === 1);
    const job = first.recorder.prints[0]!;
    expect(job.hash).toBe(`print-slip?id=${printed.id}&venue=${printed.venueId}`);
    expect(job.options).toMatchObject({ silent: true, deviceName: 'XP-80C', margins: { marginType: 'none' } });
    // 58 mm wide; as long as the slip page said it is (640 CSS px).
    expect(job.options.pageSize).toEqual({ width: 58_000, height: Math.ceil(640 * (25_400 / 96)) });
    // The print window is the app's own page, hidden, and gone after printing.
    const printWindow = first.recorder.windows.find((w) => w.id === job.windowId)!;
    expect(printWindow.options.show).toBe(false);
    expect(printWindow.loaded?.target).toMatch(/index\.html$/);
    await waitFor('the print window to close', () => printWindow.destroyed);

    // The printer refuses the next one: the window is told, the slip stays due.
    first.recorder.printFailure = 'Printer is out of paper';
    const failed = sim.addOrder();
    tray.menu?.find('Check now')?.click?.();
    const problem = await waitFor('the print problem to reach the window', () =>
      first.recorder.sent.map((m) => m.payload as { printProblem?: { orderId: string; reason: string } | null }).find((p) => p?.printProblem?.orderId === String(failed.id)),
    );
    expect(problem.printProblem?.reason).toContain('Printer is out of paper');
    expect(first.recorder.prints).toHaveLength(2);
    await quit();

    // After a restart: the failed slip prints, the printed one never again.
    const second = await launch([], undefined, false, true);
    await waitFor('the due slip to print after the restart', () => second.recorder.prints.length === 1);
    expect(second.recorder.prints[0]!.hash).toContain(`id=${failed.id}&`);
    const again = second.recorder.trays[0]!;
    const states = second.recorder.sent.filter((m) => m.channel === 'notifier:state').length;
    sim.clearRequests();
    again.menu?.find('Check now')?.click?.();
    await waitFor('another check and its state', () => ordersRequests() > 0 && second.recorder.sent.filter((m) => m.channel === 'notifier:state').length > states);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(second.recorder.prints).toHaveLength(1);
    for (const o of [printed, failed]) sim.accept(o.id);
    await quit();
  });

  it('keeps the window on top while an order is not seen, and brings it to the front on a new one, when the owner turned these on', async () => {
    const { recorder, ipcMain, BrowserWindow } = await launch(['--hidden']);
    const tray = await waitFor('the first poll', () => recorder.trays[0]?.tooltip.includes('last check') && recorder.trays[0]);
    const win = BrowserWindow.getAllWindows()[0]!;
    expect(await ipcMain.invoke('notifier:set-settings', { window: { bringToFront: true, keepOnTop: true } })).toMatchObject({ ok: true });
    expect(win.visible).toBe(false);
    const order = sim.addOrder();
    tray.menu?.find('Check now')?.click?.();
    await waitFor('the window on top and in front', () => win.alwaysOnTop && win.visible && win.focused);
    expect(await ipcMain.invoke('notifier:acknowledge', { id: String(order.id) })).toMatchObject({ ok: true });
    await waitFor('the window to let go', () => !win.alwaysOnTop);
    sim.accept(order.id);
    await quit();
  });
});
