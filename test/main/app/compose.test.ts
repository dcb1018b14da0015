/**
 * The one composition (main/app/compose.ts) with plain fakes for the desktop and the real client,
 * engine and presenter against the simulator: an order reaches the desktop without passing through
 * the composition root, and the tray's menu drives the same commands as the window.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo, EventPayloads } from '../../../common/contract';
import type { EngineSnapshot } from '../../../common/engine';
import { appError, err, ok } from '../../../common/result';
import { DEFAULT_SETTINGS, type SecretName, type Settings, type SettingsPatch } from '../../../common/settings';
import { composeApp, HELD_ACKNOWLEDGEMENT_MS, TEST_NOTIFICATION_GAP_MS, type ComposedApp, type LedgerScope } from '../../../main/app/compose';
import type { NotificationText } from '../../../main/app/messages';
import type { LogFn, NotificationAction, SaveFileRequest, SlipJob, TrayActions } from '../../../main/app/ports';
import type { Ledger } from '../../../main/ledger/types';
import type { Clock } from '../../../main/watch/types';
import type { TrayView } from '../../../main/app/tray-view';
import { systemClock } from '../../../main/watch';
import { connectionFor, DEMO_CREDENTIALS, startSimulator } from '../../../sim/server';
import type { Simulator } from '../../../sim/types';
import { MemoryStore } from '../watch/fakes';
import { waitFor as until } from '../../wait-for';
import { expectOk } from '../../expect-ok';
import { FakeBotApi } from '../escalation/fake-bot-api';

let sim: Simulator;
let app: ComposedApp | null = null;

beforeEach(async () => {
  sim = await startSimulator();
});
afterEach(async () => {
  await app?.stop();
  app = null;
  await sim.close();
});

interface Options {
  /** The OS refuses start at login with this message. */
  loginRefusal?: string;
  /** Accelerators another app holds. */
  takenShortcuts?: string[];
  clock?: Clock;
  /** The announced record, shared to compose again as after a restart. */
  store?: MemoryStore;
  /** Settings to start from (merged over a connected default). */
  settings?: Partial<Settings>;
  /** Opens the ledger behind the report; none when absent. */
  openLedger?: (scope: LedgerScope) => Ledger;
  /** Where the save dialog saves (null: the person cancels it). */
  saveAs?: string | null;
  /** Telegram's Bot API (a loopback fake). */
  telegramApiUrl?: string;
  /** The fetch the app uses (default the real one). */
  fetch?: typeof fetch;
  log?: LogFn;
  /** The demo runs against this simulator. */
  demoSource?: Simulator;
}

