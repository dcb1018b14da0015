/**
 * The composition root: the only place that creates real adapters (Electron objects, stores, the
 * Clopos client, the watch engine) and wires them together. Everything it calls is tested on its
 * own; the smoke run (test/smoke) loads the built form of this file with a fake Electron and
 * drives a whole scenario through it.
 */
import { app, BrowserWindow, crashReporter, dialog, globalShortcut, ipcMain, Menu, nativeImage, net, Notification, powerMonitor, safeStorage, shell, Tray } from 'electron';
import { autoUpdater } from 'electron-updater';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createConfirm } from './desktop/confirm';
import { feedFromAppUpdateYml } from './updates';
import { composeApp } from './app/compose';
import type { LogFn } from './app/ports';
import { devServerUrlFrom, parseLaunchArgs, readEnvOverrides } from './app/launch';
import { startDemo } from './app/demo';
import { closeLibraryChannels, createSenderCheck, registerInvokeHandlers } from './desktop/ipc';
import { openExternalUrl } from './desktop/external-links';
import { createAppUrlCheck, installWebContentsGuards, secureWebPreferences } from './desktop/security';
import { openAppStores } from './desktop/app-stores';
import { createAppLogger, openLogFolder } from './desktop/log';
import { logUncaughtErrors, reloadCrashedRenderer } from './desktop/crash-guard';
import { createUpdater } from './desktop/updater';
import { createRedactor } from './redact';
import { claimSingleInstance, installQuitHandling, launchedAtLogin, registerNotificationIdentity } from './desktop/lifecycle';
import { keepCrashDumpsLocally, tidyCrashDumps } from './desktop/crash-dumps';
import { createGlobalShortcut } from './desktop/global-shortcut';
import { createMainWindow, hideOnClose, showAndFocus } from './desktop/window';
import { createSlipPrinter } from './desktop/printing';
import { createFileSaver } from './desktop/save-file';
import { openLedger } from './ledger';
import { createDesktopPorts } from './desktop/desktop-ports';
import { createNotifier } from './desktop/notifications';
import { createAppTray } from './desktop/tray';
import { watchPower } from './desktop/power';
import { renderTrayIcon } from './icons';
import { createAnnouncedFileStore, systemClock } from './watch';
import type { AppError } from '../common/result';

const RENDERER_INDEX = path.join(__dirname, '..', 'renderer', 'index.html');
const PRELOAD = path.join(__dirname, '..', 'preload', 'index.cjs');

/** The update address the build was made with (electron-builder writes it to app-update.yml), null when none. */
function buildUpdateFeed(): string | null {
  try {
    return feedFromAppUpdateYml(readFileSync(path.join(process.resourcesPath, 'app-update.yml'), 'utf8'));
  } catch {
    return null;
  }
}

const describe = (cause: unknown): string => (cause instanceof Error ? cause.message : (cause as AppError | undefined)?.message ?? String(cause));

