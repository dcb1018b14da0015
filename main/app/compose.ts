/**
 * The one composition of the app: from ports (stores, clock, fetch, the desktop's outputs, a tray
 * and an updater factory) it builds the runtime (client + engine lifecycle and the commands), the
 * presenter, the tray's actions and the IPC handler table. Electron-free: main/index.ts calls it
 * with Electron adapters, the tests, the smoke run and the browser preview with fakes, so every
 * one of them runs the same wiring.
 *
 * At run time nothing passes back through here: the engine announces to the runtime, which hands
 * it to the presenter, which renders through the desktop ports.
 */
import type { InvokeHandlers } from '../../common/contract';
import type { Result } from '../../common/result';
import { createCloposClient } from '../clopos';
import type { UpdateController } from '../updates';
import { createWatchEngine } from '../watch';
import { createHandlers } from './handlers';
import { confirmation } from './messages';
import type { DesktopPorts, TrayActions, TrayPort } from './ports';
import { createPresenter, initialTrayView, type Presenter } from './presenter';
import { createAppRuntime, idleSnapshot, type AppRuntime, type RuntimeDeps } from './runtime';
import type { TrayView } from './tray-view';

/** What the updater needs to know from the app (main/desktop/updater.ts builds it from electron-updater). */
export interface UpdateHooks {
  /** Orders are waiting or the alarm sounds: never install then. */
  isBusy(): boolean;
  isDemo(): boolean;
  /** The native dialog asking a person to install (the window cannot answer it). */
  confirmInstall(version: string): Promise<boolean>;
}

/** Anything the redactor needs to know: every secret value a client handles. */
export interface SecretRegistry {
  register(value: string): void;
}

export interface AppPorts extends Omit<RuntimeDeps, 'createClient' | 'createEngine' | 'registerSecret'> {
  /** Default: the real Clopos client. */
  createClient?: RuntimeDeps['createClient'];
  /** Default: the real watch engine. */
  createEngine?: RuntimeDeps['createEngine'];
  /** The app's one redactor (main/redact.ts): secrets the clients see are added to it. */
  redactor: SecretRegistry;
  desktop: DesktopPorts;
  /** Builds the tray; its menu items call `actions`. */
  createTray(actions: TrayActions, initial: TrayView): TrayPort;
  /** Builds the updater; absent or null when this build has none (tests, the preview). */
  createUpdater?(hooks: UpdateHooks): UpdateController | null;
  /** Quits the app (the tray's Quit). */
  quit(): void;
}

export interface ComposedApp {
  runtime: AppRuntime;
  handlers: InvokeHandlers;
  presenter: Presenter;
  tray: TrayPort;
  updater: UpdateController | null;
  /** Starts watching (the saved connection, the demo or nothing yet) and the update checks. */
  start(): Promise<void>;
  /** Stops everything this composition started; leaves no timer and no socket. */
  stop(): Promise<void>;
}

/** The tray's menu calls the same commands as the window; a refusal (nothing watched yet) is logged. */
function trayActions(runtime: AppRuntime, ports: AppPorts): TrayActions {
  const run = (what: string, action: () => Result<unknown> | Promise<Result<unknown>>): void => {
    Promise.resolve()
      .then(action)
      .then(
        (result) => {
          if (!result.ok) ports.log('warn', `${what}: ${result.error.message}`);
        },
        (cause: unknown) => ports.log('warn', `${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`),
      );
  };
  return {
    open: () => ports.desktop.showWindow(),
    checkNow: () => run('Check now', () => runtime.checkNow()),
    acknowledgeAll: () => run('Acknowledge all', () => runtime.acknowledgeAll()),
    pauseAlerts: (minutes) => run('Pause alerts', () => runtime.pauseAlerts(minutes)),
    muteAlerts: (minutes) => run('Mute alerts', () => runtime.muteAlerts(minutes)),
    resumeAlerts: () => run('Resume alerts', () => runtime.resumeAlerts()),
    setStartAtLogin: (enabled) => run('Start at login', () => runtime.updateSettings({ startAtLogin: enabled })),
    openLogFolder: () => run('Open log folder', () => runtime.openLogFolder()),
    quit: () => ports.quit(),
  };
}

export function composeApp(ports: AppPorts): ComposedApp {
  const runtime = createAppRuntime({
    ...ports,
    createClient: ports.createClient ?? createCloposClient,
    createEngine: ports.createEngine ?? createWatchEngine,
    registerSecret: (value) => ports.redactor.register(value),
  });
  const updater =
    ports.createUpdater?.({
      isBusy: () => runtime.busy(),
      isDemo: () => runtime.isDemo(),
      confirmInstall: (version) => ports.confirm(confirmation('confirmUpdate', version, ports.settings.get().language)),
    }) ?? null;
  const demo = runtime.startsInDemo();
  const tray = ports.createTray(trayActions(runtime, ports), initialTrayView(ports.settings.get(), idleSnapshot(), ports.clock.now(), demo));
  const presenter = createPresenter(
    {
      ...ports.desktop,
      clock: ports.clock,
      settings: () => ports.settings.get(),
      tray,
      ...(updater ? { busyChanged: () => updater.busyChanged() } : {}),
    },
    { snapshot: idleSnapshot(), demo },
  );
  runtime.connect(presenter);

  return {
    runtime,
    handlers: createHandlers(runtime, updater),
    presenter,
    tray,
    updater,
    async start() {
      await runtime.start();
      updater?.start();
    },
    async stop() {
      updater?.dispose();
      await runtime.stop();
      presenter.close();
      tray.destroy();
    },
  };
}