function compose(options: Options = {}) {
  let settings: Settings = { ...DEFAULT_SETTINGS, onboarded: true, connection: connectionFor(sim), pollIntervalSeconds: 300, ...options.settings };
  const onTop: boolean[] = [];
  const slips: SlipJob[] = [];
  const saved: SaveFileRequest[] = [];
  const serviceSecrets = new Map<SecretName, { value: string; host: string }>();
  let printRefusal: string | null = null;
  const shown: NotificationText[] = [];
  let notificationAction: ((action: NotificationAction) => void) | null = null;
  let shortcutPressed: (() => void) | null = null;
  let notificationsWork = true;
  let supportChanged: (() => void) | null = null;
  const shortcuts: string[] = [];
  const sent: { channel: keyof EventPayloads; payload: unknown }[] = [];
  const trays: TrayView[] = [];
  const loginItem: boolean[] = [];
  let windowShown = 0;
  let quits = 0;
  let actions: TrayActions | null = null;
  const composed = composeApp({
    settings: {
      get: () => settings,
      update: (patch: SettingsPatch) => ok((settings = { ...settings, ...patch })),
      warning: null,
    },
    secrets: {
      credentials: async () => ({ clientSecret: DEMO_CREDENTIALS.clientSecret }),
      secret: async (name, host) => (serviceSecrets.get(name)?.host === host ? serviceSecrets.get(name)?.value : undefined),
      set: async (name, value, host) => ok(void serviceSecrets.set(name, { value, host })),
      clear: (name) => ok(void serviceSecrets.delete(name)),
      status: (host) => ({ clientSecret: true, token: false, telegramToken: serviceSecrets.get('telegramToken')?.host === host }),
      hosts: () => Object.fromEntries([...serviceSecrets].map(([name, { host }]) => [name, host])),
      storageKind: async () => 'os',
      warning: null,
    },
    clock: options.clock ?? systemClock,
    fetch: options.fetch ?? globalThis.fetch,
    log: options.log ?? (() => undefined),
    redactor: { register: () => undefined },
    openLedger: options.openLedger,
    pcName: 'COUNTER-1',
    ...(options.telegramApiUrl ? { telegramApiUrl: options.telegramApiUrl } : {}),
    createStore: () => options.store ?? new MemoryStore(),
    startDemo: () =>
      options.demoSource
        ? Promise.resolve({ connection: connectionFor(options.demoSource), credentials: { clientSecret: DEMO_CREDENTIALS.clientSecret }, close: async () => undefined })
        : Promise.reject(new Error('no demo here')),
    forceDemo: false,
    overrides: { source: null, engine: {} },
    openExternal: async () => ok(undefined),
    openLogFolder: async () => ok(undefined),
    confirm: async () => false,
    appInfo: { version: '0.0.0-test', platform: 'linux', logFolder: '/logs' },
    desktop: {
      notify: (text) => shown.push(text),
      onNotificationAction: (handler) => (notificationAction = handler),
      notificationsSupported: () => notificationsWork,
      onNotificationsSupportedChange: (handler) => (supportChanged = handler),
      withdraw: () => undefined,
      withdrawHealth: () => undefined,
      send: (channel, payload) => sent.push({ channel, payload }),
      showWindow: () => (windowShown += 1),
      attention: () => undefined,
      setWindowTitle: () => undefined,
      applyStartAtLogin: (enabled) => (loginItem.push(enabled), options.loginRefusal ? err(appError('internal', options.loginRefusal)) : ok(undefined)),
      setGlobalShortcut: (accelerator) => {
        shortcuts.push(accelerator);
        return options.takenShortcuts?.includes(accelerator) ? err(appError('config', `The shortcut ${accelerator} is already used by another app.`)) : ok(undefined);
      },
      onShortcut: (handler) => (shortcutPressed = handler),
      setAlwaysOnTop: (flag) => onTop.push(flag),
      printSlip: async (job) => {
        slips.push(job);
        return printRefusal ? err(appError('internal', printRefusal)) : ok(undefined);
      },
      listPrinters: async () => ok([{ name: 'XP-80C', displayName: 'XPrinter', isDefault: true }]),
      saveFile: async (request) => {
        saved.push(request);
        return ok({ file: options.saveAs ?? null });
      },
    },
    createTray: (trayActions, initial) => {
      actions = trayActions;
      trays.push(initial);
      return { render: (view) => trays.push(view), destroy: () => undefined };
    },
    quit: () => (quits += 1),
  });
  app = composed;
  return {
    composed,
    shown,
    sent,
    trays,
    loginItem,
    shortcuts,
    actions: () => actions!,
    windowShown: () => windowShown,
    quits: () => quits,
    settings: () => settings,
    onTop,
    slips,
    saved,
    /** The printer refuses the next slips with this reason (null: prints again). */
    setPrintRefusal: (reason: string | null) => (printRefusal = reason),
    /** The person clicked a notification or one of its buttons (any OS). */
    act: (action: NotificationAction) => notificationAction!(action),
    pressShortcut: () => shortcutPressed!(),
    /** The OS begins (false) or stops (true) refusing notifications. */
    setNotificationsWork: (works: boolean) => {
      notificationsWork = works;
      supportChanged!();
    },
  };
}

