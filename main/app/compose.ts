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
import { appError, err, ok, type Result } from '../../common/result';
import { createCloposClient } from '../clopos';
import type { UpdateController } from '../updates';
import { createWatchEngine } from '../watch';
import { TELEGRAM_API_URL } from '../../common/settings';
import { createTelegramEscalation } from '../escalation';
import type { Ledger } from '../ledger/types';
import { createDesktopSettings } from './desktop-settings';
import { createLedgerRecorder, type LedgerRecorder } from './ledger-recorder';
import { createOwnerReport } from './owner-report';
import { createSlipPrinting, type SlipPrinting } from './slip-printing';
import { createHandlers } from './handlers';
import { confirmation, printProblemText, testNotificationText } from './messages';
import type { DesktopPorts, NotificationAction, TrayActions, TrayPort } from './ports';
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

export interface AppPorts extends Omit<RuntimeDeps, 'createClient' | 'createEngine' | 'registerSecret' | 'notificationsSupported' | 'desktopSettings'> {
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
  /**
   * Opens the ledger behind the owner's report (main/ledger): the real one, or the demo's own (the
   * demo's simulated orders never mix with the restaurant's). Absent where none is kept (then the
   * report says so).
   */
  openLedger?: ((scope: LedgerScope) => Ledger) | undefined;
  /** This PC's name: the ledger keeps it with each "Seen", Telegram messages say it. */
  pcName?: string;
  /** Telegram's Bot API (a loopback fake in tests, through the environment); default the real one. */
  telegramApiUrl?: string;
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

/** Runs a command from outside the window (tray, notification, shortcut); a refusal is logged. */
function commandRunner(ports: AppPorts) {
  return (what: string, action: () => Result<unknown> | Promise<Result<unknown>>): void => {
    Promise.resolve()
      .then(action)
      .then(
        (result) => {
          if (!result.ok) ports.log('warn', `${what}: ${result.error.message}`);
        },
        (cause: unknown) => ports.log('warn', `${what} failed: ${cause instanceof Error ? cause.message : String(cause)}`),
      );
  };
}

type CommandRunner = ReturnType<typeof commandRunner>;

/** The tray's menu calls the same commands as the window. */
function trayActions(runtime: AppRuntime, ports: AppPorts, run: CommandRunner): TrayActions {
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

/** How long an acknowledgement from a notification waits for its order to be listed (a cold start from a toast). */
export const HELD_ACKNOWLEDGEMENT_MS = 10 * 60_000;
const MAX_HELD_ACKNOWLEDGEMENTS = 50;
/** How long a quit waits for a slip being printed. */
const QUIT_PRINT_WAIT_MS = 5_000;
/** "Send a test notification" shows at most one notification this often, however often the window asks. */
export const TEST_NOTIFICATION_GAP_MS = 3_000;

/**
 * A click or a button on a notification. Acknowledge from a toast that outlived the app (Windows'
 * Action Center after a restart) may come before the first check has listed its order: it is held
 * until the order appears, for a while, and then dropped (the order is then no longer pending).
 */
function notificationActions(runtime: AppRuntime, presenter: Presenter, clock: AppPorts['clock'], run: CommandRunner) {
  const held = new Map<string, number>();
  const listed = (id: string) => runtime.snapshot().pending.some((t) => t.order.id === id);
  return {
    act(action: NotificationAction): void {
      if (action.action === 'open') {
        presenter.openOrder(action.orderId);
        return;
      }
      const id = action.orderId;
      if (listed(id)) run('Acknowledge from a notification', () => runtime.acknowledge(id));
      else if (held.size < MAX_HELD_ACKNOWLEDGEMENTS) held.set(id, clock.now() + HELD_ACKNOWLEDGEMENT_MS);
    },
    holding: () => held.size > 0,
    /** After a state: acknowledges held orders that are now listed, forgets expired ones. */
    settle(): void {
      const now = clock.now();
      for (const [id, until] of [...held]) {
        if (now > until) held.delete(id);
        else if (listed(id)) {
          held.delete(id);
          run('Acknowledge from a notification', () => runtime.acknowledge(id));
        }
      }
    },
  };
}

const NO_LEDGER = 'No order history is kept in this build, so there is no report.';

export type LedgerScope = 'live' | 'demo';

/** The ledger of what is watched now (the restaurant's or the demo's), each opened when first needed, with its recorder. */
function ledgers(ports: AppPorts, pcName: string, scopeNow: () => LedgerScope) {
  const opened = new Map<LedgerScope, { ledger: Ledger; recorder: LedgerRecorder }>();
  /** Scopes whose ledger could not be opened, with why: said wherever the ledger's own warning would be. */
  const failed = new Map<LedgerScope, string>();
  let recording: LedgerScope | null = null;
  const get = (scope: LedgerScope) => {
    let entry = opened.get(scope);
    if (!entry && ports.openLedger && !failed.has(scope)) {
      try {
        const ledger = ports.openLedger(scope);
        entry = { ledger, recorder: createLedgerRecorder({ ledger, clock: ports.clock, pcName }) };
        opened.set(scope, entry);
      } catch (cause) {
        // Once; watching goes on, and the report and app info say the history is not being kept.
        const why = `The order history could not be opened, so orders are not being kept for the report: ${cause instanceof Error ? cause.message : String(cause)}`;
        failed.set(scope, why);
        ports.log('error', why);
      }
    }
    return entry ?? null;
  };
  return {
    current: () => get(recording ?? scopeNow())?.ledger ?? null,
    warning(): string | null {
      const scope = recording ?? scopeNow();
      return failed.get(scope) ?? get(scope)?.ledger.warning() ?? null;
    },
    recorder: () => (recording === null ? null : (opened.get(recording)?.recorder ?? null)),
    /** Starts recording into the ledger of what is watched now (ending the other's). */
    follow(scope: LedgerScope): void {
      if (recording === scope) return;
      if (recording !== null) opened.get(recording)?.recorder.closed();
      recording = scope;
      get(scope)?.recorder.opened();
    },
    close(): void {
      if (recording !== null) opened.get(recording)?.recorder.closed();
      recording = null;
      for (const { ledger } of opened.values()) ledger.close();
      opened.clear();
    },
  };
}

export function composeApp(ports: AppPorts): ComposedApp {
  const desktopSettings = createDesktopSettings(ports.desktop, ports.log);
  const run = commandRunner(ports);
  let printing: SlipPrinting | null = null;
  const pcName = ports.pcName ?? 'this PC';
  const telegramApiUrl = ports.telegramApiUrl ?? TELEGRAM_API_URL;
  const telegramHost = new URL(telegramApiUrl).host;
  const history = ledgers(ports, pcName, () => (runtime.isDemo() ? 'demo' : 'live'));
  // Its callbacks reach the runtime only once it runs (after composeApp returns).
  const escalation = createTelegramEscalation({
    clock: ports.clock,
    fetch: ports.fetch,
    apiUrl: telegramApiUrl,
    async token() {
      const token = (await ports.secrets.secret('telegramToken', telegramHost)) ?? null;
      // The token is in every request's address: the redactor keeps it out of every log line.
      if (token) ports.redactor.register(token);
      return token;
    },
    settings: () => ports.settings.get(),
    demo: () => runtime.isDemo(),
    pcName,
    record: (event) => history.current()?.record(event),
    log: ports.log,
    onStatus: () => ports.desktop.send('notifier:app-info', runtime.appInfo()),
  });
  const runtime = createAppRuntime({
    ...ports,
    printProblem: () => printing?.problem() ?? null,
    telegramStatus: () => escalation.status(),
    ledgerWarning: () => history.warning(),
    serviceSecretHosts: { telegramToken: telegramHost },
    serviceSecretChanged: () => escalation.settingsChanged(),
    createClient: ports.createClient ?? createCloposClient,
    createEngine: ports.createEngine ?? createWatchEngine,
    registerSecret: (value) => ports.redactor.register(value),
    notificationsSupported: () => ports.desktop.notificationsSupported(),
    desktopSettings,
  });
  const updater =
    ports.createUpdater?.({
      isBusy: () => runtime.busy(),
      isDemo: () => runtime.isDemo(),
      confirmInstall: (version) => ports.confirm(confirmation('confirmUpdate', version, ports.settings.get().language)),
    }) ?? null;
  const demo = runtime.startsInDemo();
  const tray = ports.createTray(trayActions(runtime, ports, run), initialTrayView(ports.settings.get(), idleSnapshot(), ports.clock.now(), demo));
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
  const actions = notificationActions(runtime, presenter, ports.clock, run);
  const slips = createSlipPrinting({
    desktop: ports.desktop,
    settings: () => ports.settings.get(),
    slipsDue: () => runtime.slipsDue(),
    slipPrinted: (id) => runtime.slipPrinted(id),
    findOrder: (id) => {
      const current = runtime.snapshot();
      return (current.pending.find((t) => t.order.id === id) ?? current.history.find((t) => t.order.id === id))?.order;
    },
    clock: ports.clock,
    log: ports.log,
    // A slip that did not print is said on the board and, for a window behind the POS or in the
    // tray, in a notification — never only in the log.
    problemChanged: (problem) => {
      ports.desktop.send('notifier:app-info', runtime.appInfo());
      if (problem) ports.desktop.notify(printProblemText(problem.orderNumber, ports.settings.get().language));
    },
  });
  printing = slips;
  const owner = ports.openLedger
    ? createOwnerReport({
        ledger: () => history.current(),
        settings: () => ports.settings.get(),
        clock: ports.clock,
        saveFile: (r) => ports.desktop.saveFile(r),
        log: ports.log,
      })
    : null;
  let telegramSettings = JSON.stringify(ports.settings.get().telegram);
  runtime.connect({
    ...presenter,
    announce(announcement, snapshot) {
      presenter.announce(announcement, snapshot);
      history.recorder()?.announce(announcement, snapshot);
    },
    settingsChanged(view) {
      presenter.settingsChanged(view);
      const next = JSON.stringify(view.settings.telegram);
      if (next !== telegramSettings) {
        telegramSettings = next;
        escalation.settingsChanged();
      }
    },
    modeChanged(demo) {
      presenter.modeChanged(demo);
      history.follow(demo ? 'demo' : 'live');
    },
    state(snapshot) {
      presenter.state(snapshot);
      history.recorder()?.state(snapshot);
      // The demo's simulated orders never reach the manager's phone.
      if (!runtime.isDemo()) escalation.observe(snapshot);
      // Not inside the engine's own report: printing marks the record, which saves it.
      if (snapshot.pending.length > 0) queueMicrotask(() => slips.settle());
      // Not inside the engine's own report: acknowledging changes the state again.
      if (actions.holding() && snapshot.pending.length > 0) queueMicrotask(() => actions.settle());
    },
  });
  ports.desktop.onNotificationAction((action) => actions.act(action));
  // The OS refusing notifications is said on the board, not only in the log.
  ports.desktop.onNotificationsSupportedChange(() => ports.desktop.send('notifier:app-info', runtime.appInfo()));
  ports.desktop.onShortcut(() => run('The alarm shortcut', () => runtime.acknowledgeAll()));

  let lastTestAt = Number.NEGATIVE_INFINITY;
  const testNotification = (): Result<{ shown: boolean }> => {
    const now = ports.clock.now();
    // Tried even while the OS refused the last one: the test is how a person checks the fix.
    if (now - lastTestAt >= TEST_NOTIFICATION_GAP_MS) {
      lastTestAt = now;
      ports.desktop.notify(testNotificationText(ports.settings.get().language));
    }
    return ok({ shown: ports.desktop.notificationsSupported() });
  };

  return {
    runtime,
    handlers: createHandlers(runtime, updater, {
      testNotification,
      printSlip: (id, venueId) => slips.printNow(id, venueId),
      listPrinters: () => slips.listPrinters(),
      dismissPrintProblem: () => {
        slips.dismissProblem();
        return runtime.appInfo();
      },
    }, {
      report: (range) => owner?.report(range) ?? err(appError('config', NO_LEDGER)),
      exportReport: async (range) => (owner ? owner.exportCsv(range) : err(appError('config', NO_LEDGER))),
      testTelegram: () => escalation.test(),
    }),
    presenter,
    tray,
    updater,
    async start() {
      // At every launch: an AppImage's path changes with each download, and the shortcut is held anew.
      desktopSettings.apply(ports.settings.get());
      history.follow(runtime.startsInDemo() ? 'demo' : 'live');
      await runtime.start();
      updater?.start();
    },
    async stop() {
      updater?.dispose();
      // A slip under way may finish (and be marked printed), but a stuck printer never holds up a quit.
      let timer: unknown = null;
      await Promise.race([slips.idle(), new Promise<void>((resolve) => (timer = ports.clock.setTimeout(resolve, QUIT_PRINT_WAIT_MS)))]);
      ports.clock.clearTimeout(timer);
      await runtime.stop();
      await escalation.stop();
      history.close();
      presenter.close();
      tray.destroy();
    },
  };
}
