/**
 * The app's main process in vitest through the same `composeApp` main/index.ts uses: the real
 * settings store, secret store (over the fake's safeStorage), runtime, presenter, watch engine,
 * announced record, log-redacting IPC wrapper on the fake's ipcMain, and main → renderer events
 * through sendEvent to the fake window (which records them). Only what would leave the machine is
 * replaced: the Clopos client is the real one only with `realClient` (pointed at a simulator on
 * loopback), else a recording stand-in; the demo never starts a server; notifications, the tray
 * and the taskbar are recorded. Callers must also `vi.mock("electron")` with the fake
 * (electron-store loads it).
 */
import { BrowserWindow, ipcMain, safeStorage } from '../mocks/electron';
import { composeApp } from '../../main/app/compose';
import type { ConnectionSource } from '../../main/app/ports';
import type { TrayView } from '../../main/app/tray-view';
import { createCloposClient } from '../../main/clopos';
import type { ClientConfig, ClientDeps, CloposClient } from '../../main/clopos/types';
import { createSenderCheck, registerInvokeHandlers, sendEvent } from '../../main/desktop/ipc';
import { createAppLogger } from '../../main/desktop/log';
import { openAppStores } from '../../main/desktop/app-stores';
import { createRedactor } from '../../main/redact';
import { createAnnouncedFileStore } from '../../main/watch';
import { openLedger } from '../../main/ledger';
import { ok } from '../../common/result';
import { DEFAULT_SETTINGS } from '../../common/settings';
import type { VirtualClock } from './virtual-clock';
import path from 'node:path';

export const APP_PAGE = 'file:///app/index.html';

/** A Clopos client that answers from memory and records what it was asked: no network. */
export function recordingClient(config: ClientConfig): CloposClient & { calls: string[] } {
  const calls: string[] = [];
  const notFound = { ok: false as const, error: { kind: 'not-found' as const, message: 'No such order.' } };
  return {
    calls,
    listPending: async () => (calls.push('list'), { ok: true, value: { orders: [], venues: [], skipped: [], serverTime: null } }),
    budget: () => null,
    requestsSent: () => calls.length,
    getOrder: async (id) => (calls.push(`order ${id}`), notFound),
    getReceipt: async (id) => (calls.push(`receipt ${id}`), notFound),
    ignoreOrder: async (id) => (calls.push(`ignore ${id}`), { ok: true, value: undefined }),
    check: async () => (calls.push('check'), { ok: true, steps: [{ id: 'config', ok: true, message: `checked ${config.brand}` }], advice: [], warnings: [] }),
  };
}

export interface AppHarnessOptions {
  userData: string;
  clock: VirtualClock;
  /** Use the real client (against the simulator) instead of the recording stand-in. */
  realClient?: boolean;
  /** What the real client sends requests with; default the global fetch. */
  fetch?: typeof fetch;
  /** How the person at the PC answers a native dialog (by its message); default "no". */
  confirm?: (message: string) => boolean;
  /** Telegram's Bot API (a loopback fake); default the real address, which tests never reach. */
  telegramApiUrl?: string;
}

export async function startApp(options: AppHarnessOptions) {
  const { userData, clock } = options;
  const redactor = createRedactor();
  const logger = createAppLogger({ folder: path.join(userData, 'logs'), redactor, level: 'debug' });
  const log = logger.log;
  const { settings: settingsStore, secrets: secretStore } = await openAppStores({ cwd: userData, safeStorage, platform: process.platform, redactor, log, now: clock.now });
  const window = new BrowserWindow({ show: true });
  await window.loadURL(APP_PAGE);
  const opened: string[] = [];
  const demo: ConnectionSource = {
    connection: { ...DEFAULT_SETTINGS.connection, brand: 'demo', venues: ['1'], clientId: 'demo', integratorId: 'demo' },
    credentials: { clientSecret: 'demo-only' },
    close: async () => undefined,
  };
  const clients: CloposClient[] = [];
  /** Questions main asked in a native dialog. */
  const confirmations: string[] = [];

  /** What the desktop showed: notification titles, tray views, login-item changes. */
  const desktop = { notifications: [] as string[], trays: [] as TrayView[], loginItem: [] as boolean[] };

  const app = composeApp({
    settings: settingsStore,
    secrets: secretStore,
    clock: clock.pc,
    fetch: options.fetch ?? globalThis.fetch,
    log,
    redactor,
    createClient: (config: ClientConfig, deps: ClientDeps) => {
      const client = options.realClient ? createCloposClient(config, deps) : recordingClient(config);
      clients.push(client);
      return client;
    },
    createStore: (scope) => createAnnouncedFileStore({ dir: userData, scope, now: clock.now }),
    // As main/index.ts: the report's ledger in the data folder, the demo's apart.
    openLedger: (scope) => openLedger({ dir: path.join(userData, scope === 'demo' ? 'ledger-demo' : 'ledger'), now: clock.now, log }),
    pcName: 'COUNTER-1',
    ...(options.telegramApiUrl ? { telegramApiUrl: options.telegramApiUrl } : {}),
    startDemo: async () => demo,
    forceDemo: false,
    overrides: { source: null, engine: {} },
    openExternal: async (url) => {
      opened.push(url);
      return ok(undefined);
    },
    openLogFolder: async () => ok(undefined),
    confirm: async (request) => {
      confirmations.push(request.message);
      return options.confirm?.(request.message) ?? false;
    },
    appInfo: { version: '0.0.0-test', platform: process.platform, logFolder: logger.folder },
    desktop: {
      notify: (text) => desktop.notifications.push(redactor.redact(text.title)),
      onNotificationAction: () => undefined,
      notificationsSupported: () => true,
      onNotificationsSupportedChange: () => undefined,
      withdraw: () => undefined,
      withdrawHealth: () => undefined,
      send: (channel, payload) => {
        sendEvent(window.webContents, channel, payload, redactor);
        if (channel === 'notifier:state') clock.poke();
      },
      showWindow: () => window.show(),
      attention: () => undefined,
      setWindowTitle: (title) => window.setTitle(title),
      applyStartAtLogin: (enabled) => (desktop.loginItem.push(enabled), ok(undefined)),
      setGlobalShortcut: () => ok(undefined),
      onShortcut: () => undefined,
      setAlwaysOnTop: () => undefined,
      printSlip: async () => ok(undefined),
      listPrinters: async () => ok([]),
      saveFile: async () => ok({ file: null }),
    },
    createTray: () => ({ render: (view) => desktop.trays.push(view), destroy: () => undefined }),
    quit: () => undefined,
  });
  const unregister = registerInvokeHandlers(
    ipcMain,
    app.handlers,
    createSenderCheck({ windows: () => BrowserWindow.getAllWindows(), isAppUrl: (url) => url === APP_PAGE }),
    { log, redactor },
  );
  await app.start();

  return {
    runtime: app.runtime,
    desktop,
    settingsStore,
    secretStore,
    confirmations,
    logger,
    window,
    opened,
    clients,
    settingsFile: path.join(userData, 'settings.json'),
    secretsFile: path.join(userData, 'secrets.json'),
    invoke: (channel: string, payload: unknown) => ipcMain.invoke(channel, payload),
    async stop() {
      await app.stop();
      unregister();
      window.destroy();
    },
  };
}
