/**
 * The application service: builds the Clopos client and the watch engine from the settings and
 * secrets (or from the demo simulator), keeps them running, and implements every IPC handler of
 * the contract. Electron-free: the desktop adapters and the stores come in as ports, so this runs
 * in vitest and in the smoke run exactly as in the app.
 */
import type { AppInfo, InvokeHandlers, SecretStorageKind, SettingsView, UpdateStatus } from '../../common/contract';
import type { Announcement, Diagnosis, EngineSnapshot } from '../../common/engine';
import { appError, type AppError, type Result } from '../../common/result';
import { secretHostOf } from '../../common/server-address';
import { SECRET_NAMES, type ConnectionSettings, type SecretName, type Settings, type SettingsPatch } from '../../common/settings';
import { confirmation } from './messages';
import { createSignInGuards } from '../clopos/sign-in-guard';
import type { ClientConfig, ClientDeps, CloposClient, Credentials } from '../clopos/types';
import type { AnnouncedStore, Clock, EngineDeps, EngineOptions, WatchEngine } from '../watch/types';

export type LogFn = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** The settings store as the service needs it (validation and persistence live in the store). */
export interface SettingsPort {
  get(): Settings;
  /** Validates, merges and saves; returns the new settings. */
  update(patch: SettingsPatch): Settings;
  /** Set when the settings file was unreadable and defaults were used. */
  warning(): string | null;
}

/**
 * The secret store: values are read only here, right before a Clopos call, and never returned to
 * the renderer. Each secret is bound to the server host it was entered for (`host`: see
 * common/server-address.ts `secretHostOf`) and only ever handed out for that host.
 */
export interface SecretsPort {
  /** Decrypted right now, for one Clopos call to `host`; secrets entered for another host are left out. */
  credentials(host: string): Promise<Credentials>;
  set(name: SecretName, value: string, host: string): Promise<void>;
  clear(name: SecretName): Promise<void>;
  /** Which secrets are set for `host`. */
  has(host: string): Promise<Record<SecretName, boolean>>;
  /** The host each set secret was entered for. */
  hosts(): Promise<Partial<Record<SecretName, string>>>;
  storageKind(): Promise<SecretStorageKind>;
}

/** A question main asks in a native dialog, which no script in the window can answer. */
export interface ConfirmRequest {
  title: string;
  message: string;
  detail: string;
  confirm: string;
  cancel: string;
}

/** Where the orders come from when they do not come from the saved connection. */
export interface ConnectionSource {
  connection: ConnectionSettings;
  credentials: Credentials;
  /** Stops what the source started (the demo simulator); resolves when it is closed. */
  close(): Promise<void>;
}

/** What the desktop does with what the service learns. */
export interface DesktopOutputs {
  announce(announcement: Announcement, snapshot: EngineSnapshot): void;
  state(snapshot: EngineSnapshot): void;
  settingsChanged(view: SettingsView): void;
  /** The demo flag changed (the demo started or ended). */
  modeChanged(demo: boolean): void;
}

export interface AppServiceDeps {
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
  /** Connection and engine options given by the environment (tests, IT); they win over the settings. */
  overrides: { source: ConnectionSource | null; engine: Partial<EngineOptions> };
  outputs: DesktopOutputs;
  openExternal(url: string): Promise<void>;
  /** Asks a person at the PC (a native dialog): actions that change an order in Clopos wait for a yes. */
  confirm(request: ConfirmRequest): Promise<boolean>;
  openLogFolder(): Promise<void>;
  checkForUpdates: (() => Promise<UpdateStatus>) | null;
  appInfo: Omit<AppInfo, 'demo'>;
}

export interface AppService {
  handlers: InvokeHandlers;
  start(): Promise<void>;
  /** Stops the engine and the demo simulator; leaves no timer and no socket. */
  stop(): Promise<void>;
  pollNow(reason: string): void;
  isDemo(): boolean;
  snapshot(): EngineSnapshot;
}

const fail = (error: AppError): never => {
  throw error;
};
const unwrap = <T>(result: Result<T>): T => (result.ok ? result.value : fail(result.error));

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

export function engineOptions(settings: Settings, overrides: Partial<EngineOptions>): EngineOptions {
  const { reminderSeconds, escalationMinutes, summaryThreshold, healthFailures, healthSeconds } = settings.alerts;
  return {
    pollIntervalSeconds: settings.pollIntervalSeconds,
    reminderSeconds,
    escalationMinutes,
    summaryThreshold,
    healthFailures,
    healthSeconds,
    ...overrides,
  };
}

