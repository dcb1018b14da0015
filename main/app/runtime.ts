/**
 * The app's runtime: builds the Clopos client and the watch engine from the settings and secrets
 * (or from the demo simulator), keeps them running, and offers every action a person can take as
 * a named command (acknowledge, pause alerts, check now, save settings…). The IPC handler table
 * (handlers.ts) and the tray both call these commands. Commands answer with a `Result`: an error a
 * person can act on is a value, never an exception. Electron-free.
 */
import type { AppInfo, PrintProblem, SettingsView, TelegramStatus } from '../../common/contract';
import type { Diagnosis, EngineSnapshot } from '../../common/engine';
import type { Order, OrderDetail, Receipt } from '../../common/order';
import { appError, err, ok, type Result } from '../../common/result';
import { secretHostOf } from '../../common/server-address';
import { DEFAULT_SETTINGS, SECRET_NAMES, type ConnectionSettings, type SecretName, type Settings, type SettingsPatch } from '../../common/settings';
import { createSignInGuards } from '../clopos/sign-in-guard';
import type { ClientConfig, ClientDeps, CloposClient, Credentials } from '../clopos/types';
import type { AnnouncedStore, Clock, EngineDeps, EngineOptions, EngineTuning, WatchEngine } from '../watch/types';
import { withTuning } from '../watch/options';
import type { DesktopSettings } from './desktop-settings';
import { confirmation } from './messages';
import type { ConfirmRequest, ConnectionSource, LogFn, RuntimeOutputs, SecretsPort, SettingsPort } from './ports';

export interface RuntimeDeps {
  settings: SettingsPort;
  secrets: SecretsPort;
  clock: Clock;
  fetch: typeof fetch;
  log: LogFn;
  /** Every secret a client handles (a typed draft secret, each issued token) goes to the redactor. */
  registerSecret?: (value: string) => void;
  createClient(config: ClientConfig, deps: ClientDeps): CloposClient;
  createEngine(deps: EngineDeps): WatchEngine;
  /** The announced record for the demo or for one API generation, brand and server (ids are unique per brand and server only). */
  createStore(scope: { api: string; brand: string; baseUrl: string } | 'demo'): AnnouncedStore;
  /** Starts the in-process simulator with generated orders. */
  startDemo(): Promise<ConnectionSource>;
  /** `--demo` on the command line: demo whatever the settings say. */
  forceDemo: boolean;
  /** Connection and engine timings given by the environment (tests, IT); they win over the settings. */
  overrides: { source: ConnectionSource | null; engine: Partial<EngineTuning> };
  openExternal(url: string): Promise<Result<void>>;
  /** Asks a person at the PC (a native dialog): actions that change an order in Clopos wait for a yes. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  openLogFolder(): Promise<Result<void>>;
  appInfo: Omit<AppInfo, 'demo' | 'notificationsSupported' | 'printProblem' | 'telegram' | 'ledgerWarning'>;
  /** The slip that failed to print last (main/app/slip-printing.ts); none when absent. */
  printProblem?: () => PrintProblem | null;
  /** How escalation to Telegram is doing; 'off' when absent. */
  telegramStatus?: () => TelegramStatus;
  /** The ledger's problem (a damaged file kept aside, a failed write); none when absent. */
  ledgerWarning?: () => string | null;
  /** Whether this system shows notifications (the desktop's answer; the board says so when not). */
  notificationsSupported(): boolean;
  /** Start at login and the global shortcut, carried out on every settings change; what the OS refused is on the view. */
  desktopSettings?: DesktopSettings;
  /**
   * Secrets that belong to another service than Clopos, with the one host each may go to (the
   * Telegram bot token: Telegram's Bot API). They are stored for that host whatever the connection.
   */
  serviceSecretHosts?: Partial<Record<SecretName, string>>;
  /** Told after a service secret was set or removed (the Telegram escalation tries a refused token again). */
  serviceSecretChanged?(name: SecretName): void;
}

export interface SetSecretRequest {
  name: SecretName;
  value: string;
  /** The draft connection the secret was typed for; else the saved one. */
  connection?: ConnectionSettings | undefined;
}

export interface TestConnectionRequest {
  connection?: ConnectionSettings | undefined;
  /** A typed secret, used for this test only and never saved. */
  clientSecret?: string | undefined;
}

