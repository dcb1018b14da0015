/**
 * The smoke run's child process: loads the BUILT main bundle (dist/main/index.cjs) in plain Node
 * with `require('electron')` answered by the recording fake, points it at an in-process simulator
 * through the CLOPOS_NOTIFIER_* variables (main/app/launch.ts), drives the scenario and prints
 * what a person would have seen as one `SMOKE_REPORT {json}` line. It never calls process.exit:
 * after Quit the process must end by itself, which is part of what the parent test checks.
 *
 * Run: node --import tsx test/smoke/scenario.ts [path/to/index.cjs] [win32]
 * With `win32` the same bundle runs its Windows platform path (toasts, activations, the shortcut).
 */
import { DOMParser } from '@xmldom/xmldom';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
      crashReporter: recorder.crashReporterStarts,
      crashDumps: app.getPath('crashDumps'),
      logs: app.getPath('logs'),
      clsids: recorder.toastActivatorClsids,
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

  await step('start at login (Linux)', async () => {
    const entry = path.join(process.env.XDG_CONFIG_HOME!, 'autostart', 'clopos-order-notifier.desktop');
    const on = (await ipcMain.invoke('notifier:set-settings', { startAtLogin: true })) as { ok: boolean };
    const written = existsSync(entry) ? readFileSync(entry, 'utf8') : null;
    const kept = mkdtempSync(path.join(os.tmpdir(), 'notifier-smoke-autostart-'));
    // The parent validates the entry with desktop-file-validate after this process ends.
    if (written !== null) writeFileSync(path.join(kept, 'clopos-order-notifier.desktop'), written);
    const off = (await ipcMain.invoke('notifier:set-settings', { startAtLogin: false })) as { ok: boolean };
    return { saved: on.ok && off.ok, written, keptCopy: written === null ? null : path.join(kept, 'clopos-order-notifier.desktop'), removed: !existsSync(entry), loginItemCalls: recorder.loginItemSettings.length };
  });

  await step('quit', async () => {
    let quitted = false;
    app.once('quit', () => (quitted = true));
    tray()?.menu?.find('Quit')?.click?.();
    await waitFor('the app to quit', () => quitted, 10_000);
    return { trayDestroyed: tray()?.isDestroyed(), windowDestroyed: win()?.isDestroyed() };
  });
}


/** What a toast shows and which arguments its buttons carry, read with a real XML parser. */
function toastView(n: fakeElectron.Notification | undefined) {
  const doc = new DOMParser().parseFromString(n?.toastXml ?? '<none/>', 'text/xml');
  const toast = doc.documentElement!;
  return {
    id: n?.id,
    closed: n?.closed,
    scenario: toast.getAttribute('scenario'),
    texts: Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent ?? ''),
    buttons: Array.from(doc.getElementsByTagName('action')).map((a) => ({ label: a.getAttribute('content') ?? '', args: a.getAttribute('arguments') ?? '' })),
  };
}