/** What the board shows while nothing is watched (not set up yet). */
export function idleSnapshot(): EngineSnapshot {
  return {
    pending: [],
    history: [],
    health: {
      status: 'starting',
      error: appError('config', 'Not connected yet: enter the Clopos connection in Settings, or try the demo.'),
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

export function createAppService(deps: AppServiceDeps): AppService {
  const { settings, secrets, clock, log, outputs } = deps;
  let running: Running | null = null;
  // One set of sign-in back-offs for every client this service builds: the running one and each
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

  const engineOrFail = (): WatchEngine =>
    running?.engine ?? fail(appError('config', 'Not connected yet: enter the Clopos connection in Settings, or try the demo.'));
  const clientOrFail = (): CloposClient =>
    running?.client ?? fail(appError('config', 'Not connected yet: enter the Clopos connection in Settings, or try the demo.'));

  /** A person asked to test: the sign-in back-off may be lifted, once per back-off period (shared by every client). */
  function personCheck(client: CloposClient): Promise<Diagnosis> {
    client.resetAuthBackoff?.();
    return client.check();
  }

  async function settingsView(): Promise<SettingsView> {
    const s = settings.get();
    const host = secretHostOf(s.connection.baseUrl) ?? '';
    const [has, hosts, secretStorage] = await Promise.all([secrets.has(host), secrets.hosts(), secrets.storageKind()]);
    const elsewhere = SECRET_NAMES.filter((name) => hosts[name] !== undefined && hosts[name] !== host);
    const moved = elsewhere.map((name) => `The ${name === 'clientSecret' ? 'client secret' : 'pasted token'} was entered for ${hosts[name]}; type it again for ${host}.`);
    const warning = [settings.warning(), ...moved].filter(Boolean).join(' ') || null;
    return { settings: s, secrets: has, secretStorage, warning };
  }

  async function announceSettings(): Promise<SettingsView> {
    const view = await settingsView();
    outputs.settingsChanged(view);
    return view;
  }

  const handlers: InvokeHandlers = {
    'notifier:get-app-info': async () => ({ ...deps.appInfo, demo: demoActive }),
    'notifier:get-state': async () => snapshot(),
    'notifier:acknowledge': async ({ id }) => {
      engineOrFail().acknowledge(id);
      return snapshot();
    },
    'notifier:acknowledge-all': async () => {
      running?.engine.acknowledgeAll();
      return snapshot();
    },
    'notifier:check-now': async () => {
      engineOrFail().pollNow('check now');
      return snapshot();
    },
    'notifier:set-polling-paused': async ({ paused }) => {
      engineOrFail().setPollingPaused(paused);
      return snapshot();
    },
    'notifier:pause-alerts': async ({ minutes }) => {
      engineOrFail().pauseAlerts(clock.now() + minutes * 60_000);
      return snapshot();
    },
    'notifier:mute-alerts': async ({ minutes }) => {
      engineOrFail().muteAlerts(clock.now() + minutes * 60_000);
      return snapshot();
    },
    'notifier:resume-alerts': async () => {
      engineOrFail().resumeAlerts();
      return snapshot();
    },
    'notifier:get-settings': async () => settingsView(),
    'notifier:set-settings': async (patch) => {
      const before = settings.get();
      const after = settings.update(patch);
      if (needsRestart(before, after)) await restart();
      else running?.engine.updateOptions(engineOptions(after, deps.overrides.engine));
      return announceSettings();
    },
    'notifier:set-secret': async ({ name, value, connection }) => {
      // Bound to the server it was typed for: the draft on screen, else the saved one.
      const host = secretHostOf((connection ?? settings.get().connection).baseUrl);
      if (host === null) fail(appError('invalid-request', 'The secret needs a valid server address to be saved for.'));
      await secrets.set(name, value, host!);
      // The client reads secrets before every call: a running engine just tries again now.
      if (running) running.engine.pollNow('credentials changed');
      else await restart();
      return announceSettings();
    },
    'notifier:clear-secret': async ({ name }) => {
      await secrets.clear(name);
      return announceSettings();
    },
    'notifier:test-connection': async ({ connection, clientSecret }): Promise<Diagnosis> => {
      if (clientSecret) {
        const draftCredentials = async (): Promise<Credentials> => ({ clientSecret });
        return personCheck(buildClient(connection ?? settings.get().connection, draftCredentials));
      }
      // A draft at another server gets no stored secret: it only goes where it was entered for.
      if (connection) return personCheck(buildClient(connection, storedCredentialsFor(connection)));
      return personCheck(running ? running.client : buildClient(settings.get().connection, storedCredentialsFor(settings.get().connection)));
    },
    'notifier:get-order': async ({ id, venueId }) => unwrap(await clientOrFail().getOrder(id, venueId)),
    'notifier:get-receipt': async ({ id, venueId }) => unwrap(await clientOrFail().getReceipt(id, venueId)),
    'notifier:reject-order': async ({ id, venueId }) => {
      if (!settings.get().allowReject) fail(appError('forbidden', 'Rejecting orders is turned off. The owner can turn it on in Settings.'));
      const client = clientOrFail();
      // Changing an order in Clopos waits for a person: a dialog no script in the window can click.
      const listed = snapshot().pending.find((t) => t.order.id === id)?.order;
      const yes = await deps.confirm(confirmation('confirmReject', listed?.number ?? id, settings.get().language));
      if (!yes) fail(appError('forbidden', 'Not rejected: the confirmation was declined.'));
      unwrap(await client.ignoreOrder(id, venueId));
      log('info', `Order ${id} was rejected (set to IGNORE) from the app.`);
      running?.engine.pollNow('order rejected');
      return snapshot();
    },
    'notifier:open-external': async ({ url }) => deps.openExternal(url),
    'notifier:open-log-folder': async () => deps.openLogFolder(),
    'notifier:check-for-updates': async () =>
      deps.checkForUpdates ? deps.checkForUpdates() : { state: 'disabled', reason: 'Updates are not available in this build.' },
  };

  return {
    handlers,
    start: () => serial(launch),
    stop: () => {
      stopped = true;
      return serial(halt);
    },
    pollNow: (reason) => running?.engine.pollNow(reason),
    isDemo: () => demoActive,
    snapshot,
  };
}