describe('composeApp', () => {
  it('a new order in Clopos reaches the notification, the tray and the alarm, and its click opens that order', async () => {
    sim.addOrder({ id: 'c-1' });
    const t = compose();
    await t.composed.start();
    const note = await until('the notification', () => t.shown.find((n) => n.title === 'New order c-1'));
    expect(t.trays.at(-1)?.count).toBe(1);
    expect(t.sent).toContainEqual({ channel: 'notifier:alarm', payload: { action: 'play', kind: 'order' } });
    t.act({ action: 'open', orderId: note.orderId });
    expect(t.windowShown()).toBe(1);
    expect(t.sent).toContainEqual({ channel: 'notifier:select-order', payload: { id: 'c-1' } });
  });

  it('the tray menu runs the same commands as the window: acknowledge all stops the alarm, start at login saves and applies', async () => {
    sim.addOrder({ id: 'c-2' });
    const t = compose();
    await t.composed.start();
    await until('the order on the board', () => t.composed.runtime.snapshot().pending.length === 1);
    t.actions().acknowledgeAll();
    await until('the order acknowledged', () => t.composed.runtime.snapshot().pending[0]?.acknowledged);
    const alarms = () => t.sent.filter((s) => s.channel === 'notifier:alarm').map((s) => (s.payload as { action: string }).action);
    await until('the alarm stopped', () => alarms().at(-1) === 'stop');
    expect(alarms()).toEqual(['play', 'stop']);
    t.actions().setStartAtLogin(true);
    await until('the setting saved', () => t.settings().startAtLogin);
    // Applied at launch (off), then on the change.
    expect(t.loginItem).toEqual([false, true]);
    t.actions().pauseAlerts(15);
    await until('alerts paused', () => t.composed.runtime.snapshot().alertsPausedUntil !== null);
    t.actions().quit();
    expect(t.quits()).toBe(1);
  });

  it('the window and the tray answer "not connected" the same way before anything is watched', async () => {
    const t = compose();
    t.settings().onboarded = false;
    await t.composed.start();
    const reply = await t.composed.handlers['notifier:check-now'](undefined);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'config' } });
    expect(t.composed.runtime.checkNow()).toEqual(reply);
  });

  it("a notification's Acknowledge acknowledges that order in main: the alarm stops and the window is told", async () => {
    sim.addOrder({ id: 'c-3' });
    sim.addOrder({ id: 'c-4' });
    const t = compose();
    await t.composed.start();
    await until('both orders listed', () => t.composed.runtime.snapshot().pending.length === 2);
    t.act({ action: 'acknowledge', orderId: 'c-3' });
    await until('c-3 acknowledged', () => t.composed.runtime.snapshot().pending.find((p) => p.order.id === 'c-3')?.acknowledged);
    // Only that order: the other still waits, and the window was not brought up for it.
    expect(t.composed.runtime.snapshot().pending.find((p) => p.order.id === 'c-4')?.acknowledged).toBe(false);
    expect(t.windowShown()).toBe(0);
    t.act({ action: 'acknowledge', orderId: 'c-4' });
    const alarms = () => t.sent.filter((s) => s.channel === 'notifier:alarm').map((s) => (s.payload as { action: string }).action);
    await until('the alarm stopped', () => alarms().at(-1) === 'stop');
    await until('the window told', () => t.sent.some((s) => s.channel === 'notifier:state' && (s.payload as EngineSnapshot).pending.every((p) => p.acknowledged)));
  });

  it('an Acknowledge from a toast that outlived the app waits for its order to be listed (cold start), then acknowledges it', async () => {
    sim.addOrder({ id: 'c-5' });
    const t = compose();
    // Windows delivers the activation as the app starts, before the first check.
    t.act({ action: 'acknowledge', orderId: 'c-5' });
    t.act({ action: 'acknowledge', orderId: 'no-longer-pending' });
    await t.composed.start();
    await until('c-5 acknowledged once listed', () => t.composed.runtime.snapshot().pending.find((p) => p.order.id === 'c-5')?.acknowledged);
  });

  it('a held acknowledgement expires: an order listed only after the wait is not acknowledged by an old click', async () => {
    let now = Date.now();
    const clock: Clock = { now: () => now, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
    const t = compose({ clock });
    t.act({ action: 'acknowledge', orderId: 'c-6' });
    await t.composed.start();
    now += HELD_ACKNOWLEDGEMENT_MS + 1;
    sim.addOrder({ id: 'c-6' });
    t.composed.runtime.checkNow();
    await until('c-6 listed', () => t.composed.runtime.snapshot().pending.some((p) => p.order.id === 'c-6'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(t.composed.runtime.snapshot().pending.find((p) => p.order.id === 'c-6')?.acknowledged).toBe(false);
  });

  it('the global shortcut, once set, acknowledges every waiting order; a shortcut another app holds is said in Settings', async () => {
    sim.addOrder({ id: 'c-7' });
    const t = compose({ takenShortcuts: ['CommandOrControl+Shift+A'] });
    await t.composed.start();
    await until('the order listed', () => t.composed.runtime.snapshot().pending.length === 1);
    expect(t.shortcuts).toEqual(['']);
    const taken = await t.composed.runtime.updateSettings({ alarmShortcut: 'CommandOrControl+Shift+A' });
    expect(taken.ok && taken.value.warning).toMatch(/CommandOrControl\+Shift\+A is already used by another app/);
    // Still said when the window asks again later, not only in the reply.
    expect((await t.composed.runtime.settingsView()).warning).toMatch(/already used/);
    const held = await t.composed.runtime.updateSettings({ alarmShortcut: 'CommandOrControl+Alt+F9' });
    expect(held.ok && held.value.warning).toBeNull();
    expect(t.shortcuts).toEqual(['', 'CommandOrControl+Shift+A', 'CommandOrControl+Alt+F9']);
    // An unrelated change does not register it again.
    await t.composed.runtime.updateSettings({ language: 'az' });
    expect(t.shortcuts).toHaveLength(3);
    t.pressShortcut();
    await until('acknowledged by the shortcut', () => t.composed.runtime.snapshot().pending[0]?.acknowledged);
  });

  it('start at login refused by the OS is said in the settings view, and cleared once it works', async () => {
    const t = compose({ loginRefusal: 'Could not write the autostart entry /home/x/.config/autostart/a.desktop: EACCES' });
    t.settings().startAtLogin = true;
    await t.composed.start();
    expect((await t.composed.runtime.settingsView()).warning).toBe(
      'Start at login could not be set: Could not write the autostart entry /home/x/.config/autostart/a.desktop: EACCES',
    );
    const pushed = t.sent.filter((s) => s.channel === 'notifier:settings-changed');
    await t.composed.runtime.updateSettings({ startAtLogin: false });
    expect(t.loginItem).toEqual([true, false]);
    expect(t.sent.filter((s) => s.channel === 'notifier:settings-changed').length).toBe(pushed.length + 1);
  });

  it('"Send a test notification" shows a real one in the chosen language, at most one every few seconds', async () => {
    let now = Date.now();
    const clock: Clock = { now: () => now, setTimeout: systemClock.setTimeout, clearTimeout: systemClock.clearTimeout };
    const t = compose({ clock });
    t.settings().language = 'ru';
    t.settings().onboarded = false;
    await t.composed.start();
    expect(await t.composed.handlers['notifier:test-notification'](undefined)).toEqual({ ok: true, value: { shown: true } });
    expect(t.shown.map((n) => n.title)).toEqual(['Тестовое уведомление']);
    // A window script asking in a loop cannot flood the screen.
    for (let i = 0; i < 20; i++) await t.composed.handlers['notifier:test-notification'](undefined);
    expect(t.shown).toHaveLength(1);
    now += TEST_NOTIFICATION_GAP_MS;
    await t.composed.handlers['notifier:test-notification'](undefined);
    expect(t.shown).toHaveLength(2);
  });

  it('when the OS starts refusing notifications, the window is told at once (the board says so), and again when they work', async () => {
    const t = compose();
    await t.composed.start();
    const infos = () => t.sent.filter((s) => s.channel === 'notifier:app-info').map((s) => (s.payload as AppInfo).notificationsSupported);
    t.setNotificationsWork(false);
    expect(infos()).toEqual([false]);
    expect(t.composed.runtime.appInfo().notificationsSupported).toBe(false);
    t.setNotificationsWork(true);
    expect(infos()).toEqual([false, true]);
  });

  it('Print sends the order\'s slip to the printer in Settings; a refused slip is a problem on the window until it prints or is dismissed', async () => {
    sim.addOrder({ id: 'p-1' });
    const t = compose({ settings: { printing: { printer: 'XP-80C', paperWidthMm: 58, printEachNewOrder: false } } });
    await t.composed.start();
    await until('the order', () => t.composed.runtime.snapshot().pending.length === 1);
    // Printing each new order is off: nothing printed by itself.
    expect(t.slips).toEqual([]);
    const print = () => t.composed.handlers['notifier:print-slip']({ id: 'p-1' });
    expect(await print()).toEqual({ ok: true, value: { printer: 'XP-80C' } });
    expect(t.slips).toEqual([{ orderId: 'p-1', venueId: '1', printer: 'XP-80C', paperWidthMm: 58 }]);

    t.setPrintRefusal('Printer is out of paper');
    expect(await print()).toMatchObject({ ok: false, error: { message: 'Printer is out of paper' } });
    const problems = () => t.sent.filter((s) => s.channel === 'notifier:app-info').map((s) => (s.payload as AppInfo).printProblem);
    expect(problems()).toEqual([expect.objectContaining({ orderId: 'p-1', orderNumber: expect.any(String), printer: 'XP-80C', reason: 'Printer is out of paper' })]);
    expect(t.composed.runtime.appInfo().printProblem?.orderId).toBe('p-1');
    // A window behind the POS or in the tray does not hide it: a notification says so too.
    expect(t.shown.map((n) => n.title)).toContain('The slip of order p-1 did not print');
    t.setPrintRefusal(null);
    expect((await print()).ok).toBe(true);
    expect(problems().at(-1)).toBeNull();

    t.setPrintRefusal('Offline');
    await print();
    expect(await t.composed.handlers['notifier:dismiss-print-problem'](undefined)).toMatchObject({ ok: true, value: { printProblem: null } });
    expect(await t.composed.handlers['notifier:print-slip']({ id: 'not-here' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    sim.accept('p-1');
  });

  it('with "print each new order" on, every new order prints once — not again after a restart, and not the ones announced before it was on', async () => {
    const store = new MemoryStore();
    sim.addOrder({ id: 'before' });
    const off = compose({ store });
    await off.composed.start();
    await until('the first order', () => off.composed.runtime.snapshot().pending.length === 1);
    await off.composed.handlers['notifier:set-settings']({ printing: { printer: '', paperWidthMm: 80, printEachNewOrder: true } });
    sim.addOrder({ id: 'n-1' });
    sim.addOrder({ id: 'n-2' });
    off.composed.runtime.checkNow();
    await until('two slips', () => off.slips.length === 2);
    expect(off.slips.map((j) => j.orderId)).toEqual(['n-1', 'n-2']);
    await off.composed.stop();
    app = null;

    const again = compose({ store, settings: { printing: { printer: '', paperWidthMm: 80, printEachNewOrder: true } } });
    await again.composed.start();
    await until('the orders listed again', () => again.composed.runtime.snapshot().pending.length === 3);
    sim.addOrder({ id: 'n-3' });
    again.composed.runtime.checkNow();
    await until('the new slip', () => again.slips.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(again.slips.map((j) => j.orderId)).toEqual(['n-3']);
    for (const id of ['before', 'n-1', 'n-2', 'n-3']) sim.accept(id);
  });
});

describe('composeApp: escalation to a phone through Telegram', () => {
  const TOKEN = '7012345678:AAHk-telegram-token-for-compose-test_x';
  let bot: FakeBotApi;
  beforeEach(async () => {
    bot = await new FakeBotApi().start();
  });
  afterEach(async () => {
    await bot.close();
  });

  const telegramOn = { telegram: { enabled: true, chatId: '-1001234567890', orderMinutes: 5, outageMinutes: 5 } };

  it('an order waiting unseen past the threshold goes to the chat with the saved token; the test message too; the token stays in main', async () => {
    const logs: string[] = [];
    sim.addOrder({ id: 't-1', createdAt: Date.now() - 9 * 60_000 });
    const t = compose({ settings: telegramOn, telegramApiUrl: bot.url, log: (_level, message) => logs.push(message) });
    const view = expectOk(await t.composed.handlers['notifier:set-secret']({ name: 'telegramToken', value: TOKEN }));
    expect(view.secrets.telegramToken).toBe(true);
    await t.composed.start();
    await until('the escalation sent', () => bot.requests[0]);
    expect(bot.requests[0]!.url).toBe(`/bot${TOKEN}/sendMessage`);
    expect(bot.requests[0]!.body).toMatchObject({ chat_id: '-1001234567890' });
    expect(String(bot.requests[0]!.body.text)).toMatch(/t-1 · Call centre · .*AZN · waiting 9 min/);
    expect(String(bot.requests[0]!.body.text)).toContain('COUNTER-1');
    await until('the status ok', () => t.composed.runtime.appInfo().telegram.state === 'ok');

    const tested = expectOk(await t.composed.handlers['notifier:telegram-test'](undefined));
    expect(tested.state).toBe('ok');
    expect(bot.requests).toHaveLength(2);

    // Nothing the window or the log gets carries the token.
    const seen = JSON.stringify([t.sent, view, tested, t.composed.runtime.appInfo(), logs]);
    expect(seen).not.toContain(TOKEN);
    expect(seen).not.toContain(Buffer.from(TOKEN).toString('base64').slice(0, 24));
  });

  it('a refused token is a problem the window is told about at once, and the next saved token is tried again', async () => {
    const t = compose({ settings: telegramOn, telegramApiUrl: bot.url });
    expectOk(await t.composed.handlers['notifier:set-secret']({ name: 'telegramToken', value: TOKEN }));
    await t.composed.start();
    bot.answer({ status: 401, description: 'Unauthorized' });
    const refused = await t.composed.handlers['notifier:telegram-test'](undefined);
    expect(refused).toMatchObject({ ok: false, error: { message: expect.stringMatching(/refused the bot token/) } });
    expect(t.composed.runtime.appInfo().telegram).toMatchObject({ state: 'refused', detail: expect.stringMatching(/Settings/) });
    const pushed = t.sent.filter((s) => s.channel === 'notifier:app-info').map((s) => (s.payload as AppInfo).telegram.state);
    expect(pushed).toContain('refused');
    // A new token clears the refusal; the test goes through.
    expectOk(await t.composed.handlers['notifier:set-secret']({ name: 'telegramToken', value: `${TOKEN}2` }));
    expect(t.composed.runtime.appInfo().telegram.state).not.toBe('refused');
    expect(expectOk(await t.composed.handlers['notifier:telegram-test'](undefined)).state).toBe('ok');
    expect(bot.requests.at(-1)!.url).toBe(`/bot${TOKEN}2/sendMessage`);
  });

  it('the demo\'s simulated orders never reach the manager\'s phone', async () => {
    sim.addOrder({ id: 'd-1', createdAt: Date.now() - 30 * 60_000 });
    const t = compose({ settings: { ...telegramOn, mode: 'demo' }, telegramApiUrl: bot.url, demoSource: sim });
    expectOk(await t.composed.handlers['notifier:set-secret']({ name: 'telegramToken', value: TOKEN }));
    await t.composed.start();
    await until('the demo order listed', () => t.composed.runtime.snapshot().pending.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bot.requests).toEqual([]);
  });
});

describe('composeApp: the order history', () => {
  it('a history that cannot be opened is said in the app info and the report, and watching goes on', async () => {
    sim.addOrder({ id: 'h-1' });
    const t = compose({
      openLedger: () => {
        throw new Error('EACCES: permission denied, mkdir /data/ledger');
      },
    });
    await t.composed.start();
    await until('the order listed', () => t.composed.runtime.snapshot().pending.length === 1);
    expect(t.composed.runtime.appInfo().ledgerWarning).toMatch(/order history could not be opened.*EACCES/);
    const report = await t.composed.handlers['notifier:get-report']({ range: 'today' });
    expect(report).toMatchObject({ ok: false, error: { message: expect.stringMatching(/could not be opened/) } });
  });
});