/** Every action a person can take, whichever way they take it (window, tray, keyboard, wake-up). */
export interface AppCommands {
  appInfo(): AppInfo;
  snapshot(): EngineSnapshot;
  acknowledge(id: string): Result<EngineSnapshot>;
  acknowledgeAll(): Result<EngineSnapshot>;
  checkNow(reason?: string): Result<EngineSnapshot>;
  setPollingPaused(paused: boolean): Result<EngineSnapshot>;
  /** Pauses reminders and escalations (new orders and problems still sound). */
  pauseAlerts(minutes: number): Result<EngineSnapshot>;
  /** Silences every sound for a short time. */
  muteAlerts(minutes: number): Result<EngineSnapshot>;
  resumeAlerts(): Result<EngineSnapshot>;
  settingsView(): Promise<SettingsView>;
  updateSettings(patch: SettingsPatch): Promise<Result<SettingsView>>;
  setSecret(request: SetSecretRequest): Promise<Result<SettingsView>>;
  clearSecret(name: SecretName): Promise<Result<SettingsView>>;
  testConnection(request: TestConnectionRequest): Promise<Diagnosis>;
  order(id: string, venueId?: string): Promise<Result<OrderDetail>>;
  receipt(id: string, venueId?: string): Promise<Result<Receipt>>;
  /** Sets the order to IGNORE in Clopos; needs the owner's setting and a person's yes in a native dialog. */
  rejectOrder(id: string, venueId?: string): Promise<Result<EngineSnapshot>>;
  openExternal(url: string): Promise<Result<void>>;
  openLogFolder(): Promise<Result<void>>;
}

export interface AppRuntime extends AppCommands {
  /** Sets where announcements, states and settings changes go (the presenter). Once, before start. */
  connect(outputs: RuntimeOutputs): void;
  start(): Promise<void>;
  /** Stops the engine and the demo simulator; leaves no timer and no socket. */
  stop(): Promise<void>;
  /** A check outside the schedule (wake-up, network back); no-op while nothing is watched. */
  pollNow(reason: string): void;
  isDemo(): boolean;
  /** The demo will run at start (`--demo` or the saved mode). */
  startsInDemo(): boolean;
  /** Orders are waiting or the alarm sounds: not a moment to install an update. */
  busy(): boolean;
  /** Pending orders whose slip is due (the engine's record). */
  slipsDue(): Order[];
  /** The order's slip printed (kept in the engine's record). */
  slipPrinted(id: string): void;
}

export function clientConfig(c: ConnectionSettings): ClientConfig {
  return {
    api: c.api,
    baseUrl: c.baseUrl,
    brand: c.brand,
    venues: c.venues,
    ...(c.clientId ? { clientId: c.clientId } : {}),
    ...(c.integratorId ? { integratorId: c.integratorId } : {}),
    ...(c.timeZone ? { timeZone: c.timeZone } : {}),
  };
}

/** The engine's options: the settings as they are, with the environment's timings winning. */
export function engineOptions(settings: Settings, overrides: Partial<EngineTuning>): EngineOptions {
  // A poll interval forced by the environment (NOTIFIER_POLL_SECONDS) is a fixed cadence.
  const cadence = overrides.pollIntervalSeconds !== undefined ? 'fixed' : settings.pollCadence;
  return withTuning(
    { pollIntervalSeconds: settings.pollIntervalSeconds, cadence, alerts: settings.alerts, printNewOrders: settings.printing.printEachNewOrder },
    overrides,
  );
}

const NOT_CONNECTED = 'Not connected yet: enter the Clopos connection in Settings, or try the demo.';

/** What the board shows while nothing is watched (not set up yet). */
export function idleSnapshot(): EngineSnapshot {
  return {
    pending: [],
    history: [],
    health: {
      status: 'starting',
      error: appError('config', NOT_CONNECTED),
      since: null,
      consecutiveFailures: 0,
      alarmed: false,
      problems: [],
    },
    lastSuccessAt: null,
    nextPollAt: null,
    polling: false,
    paused: false,
    alertsPausedUntil: null,
    mutedUntil: null,
    budget: null,
    cadence: { mode: DEFAULT_SETTINGS.pollCadence, intervalMs: DEFAULT_SETTINGS.pollIntervalSeconds * 1000, reason: 'no-budget-info' },
    alarmActive: false,
  };
}

// The poll interval is retuned in place (engine.updateOptions): a restart would forget which orders
// the clerk already acknowledged and sound the alarm for them again.
const RESTART_KEYS = ['connection', 'mode', 'onboarded'] as const;