/** The same bundle on the Windows platform path: toasts, their buttons, the urgent escalation, removal, the shortcut. */
async function windowsScenario(sim: Simulator, report: Record<string, unknown>, late: string): Promise<void> {
  const step = async (name: string, run: () => Promise<Record<string, unknown>>) => {
    const started = Date.now();
    report[name] = { ...(await run()), ms: Date.now() - started };
  };
  const toasts = () => recorder.notifications.filter((n) => n.toastXml);
  const stateOf = (id: string) =>
    (recorder.sent.filter((m) => m.channel === 'notifier:state').at(-1)?.payload as { pending: { order: { id: string }; acknowledged: boolean }[] } | undefined)?.pending.find(
      (p) => p.order.id === id,
    );

  await step('start', async () => {
    await waitFor('the window to load and the tray to exist', () => win()?.loaded && tray()?.menu);
    await waitFor('the first successful check', () => tray()?.tooltip.includes('last check'));
    return {
      clsids: recorder.toastActivatorClsids,
      appUserModelIds: recorder.appUserModelIds,
      activationHandler: fakeElectron.Notification.activationHandler !== null,
      crashReporter: recorder.crashReporterStarts,
      crashDumps: app.getPath('crashDumps'),
      logs: app.getPath('logs'),
    };
  });

  await step('escalation toast', async () => {
    const urgent = await waitFor('the escalation toast', () => toasts().find((n) => n.id === `order:${late}` && toastView(n).scenario === 'urgent'), 30_000);
    const sameTag = toasts().filter((n) => n.id === `order:${late}`);
    return {
      toast: toastView(urgent),
      sameTagShown: sameTag.length,
      sameTagOpen: sameTag.filter((n) => !n.closed).length,
      // The new-order toast was replaced by Windows (same tag), not closed by the app.
      replacedNotClosed: sameTag.filter((n) => n.replaced && n.closeCalls === 0).length,
    };
  });

  await step('accepted on the POS', async () => {
    sim.accept(late);
    await waitFor('the toast removed', () => toasts().filter((n) => n.id === `order:${late}`).every((n) => n.closed));
    await waitFor('the tray to count none', () => tray()?.tooltip.startsWith('No orders waiting'));
    return { open: toasts().filter((n) => n.id === `order:${late}` && !n.closed).length };
  });

  let id = '';
  await step('new order toast', async () => {
    id = String(sim.addOrder({ integration: 'wolt', products: [{ productId: 1, name: 'Toyuq plov', price: 12.5, count: 2 }] }).id);
    const toast = await waitFor('the toast', () => toasts().find((n) => n.id === `order:${id}`));
    await waitFor('the tray to count it', () => tray()?.tooltip.startsWith('1 order waiting'));
    return { toast: toastView(toast), trayAcknowledgeEnabled: tray()?.menu?.find('All seen (stop the alarm)')?.enabled };
  });

  await step('acknowledge from the toast', async () => {
    const view = toastView(toasts().find((n) => n.id === `order:${id}`));
    const alarmsBefore = alarms().length;
    // What Windows does when the clerk presses the toast's Acknowledge button.
    fakeElectron.Notification.activate(view.buttons.find((b) => b.label === 'Seen')!.args);
    await waitFor('the order acknowledged in main', () => stateOf(id)?.acknowledged);
    // The escalation just before rings its 15 s out (ESCALATION_RING_MS) before the stop.
    await waitFor('the alarm stopped', () => alarms().slice(alarmsBefore).some((a) => (a as { action: string }).action === 'stop'));
    await waitFor('the tray to have nothing to acknowledge', () => tray()?.menu?.find('All seen (stop the alarm)')?.enabled === false);
    return {
      acknowledged: stateOf(id)?.acknowledged,
      alarmAfter: alarms().slice(alarmsBefore),
      trayAcknowledgeEnabled: tray()?.menu?.find('All seen (stop the alarm)')?.enabled,
      toastClosed: toasts().find((n) => n.id === `order:${id}`)?.closed,
    };
  });

  await step('global shortcut', async () => {
    const held = (await ipcMain.invoke('notifier:set-settings', { alarmShortcut: 'CommandOrControl+Alt+F9' })) as { ok: boolean; value: { warning: string | null } };
    const third = String(sim.addOrder({}).id);
    await waitFor('the third order listed', () => stateOf(third));
    fakeElectron.globalShortcut.taken.add('CommandOrControl+Shift+A');
    const refused = (await ipcMain.invoke('notifier:set-settings', { alarmShortcut: 'CommandOrControl+Shift+A' })) as { ok: boolean; value: { warning: string | null } };
    await ipcMain.invoke('notifier:set-settings', { alarmShortcut: 'CommandOrControl+Alt+F9' });
    const pressed = fakeElectron.globalShortcut.press('CommandOrControl+Alt+F9');
    await waitFor('acknowledged by the shortcut', () => stateOf(third)?.acknowledged);
    return { heldWarning: held.value.warning, refusedWarning: refused.value.warning, pressed, acknowledged: stateOf(third)?.acknowledged };
  });

  const appInfos = () => recorder.sent.filter((m) => m.channel === 'notifier:app-info').map((m) => (m.payload as { notificationsSupported: boolean }).notificationsSupported);
  await step('toasts refused', async () => {
    // Windows stops showing the app's toasts (e.g. a policy): the window is told, not only the log.
    fakeElectron.Notification.refusal = 'The notification platform is unavailable.';
    sim.addOrder({});
    await waitFor('the window told', () => appInfos().at(-1) === false);
    fakeElectron.Notification.refusal = null;
    return { appInfos: appInfos() };
  });

  await step('test notification', async () => {
    const reply = await ipcMain.invoke('notifier:test-notification', undefined);
    await waitFor('the window told notifications work again', () => appInfos().at(-1) === true);
    return { reply, toast: toastView(toasts().find((n) => n.id === 'test')), appInfos: appInfos() };
  });

  await step('quit', async () => {
    let quitted = false;
    app.once('quit', () => (quitted = true));
    tray()?.menu?.find('Quit')?.click?.();
    await waitFor('the app to quit', () => quitted, 10_000);
    // Toasts stay in the Action Center after quitting, where a press starts the app again.
    return { trayDestroyed: tray()?.isDestroyed(), toastsLeftInActionCenter: toasts().filter((n) => !n.closed).length, shortcutsHeld: fakeElectron.globalShortcut.held.size };
  });
}

async function main(): Promise<void> {
  const platform = process.argv[3] ?? process.platform;
  // The Windows platform path of the same bundle: every `process.platform` it reads says win32.
  if (platform !== process.platform) Object.defineProperty(process, 'platform', { value: platform });
  const userData = mkdtempSync(path.join(os.tmpdir(), 'notifier-smoke-'));
  const sim = await startSimulator({ host: '127.0.0.1' });
  Object.assign(process.env, {
    CLOPOS_NOTIFIER_USER_DATA: userData,
    ...appEnvFor(sim),
    CLOPOS_NOTIFIER_POLL_SECONDS: '3',
    CLOPOS_NOTIFIER_HEALTH_FAILURES: '2',
    // Reminders and escalations would add alarms the scenario does not script.
    CLOPOS_NOTIFIER_REMINDER_SECONDS: '3600',
    CLOPOS_NOTIFIER_ESCALATION_MINUTES: platform === 'win32' ? '1' : '120',
    // Start at login on Linux writes here, not into the real ~/.config.
    XDG_CONFIG_HOME: path.join(userData, 'config'),
  });
  recorder.userDataDir = userData;

  const report: Record<string, unknown> = {};
  try {
    resolveElectronToFake();
    createRequire(import.meta.url)(bundle);
    app.markReady();
    if (platform === 'win32') {
      // Waiting six minutes already when the app starts: past the one-minute escalation on its first checks.
      const late = String(sim.addOrder({ createdAt: Date.now() - 6 * 60_000, integration: 'call_center' }).id);
      await windowsScenario(sim, report, late);
    } else await scenario(sim, report);
  } catch (cause) {
    report.error = cause instanceof Error ? cause.stack ?? cause.message : String(cause);
    // What was on screen when it went wrong.
    report.notificationsAtError = recorder.notifications.map((n) => ({ id: n.id, title: n.title, closed: n.closed, urgent: n.toastXml?.includes('scenario="urgent"') ?? false }));
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
