/**
 * The smoke run's child process: loads the BUILT main bundle (dist/main/index.cjs) in plain Node
 * with `require('electron')` answered by the recording fake, points it at an in-process simulator
 * through the CLOPOS_NOTIFIER_* variables (main/app/launch.ts), drives the scenario and prints
 * what a person would have seen as one `SMOKE_REPORT {json}` line. It never calls process.exit:
 * after Quit the process must end by itself, which is part of what the parent test checks.
 *
 * Run: node --import tsx test/smoke/scenario.ts [path/to/index.cjs]
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import * as fakeElectron from '../mocks/electron';
import { resolveElectronToFake } from '../mocks/resolve-electron-to-fake';
import { appEnvFor, DEMO_CREDENTIALS, startSimulator } from '../../sim/server';
import type { Simulator, SimOrder } from '../../sim/types';
import { waitFor as waitUntil } from '../wait-for';

const waitFor = <T>(what: string, probe: () => T | null | undefined | false, timeoutMs = 20_000): Promise<T> => waitUntil(what, probe, timeoutMs, 50);

const { app, ipcMain, recorder } = fakeElectron;
const bundle = path.resolve(process.argv[2] ?? 'dist/main/index.cjs');


const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

const alarms = () => recorder.sent.filter((m) => m.channel === 'notifier:alarm').map((m) => m.payload);
const notificationsView = () => recorder.notifications.map((n) => ({ title: n.title, body: n.body, urgency: n.options.urgency, timeoutType: n.options.timeoutType }));
const tray = () => recorder.trays[0];
const win = () => recorder.windows[0];

async function scenario(sim: Simulator, report: Record<string, unknown>): Promise<void> {
  const step = async (name: string, run: () => Promise<Record<string, unknown>>) => {
    const started = Date.now();
    report[name] = { ...(await run()), ms: Date.now() - started };
  };

  await step('start', async () => {
    await waitFor('the window to load and the tray to exist', () => win()?.loaded && tray()?.menu);
    await waitFor('the first successful check', () => tray()?.tooltip.includes('last check'));
    const window = win()!;
    window.close();
    return {
      appUserModelIds: recorder.appUserModelIds,
      loaded: window.loaded,
      webPreferences: window.options.webPreferences,
      minWidth: window.options.minWidth,
      minHeight: window.options.minHeight,
      title: window.title || window.options.title,
      handlers: [...ipcMain.handlers.keys()],
      tooltip: tray()?.tooltip,
      closeHidesWindow: !window.isDestroyed() && !window.isVisible(),
    };
  });

  let orders: SimOrder[] = [];
  await step('two new orders', async () => {
    orders = [
      sim.addOrder({ products: [{ productId: 1, name: 'Toyuq plov', price: 12.5, count: 2 }], deliveryFee: 2 }),
      sim.addOrder({
        customer: { name: 'Rəşad Həsənov', phone: '+994 55 000 00 00', address: '' },
        products: [{ productId: 2, name: 'Ayran', price: 2, count: 3 }],
        deliveryType: 'pickup',
      }),
    ];
    await waitFor('two notifications', () => recorder.notifications.length >= 2);
    await waitFor('the tray to count two orders', () => tray()?.tooltip.startsWith('2 orders waiting'));
    return {
      ids: orders.map((o) => String(o.id)),
      notifications: notificationsView(),
      tooltip: tray()?.tooltip,
      badge: recorder.badgeCounts.at(-1),
      flashes: win()?.flashes,
    };
  });

  await step('click the second', async () => {
    recorder.notifications[1]?.click();
    const selected = await waitFor('select-order', () => recorder.sent.filter((m) => m.channel === 'notifier:select-order').at(-1));
    return { visible: win()?.isVisible(), focused: win()?.isFocused(), selected: selected.payload };
  });

  await step('alarm', async () => ({ alarms: alarms() }));

  await step('accept one', async () => {
    sim.accept(orders[0]!.id);
    await waitFor('the tray to count one order', () => tray()?.tooltip.startsWith('1 order waiting'));
    return { tooltip: tray()?.tooltip, badge: recorder.badgeCounts.at(-1), trayImages: tray()?.images.length };
  });

  await step('token expires', async () => {
    const alarmsBefore = alarms().length;
    const notificationsBefore = recorder.notifications.length;
    sim.clearRequests();
    sim.expireTokens();
    const renewedAndListed = () => {
      const log = sim.requests();
      const auth = log.findIndex((r) => r.path === '/auth' && r.status === 200);
      return auth >= 0 && log.slice(auth + 1).some((r) => r.path === '/orders' && r.status === 200);
    };
    await waitFor('a renewed token and a successful listing', renewedAndListed);
    const state = (await ipcMain.invoke('notifier:get-state', undefined)) as { ok: boolean; value: { health: { status: string } } };
    return {
      rejectedWithOldToken: sim.requests().some((r) => r.status === 401),
      newAlarms: alarms().slice(alarmsBefore),
      newNotifications: recorder.notifications.slice(notificationsBefore).map((n) => n.title),
      health: state.value.health.status,
    };
  });

  await step('offline', async () => {
    const notificationsBefore = recorder.notifications.length;
    const wentOffline = Date.now();
    sim.setOnline(false);
    const notice = await waitFor('the health notification', () =>
      recorder.notifications.slice(notificationsBefore).find((n) => n.title.startsWith('Not receiving orders')),
    );
    return {
      title: notice.title,
      body: notice.body,
      urgency: notice.options.urgency,
      afterMs: Date.now() - wentOffline,
      lastAlarm: alarms().at(-1),
      tooltip: tray()?.tooltip,
    };
  });

  await step('back online', async () => {
    const notificationsBefore = recorder.notifications.length;
    sim.setOnline(true);
    const notice = await waitFor('the recovery notice', () => recorder.notifications.slice(notificationsBefore).find((n) => n.title === 'Receiving orders again'));
    await waitFor('the tray to show orders again', () => tray()?.tooltip.startsWith('1 order waiting'));
    const problems = recorder.notifications.filter((n) => n.title.startsWith('Not receiving orders'));
    return { title: notice.title, body: notice.body, tooltip: tray()?.tooltip, problemNoticesOpen: problems.filter((n) => !n.closed).length };
  });

  await step('quit', async () => {
    let quitted = false;
    app.once('quit', () => (quitted = true));
    tray()?.menu?.find('Quit')?.click?.();
    await waitFor('the app to quit', () => quitted, 10_000);
    return { trayDestroyed: tray()?.isDestroyed(), windowDestroyed: win()?.isDestroyed() };
  });
}

async function main(): Promise<void> {
  const userData = mkdtempSync(path.join(os.tmpdir(), 'notifier-smoke-'));
  const sim = await startSimulator({ host: '127.0.0.1' });
  Object.assign(process.env, {
    CLOPOS_NOTIFIER_USER_DATA: userData,
    ...appEnvFor(sim),
    CLOPOS_NOTIFIER_POLL_SECONDS: '3',
    CLOPOS_NOTIFIER_HEALTH_FAILURES: '2',
    // Reminders and escalations would add alarms the scenario does not script.
    CLOPOS_NOTIFIER_REMINDER_SECONDS: '3600',
    CLOPOS_NOTIFIER_ESCALATION_MINUTES: '120',
  });
  recorder.userDataDir = userData;

  const report: Record<string, unknown> = {};
  try {
    resolveElectronToFake();
    createRequire(import.meta.url)(bundle);
    app.markReady();
    await scenario(sim, report);
  } catch (cause) {
    report.error = cause instanceof Error ? cause.stack ?? cause.message : String(cause);
    if (!recorder.trays[0]?.isDestroyed()) app.quit();
  } finally {
    await sim.close();
    const logFile = path.join(userData, 'logs', 'main.log');
    const logText = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
    report.log = { lines: logText.split('\n').filter(Boolean).length, hasSecret: logText.includes(DEMO_CREDENTIALS.clientSecret) };
    rmSync(userData, { recursive: true, force: true });
  }
  // Let the closed sockets finish closing, then look from a fresh turn of the event loop (inside
  // a timer callback that timer itself would still be listed).
  await pause(300);
  await new Promise((resolve) => setImmediate(resolve));
  report.activeResources = process.getActiveResourcesInfo();
  report.notificationsOpen = recorder.notifications.filter((n) => !n.closed).length;
  process.stdout.write(`SMOKE_REPORT ${JSON.stringify(report)}\n`);
}

void main();