function needsRestart(before: Settings, after: Settings): boolean {
  return RESTART_KEYS.some((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

interface Running {
  client: CloposClient;
  engine: WatchEngine;
  demo: ConnectionSource | null;
}

const NO_OUTPUTS: RuntimeOutputs = { announce: () => undefined, state: () => undefined, settingsChanged: () => undefined, modeChanged: () => undefined };

export function createAppRuntime(deps: RuntimeDeps): AppRuntime {
  const { settings, secrets, clock, log } = deps;
  let outputs = NO_OUTPUTS;
  let running: Running | null = null;
  // One set of sign-in back-offs for every client this runtime builds: the running one and each
  // "Test connection", so clicking it cannot make Clopos refuse the same credentials again and again.
  const signInGuards = createSignInGuards();
  let demoActive = false;
  let stopped = false;
  /** Starts, restarts and stops run one after another, never interleaved. */
  let lifecycle: Promise<void> = Promise.resolve();

  const wantsDemo = (s: Settings): boolean => deps.forceDemo || s.mode === 'demo';
  /** The stored secrets for a connection: only those entered for its host. */
  const storedCredentialsFor = (connection: ConnectionSettings) => (): Promise<Credentials> => {
    const host = secretHostOf(connection.baseUrl);
    return host === null ? Promise.resolve({}) : secrets.credentials(host);
  };

  const snapshot = (): EngineSnapshot => running?.engine.snapshot() ?? idleSnapshot();

  function buildClient(connection: ConnectionSettings, credentials: () => Promise<Credentials>): CloposClient {
    return deps.createClient(
      { ...clientConfig(connection), currencyDecimals: settings.get().currency.decimals },
      { fetch: deps.fetch, now: () => clock.now(), credentials, log, signInGuards, ...(deps.registerSecret ? { onSecret: deps.registerSecret } : {}) },
    );
  }

  async function launch(): Promise<void> {
    const s = settings.get();
    const demo = wantsDemo(s) ? await deps.startDemo() : null;
    const source = demo ?? deps.overrides.source;
    if (!source && !s.onboarded) {
      setDemo(false);
      outputs.state(idleSnapshot());
      return;
    }
    const client = source
      ? buildClient(source.connection, async () => source.credentials)
      : buildClient(s.connection, storedCredentialsFor(s.connection));
    const { api, brand, baseUrl } = (source ?? s).connection;
    const engine: WatchEngine = deps.createEngine({
      source: client,
      clock,
      store: deps.createStore(demo ? 'demo' : { api, brand, baseUrl }),
      announcer: { announce: (a) => outputs.announce(a, engine.snapshot()) },
      onState: (snap) => outputs.state(snap),
      log,
      options: engineOptions(s, deps.overrides.engine),
    });
    running = { client, engine, demo };
    setDemo(demo !== null);
    log('info', demo ? 'Watching the demo simulator.' : `Watching Clopos ${source ? source.connection.baseUrl : s.connection.baseUrl}.`);
    await engine.start();
  }

  async function halt(): Promise<void> {
    const current = running;
    running = null;
    if (!current) return;
    await current.engine.stop();
    await current.demo?.close();
  }

  function setDemo(demo: boolean): void {
    if (demo === demoActive) return;
    demoActive = demo;
    outputs.modeChanged(demo);
  }

  function serial(step: () => Promise<void>): Promise<void> {
    lifecycle = lifecycle.then(step, step);
    return lifecycle;
  }

  const restart = (): Promise<void> =>
    serial(async () => {
      await halt();
      if (!stopped) await launch();
    });

  /** Runs `act` on the running engine and answers with the new snapshot, or says nothing is watched. */
  function withEngine(act: (engine: WatchEngine) => void): Result<EngineSnapshot> {
    if (!running) return err(appError('config', NOT_CONNECTED));
    act(running.engine);
    return ok(snapshot());
  }

  /** A person asked to test: the sign-in back-off may be lifted, once per back-off period (shared by every client). */
  function personCheck(client: CloposClient): Promise<Diagnosis> {
    client.resetAuthBackoff?.();
    return client.check();
  }

  const serviceHosts = deps.serviceSecretHosts ?? {};
  const isServiceSecret = (name: SecretName): boolean => serviceHosts[name] !== undefined;

  async function settingsView(): Promise<SettingsView> {
    const s = settings.get();
    const host = secretHostOf(s.connection.baseUrl) ?? '';
    const [has, hosts, secretStorage] = [{ ...secrets.status(host) }, secrets.hosts(), await secrets.storageKind()];
    for (const [name, serviceHost] of Object.entries(serviceHosts) as [SecretName, string][]) has[name] = secrets.status(serviceHost)[name];
    const elsewhere = SECRET_NAMES.filter((name) => !isServiceSecret(name) && hosts[name] !== undefined && hosts[name] !== host);
    const moved = elsewhere.map((name) => `The ${name === 'clientSecret' ? 'client secret' : 'pasted token'} was entered for ${hosts[name]}; type it again for ${host}.`);
    const warning = [settings.warning, secrets.warning, ...moved, deps.desktopSettings?.warning()].filter(Boolean).join(' ') || null;
    return { settings: s, secrets: has, secretStorage, warning };
  }

  async function announceSettings(): Promise<SettingsView> {
    deps.desktopSettings?.apply(settings.get());
    const view = await settingsView();
    outputs.settingsChanged(view);
    return view;
  }

  const minutesFromNow = (minutes: number): number => clock.now() + minutes * 60_000;
  const notConnected = (): Result<never> => err(appError('config', NOT_CONNECTED));

  return {
    connect(next) {
      outputs = next;
    },
    start: () => serial(launch),
    stop: () => {
      stopped = true;
      return serial(halt);
    },
    pollNow: (reason) => running?.engine.pollNow(reason),
    isDemo: () => demoActive,
    startsInDemo: () => wantsDemo(settings.get()),
    busy: () => {
      const current = snapshot();
      return current.pending.length > 0 || current.alarmActive;
    },

    appInfo: () => ({
      ...deps.appInfo,
      demo: demoActive,
      notificationsSupported: deps.notificationsSupported(),
      printProblem: deps.printProblem?.() ?? null,
      telegram: deps.telegramStatus?.() ?? { state: 'off', detail: null, lastSentAt: null },
      ledgerWarning: deps.ledgerWarning?.() ?? null,
    }),
    slipsDue: () => running?.engine.slipsDue() ?? [],
    slipPrinted: (id) => running?.engine.slipPrinted(id),
    snapshot,
    acknowledge: (id) => withEngine((engine) => engine.acknowledge(id)),
    // Nothing watched means nothing to acknowledge: not an error for the tray's menu item.
    acknowledgeAll: () => (running ? withEngine((engine) => engine.acknowledgeAll()) : ok(snapshot())),
    checkNow: (reason = 'check now') => withEngine((engine) => engine.pollNow(reason)),
    setPollingPaused: (paused) => withEngine((engine) => engine.setPollingPaused(paused)),
    pauseAlerts: (minutes) => withEngine((engine) => engine.pauseAlerts(minutesFromNow(minutes))),
    muteAlerts: (minutes) => withEngine((engine) => engine.muteAlerts(minutesFromNow(minutes))),
    resumeAlerts: () => withEngine((engine) => engine.resumeAlerts()),
    settingsView,
    async updateSettings(patch) {
      const before = settings.get();
      const updated = settings.update(patch);
      if (!updated.ok) return updated;
      if (needsRestart(before, updated.value)) await restart();
      else running?.engine.updateOptions(engineOptions(updated.value, deps.overrides.engine));
      return ok(await announceSettings());
    },
    async setSecret({ name, value, connection }) {
      // Bound to the server it was typed for: the draft on screen, else the saved one; a service's
      // secret (the Telegram bot token) only ever to that service.
      const host = serviceHosts[name] ?? secretHostOf((connection ?? settings.get().connection).baseUrl);
      if (host === null) return err(appError('invalid-request', 'The secret needs a valid server address to be saved for.'));
      const saved = await secrets.set(name, value, host);
      if (!saved.ok) return saved;
      if (isServiceSecret(name)) {
        deps.serviceSecretChanged?.(name);
        return ok(await announceSettings());
      }
      // The client reads secrets before every call: a running engine just tries again now.
      if (running) running.engine.pollNow('credentials changed');
      else await restart();
      return ok(await announceSettings());
    },
    async clearSecret(name) {
      const cleared = secrets.clear(name);
      if (!cleared.ok) return cleared;
      if (isServiceSecret(name)) deps.serviceSecretChanged?.(name);
      return ok(await announceSettings());
    },
    async testConnection({ connection, clientSecret }) {
      if (clientSecret) {
        const draftCredentials = async (): Promise<Credentials> => ({ clientSecret });
        return personCheck(buildClient(connection ?? settings.get().connection, draftCredentials));
      }
      // A draft at another server gets no stored secret: it only goes where it was entered for.
      if (connection) return personCheck(buildClient(connection, storedCredentialsFor(connection)));
      return personCheck(running ? running.client : buildClient(settings.get().connection, storedCredentialsFor(settings.get().connection)));
    },
    order: async (id, venueId) => (running ? running.client.getOrder(id, venueId) : notConnected()),
    receipt: async (id, venueId) => (running ? running.client.getReceipt(id, venueId) : notConnected()),
    async rejectOrder(id, venueId) {
      if (!settings.get().allowReject) return err(appError('forbidden', 'Rejecting orders is turned off. The owner can turn it on in Settings.'));
      const current = running;
      if (!current) return notConnected();
      // Changing an order in Clopos waits for a person: a dialog no script in the window can click.
      const listed = snapshot().pending.find((t) => t.order.id === id)?.order;
      const yes = await deps.confirm(confirmation('confirmReject', listed?.number ?? id, settings.get().language));
      if (!yes) return err(appError('forbidden', 'Not rejected: the confirmation was declined.'));
      const ignored = await current.client.ignoreOrder(id, venueId);
      if (!ignored.ok) return ignored;
      log('info', `Order ${id} was rejected (set to IGNORE) from the app.`);
      running?.engine.pollNow('order rejected');
      return ok(snapshot());
    },
    openExternal: (url) => deps.openExternal(url),
    openLogFolder: () => deps.openLogFolder(),
  };
}