async function main(): Promise<void> {
  const args = parseLaunchArgs(process.argv);
  const env = readEnvOverrides(process.env);
  if (env.userData) app.setPath('userData', env.userData);
  registerNotificationIdentity(app, process.platform);
  // As early as it can be: a crash during start-up leaves a dump too.
  const crashDumps = keepCrashDumpsLocally(app, crashReporter, app.getPath('logs'), { version: app.getVersion(), platform: process.platform });

  let showWindow: () => void = () => undefined;
  if (!claimSingleInstance(app, () => showWindow())) {
    app.quit();
    return;
  }
  await app.whenReady();

  const userData = app.getPath('userData');
  const devServerUrl = devServerUrlFrom(process.env, app.isPackaged);
  const redactor = createRedactor();
  if (env.connection?.credentials.clientSecret) redactor.register(env.connection.credentials.clientSecret);
  const logger = createAppLogger({ folder: app.getPath('logs'), redactor, console: !app.isPackaged });
  const log: LogFn = logger.log;
  const loginItem = { env: process.env, home: app.getPath('home'), execPath: process.execPath, name: app.getName() };
  // An error escaping a handler is logged and the poller keeps running: a silent exit would be a missed order.
  logUncaughtErrors(process, log);
  log('info', `Starting ${app.getName()} ${app.getVersion()}${args.demo ? ' in demo mode' : ''}.`);
  const dumps = tidyCrashDumps(crashDumps);
  if (dumps.kept.length > 0) log('warn', `${dumps.kept.length} crash dump(s) kept in ${crashDumps}; the newest is ${dumps.kept[0]!.file}.`);
  const { settings: settingsStore, secrets: secretStore } = await openAppStores({
    cwd: userData,
    safeStorage,
    platform: process.platform,
    redactor,
    log,
    // An installed app watches from the next boot on, unless someone turns it off.
    firstRunDefaults: { startAtLogin: app.isPackaged },
  });
  closeLibraryChannels(ipcMain);

  const opener = { openExternal: (url: string) => shell.openExternal(url) };
  installWebContentsGuards(app, { shell: opener, log: (m) => log('warn', m) });

  const initial = settingsStore.get();
  // The same rule as the runtime's: it starts the simulator exactly then.
  const startsInDemo = args.demo || initial.mode === 'demo';
  const window = createMainWindow(BrowserWindow, {
    webPreferences: secureWebPreferences(PRELOAD),
    htmlPath: RENDERER_INDEX,
    demo: startsInDemo,
    show: !(launchedAtLogin(app, process.platform, args.hidden) || initial.startHidden),
  });
  showWindow = () => showAndFocus(window);
  reloadCrashedRenderer(window.webContents, log);

  const confirm = createConfirm({ showMessageBox: (parent, options) => dialog.showMessageBox(parent, options) }, () => window);
  const notifier = createNotifier(Notification, { platform: process.platform, redact: (text) => redactor.redact(text), log: (m) => log('warn', m) });
  const shortcut = createGlobalShortcut(globalShortcut);
  const printer = createSlipPrinter({
    createWindow: () => new BrowserWindow({ show: false, width: 420, height: 800, webPreferences: secureWebPreferences(PRELOAD) }),
    load: (win, hash) => (devServerUrl ? win.loadURL(`${devServerUrl}#${hash}`) : win.loadFile(RENDERER_INDEX, { hash })),
    printerSource: window.webContents,
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  });
  const saveFile = createFileSaver({ showSaveDialog: (parent, options) => dialog.showSaveDialog(parent, options) }, () => window, () => app.getPath('documents'));
  const desktop = createDesktopPorts({ window, app, notifier, shortcut, redactor, image: nativeImage, platform: process.platform, loginItem, printer, saveFile });
  const composed = composeApp({
    settings: settingsStore,
    secrets: secretStore,
    clock: systemClock,
    fetch: globalThis.fetch,
    log,
    redactor,
    createStore: (scope) => createAnnouncedFileStore({ dir: userData, scope }),
    startDemo: () => startDemo({ clock: systemClock }),
    forceDemo: args.demo,
    overrides: {
      source: env.connection && { ...env.connection, close: async () => undefined },
      engine: env.engine,
    },
    openExternal: (url) => openExternalUrl(url, opener),
    openLogFolder: () => openLogFolder(shell, logger.folder),
    confirm,
    appInfo: { version: app.getVersion(), platform: process.platform, logFolder: logger.folder },
    desktop,
    // The demo keeps its own history: simulated orders never reach the restaurant's report.
    openLedger: (scope) => openLedger({ dir: path.join(userData, scope === 'demo' ? 'ledger-demo' : 'ledger'), now: () => systemClock.now(), retentionDays: settingsStore.get().ledger.retentionDays, log }),
    pcName: os.hostname(),
    ...(env.telegramApiUrl ? { telegramApiUrl: env.telegramApiUrl } : {}),
    createTray: (actions, initial) =>
      createAppTray({ Tray, Menu, nativeImage }, { renderIcon: renderTrayIcon, actions, platform: process.platform, initial }),
    createUpdater: (hooks) =>
      createUpdater({
        autoUpdater,
        ...hooks,
        updateSettings: () => settingsStore.get().updates,
        feeds: { override: args.updateFeed ?? env.updateFeed, build: buildUpdateFeed() },
        packaged: app.isPackaged,
        log: { info: (m) => log('info', m), warn: (m) => log('warn', m) },
      }),
    quit: () => quit.quit(),
  });

  const unregisterIpc = registerInvokeHandlers(
    ipcMain,
    composed.handlers,
    createSenderCheck({
      windows: () => BrowserWindow.getAllWindows(),
      isAppUrl: createAppUrlCheck({ rendererIndexFile: RENDERER_INDEX, devServerUrl }),
    }),
    { log, redactor },
  );
  const stopPower = watchPower(
    { powerMonitor, net },
    {
      wake: (reason) => composed.runtime.pollNow(reason),
      log: (m) => log('info', m),
      timers: { setInterval: (fn, ms) => setInterval(fn, ms), clearInterval: (t) => clearInterval(t as NodeJS.Timeout) },
    },
  );

  const quit = installQuitHandling(
    app,
    async () => {
      stopPower();
      await composed.stop();
      shortcut.release();
      notifier.release();
      unregisterIpc();
      window.destroy();
    },
    (cause) => log('error', `Shutting down failed: ${describe(cause)}`),
  );
  hideOnClose(window, quit.isQuitting);

  // `npm run dev` serves the renderer with hot reload; everything else loads the built files.
  if (devServerUrl) await window.loadURL(devServerUrl);
  else await window.loadFile(RENDERER_INDEX);
  await composed.start();
}

main().catch((cause: unknown) => {
  console.error(`The notifier could not start: ${describe(cause)}`);
  app.quit();
});
