import { describe, expect, it, vi } from 'vitest';
import type { SettingsView } from '../../../common/contract';
import type { Announcement, EngineSnapshot } from '../../../common/engine';
import { appError, err, ok } from '../../../common/result';
import { DEFAULT_SETTINGS, TELEGRAM_API_URL, type SecretName, type Settings, type SettingsPatch } from '../../../common/settings';
import { createHandlers } from '../../../main/app/handlers';
import type { ConfirmRequest, ConnectionSource } from '../../../main/app/ports';
import { createAppRuntime, type RuntimeDeps } from '../../../main/app/runtime';
import type { ClientConfig, ClientDeps, CloposClient } from '../../../main/clopos/types';
import type { EngineDeps, EngineOptions, EngineOptionsPatch, WatchEngine } from '../../../main/watch/types';
import { ManualClock } from './fake-clock';
import { createCloposClient } from '../../../main/clopos';
import { DEMO_CREDENTIALS, startSimulator } from '../../../sim/server';
import { NOW, order, snapshot } from './fixtures';
import { expectOk } from '../../expect-ok';

const CONNECTED: Settings = {
  ...DEFAULT_SETTINGS,
  onboarded: true,
  connection: { ...DEFAULT_SETTINGS.connection, brand: 'openapitest', venues: ['1'], clientId: 'id', integratorId: 'int' },
};

class FakeEngine implements WatchEngine {
  calls: string[] = [];
  options: EngineOptions;
  started = false;
  stopped = false;
  constructor(readonly deps: EngineDeps) {
    this.options = deps.options;
  }
  async start() {
    this.started = true;
  }
  async stop() {
    this.stopped = true;
  }
  pollNow(reason: string) {
    this.calls.push(`pollNow:${reason}`);
  }
  setPollingPaused(paused: boolean) {
    this.calls.push(`paused:${paused}`);
  }
  pauseAlerts(until: number) {
    this.calls.push(`pauseAlerts:${until}`);
  }
  muteAlerts(until: number) {
    this.calls.push(`muteAlerts:${until}`);
  }
  resumeAlerts() {
    this.calls.push('resumeAlerts');
  }
  acknowledge(id: string) {
    this.calls.push(`ack:${id}`);
  }
  acknowledgeAll() {
    this.calls.push('ackAll');
  }
  slipsDue() {
    return [];
  }
  slipPrinted(id: string) {
    this.calls.push(`slipPrinted:${id}`);
  }
  updateOptions(patch: EngineOptionsPatch) {
    this.options = { ...this.options, ...patch, alerts: { ...this.options.alerts, ...patch.alerts } };
  }
  snapshot(): EngineSnapshot {
    return snapshot();
  }
}

function fakeClient(config: ClientConfig, deps: ClientDeps): CloposClient & { config: ClientConfig; deps: ClientDeps; ignored: string[] } {
  const ignored: string[] = [];
  return {
    config,
    deps,
    ignored,
    listPending: async () => ok({ orders: [], venues: [], skipped: [], serverTime: null }),
    budget: () => null,
    requestsSent: () => 0,
    getOrder: async (id) => (id === 'missing' ? err(appError('not-found', 'No such order.')) : ok({ order: order({ id }), receipt: null })),
    getReceipt: async () => err(appError('not-found', 'No receipt yet.')),
    ignoreOrder: async (id) => {
      ignored.push(id);
      return ok(undefined);
    },
    check: async () => ({ ok: true, steps: [{ id: 'config', ok: true, message: `checked ${config.baseUrl}` }], advice: [], warnings: [] }),
  };
}

function setup(initial: Settings = CONNECTED, extra: Partial<RuntimeDeps> = {}) {
  let current = initial;
  const secrets = new Map<SecretName, string>([['clientSecret', 's3cret']]);
  const secretHosts = new Map<SecretName, string>([['clientSecret', 'integrations.clopos.com']]);
  const engines: FakeEngine[] = [];
  const clients: ReturnType<typeof fakeClient>[] = [];
  const events = {
    announced: [] as Announcement[],
    states: [] as EngineSnapshot[],
    settings: [] as SettingsView[],
    modes: [] as boolean[],
  };
  const opened: string[] = [];
  const asked: ConfirmRequest[] = [];
  const answers: boolean[] = [];
  const deps: RuntimeDeps = {
    settings: {
      get: () => current,
      update: (patch: SettingsPatch) => ok((current = { ...current, ...patch })),
      warning: null,
    },
    secrets: {
      credentials: async (host) => Object.fromEntries([...secrets].filter(([name]) => secretHosts.get(name) === host)),
      set: async (name, value, host) => {
        secrets.set(name, value);
        secretHosts.set(name, host);
        return ok(undefined);
      },
      clear: (name) => ok(void secrets.delete(name)),
      status: (host) => ({
        clientSecret: secrets.has('clientSecret') && secretHosts.get('clientSecret') === host,
        token: secrets.has('token') && secretHosts.get('token') === host,
        telegramToken: secrets.has('telegramToken') && secretHosts.get('telegramToken') === host,
      }),
      secret: async (name, host) => (secretHosts.get(name) === host ? secrets.get(name) : undefined),
      hosts: () => Object.fromEntries(secretHosts),
      storageKind: async () => 'os',
      warning: null,
    },
    clock: new ManualClock(NOW),
    fetch: vi.fn<typeof fetch>(),
    log: () => undefined,
    createClient: (config, cdeps) => {
      const c = fakeClient(config, cdeps);
      clients.push(c);
      return c;
    },
    createEngine: (edeps) => {
      const e = new FakeEngine(edeps);
      engines.push(e);
      return e;
    },
    createStore: () => ({ load: async () => ({ entries: new Map(), warning: null }), save: async () => undefined }),
    startDemo: async (): Promise<ConnectionSource> => ({
      connection: { ...DEFAULT_SETTINGS.connection, baseUrl: 'http://127.0.0.1:9/open-api', brand: 'demo', venues: ['1'], clientId: 'demo' },
      credentials: { clientSecret: 'demo-secret' },
      close: async () => void opened.push('demo closed'),
    }),
    forceDemo: false,
    overrides: { source: null, engine: {} },
    openExternal: async (url) => ok(void opened.push(url)),
    confirm: async (request) => {
      asked.push(request);
      return answers.shift() ?? false;
    },
    openLogFolder: async () => ok(void opened.push('log folder')),
    appInfo: { version: '1.2.3', platform: 'linux', logFolder: '/logs' },
    notificationsSupported: () => true,
    ...extra,
  };
  const runtime = createAppRuntime(deps);
  runtime.connect({
    announce: (a) => events.announced.push(a),
    state: (s) => events.states.push(s),
    settingsChanged: (v) => events.settings.push(v),
    modeChanged: (d) => events.modes.push(d),
  });
  return { runtime, engines, clients, events, opened, secrets, secretHosts, asked, answers, h: createHandlers(runtime, null, {
      testNotification: () => ok({ shown: true }),
      printSlip: async () => ok({ printer: '' }),
      listPrinters: async () => ok([]),
      dismissPrintProblem: () => runtime.appInfo(),
    }, {
      report: () => err(appError('config', 'no ledger here')),
      exportReport: async () => err(appError('config', 'no ledger here')),
      testTelegram: async () => err(appError('config', 'no telegram here')),
    }), current: () => current };
}

describe('app runtime and its handler table', () => {
  it('builds the client from the saved connection and reads the secret only when the client asks', async () => {
    const t = setup();
    await t.runtime.start();
    expect(t.engines).toHaveLength(1);
    expect(t.engines[0]?.started).toBe(true);
    expect(t.clients[0]?.config).toMatchObject({ api: 'v2', brand: 'openapitest', venues: ['1'], clientId: 'id', integratorId: 'int' });
    // The automatic cadence is the default; the interval is its starting point.
    expect(t.engines[0]?.options).toMatchObject({ cadence: 'auto', pollIntervalSeconds: 10, alerts: { reminderSeconds: 30, healthFailures: 3 } });
    await expect(t.clients[0]?.deps.credentials()).resolves.toEqual({ clientSecret: 's3cret' });
    expect(await t.h['notifier:get-app-info'](undefined)).toEqual({ ok: true, value: { version: '1.2.3', platform: 'linux', logFolder: '/logs', demo: false, notificationsSupported: true, printProblem: null, telegram: { state: 'off', detail: null, lastSentAt: null }, ledgerWarning: null } });
  });

  it('does not watch before onboarding and explains why', async () => {
    const t = setup(DEFAULT_SETTINGS);
    await t.runtime.start();
    expect(t.engines).toHaveLength(0);
    const state = expectOk(await t.h['notifier:get-state'](undefined));
    expect(state.health.error?.kind).toBe('config');
    expect(await t.h['notifier:check-now'](undefined)).toMatchObject({ ok: false, error: { kind: 'config' } });
  });

  it('passes acknowledge, check now, pausing and resuming to the engine', async () => {
    const t = setup();
    await t.runtime.start();
    await t.h['notifier:acknowledge']({ id: '7' });
    await t.h['notifier:acknowledge-all'](undefined);
    await t.h['notifier:check-now'](undefined);
    await t.h['notifier:set-polling-paused']({ paused: true });
    await t.h['notifier:pause-alerts']({ minutes: 15 });
    await t.h['notifier:mute-alerts']({ minutes: 5 });
    await t.h['notifier:resume-alerts'](undefined);
    expect(t.engines[0]?.calls).toEqual([
      'ack:7',
      'ackAll',
      'pollNow:check now',
      'paused:true',
      `pauseAlerts:${NOW + 15 * 60_000}`,
      `muteAlerts:${NOW + 5 * 60_000}`,
      'resumeAlerts',
    ]);
  });

  it('restarts the engine when the connection changes, and only retunes it for alert and interval changes', async () => {
    const t = setup();
    await t.runtime.start();
    await t.h['notifier:set-settings']({ alerts: { ...CONNECTED.alerts, reminderSeconds: 60 } });
    expect(t.engines).toHaveLength(1);
    expect(t.engines[0]?.options.alerts.reminderSeconds).toBe(60);
    // A restart would forget which orders were acknowledged and sound the alarm for them again.
    await t.h['notifier:set-settings']({ pollIntervalSeconds: 20 });
    expect(t.engines).toHaveLength(1);
    expect(t.engines[0]?.stopped).toBe(false);
    expect(t.engines[0]?.options.pollIntervalSeconds).toBe(20);
    await t.h['notifier:set-settings']({ pollCadence: 'fixed' });
    expect(t.engines).toHaveLength(1);
    expect(t.engines[0]?.options.cadence).toBe('fixed');
    const view = expectOk(await t.h['notifier:set-settings']({ connection: { ...CONNECTED.connection, brand: 'other' } }));
    expect(t.engines).toHaveLength(2);
    expect(t.engines[0]?.stopped).toBe(true);
    expect(t.clients.at(-1)?.config.brand).toBe('other');
    expect(view.settings.connection.brand).toBe('other');
    expect(t.events.settings).toHaveLength(4);
  });

  it('never returns a secret: set and clear answer with flags only', async () => {
    const t = setup();
    await t.runtime.start();
    const view = expectOk(await t.h['notifier:set-secret']({ name: 'token', value: 'tok-123' }));
    expect(view.secrets).toEqual({ clientSecret: true, token: true, telegramToken: false });
    expect(JSON.stringify(view)).not.toContain('tok-123');
    expect(JSON.stringify(view)).not.toContain('s3cret');
    expect(t.engines[0]?.calls).toContain('pollNow:credentials changed');
    const cleared = expectOk(await t.h['notifier:clear-secret']({ name: 'clientSecret' }));
    expect(cleared.secrets.clientSecret).toBe(false);
  });

  it('keeps the Telegram bot token for Telegram only, whatever the Clopos server, without restarting the watch', async () => {
    const changed: SecretName[] = [];
    const telegramHost = new URL(TELEGRAM_API_URL).host;
    const t = setup(CONNECTED, { serviceSecretHosts: { telegramToken: telegramHost }, serviceSecretChanged: (name) => changed.push(name) });
    await t.runtime.start();
    const view = expectOk(await t.h['notifier:set-secret']({ name: 'telegramToken', value: '123:bot-token', connection: { ...CONNECTED.connection, baseUrl: 'https://attacker.example/open-api' } }));
    expect(view.secrets).toEqual({ clientSecret: true, token: false, telegramToken: true });
    expect(JSON.stringify(view)).not.toContain('123:bot-token');
    // Bound to Telegram's host, not to the Clopos server of the draft.
    expect(t.secretHosts.get('telegramToken')).toBe(telegramHost);
    await expect(t.clients.at(-1)?.deps.credentials()).resolves.toEqual({ clientSecret: 's3cret' });
    expect(t.engines).toHaveLength(1);
    expect(t.engines[0]?.calls).not.toContain('pollNow:credentials changed');
    expect(changed).toEqual(['telegramToken']);
    // Moving the Clopos server does not call the bot token "entered for another server".
    await t.h['notifier:set-settings']({ connection: { ...CONNECTED.connection, baseUrl: 'https://other.example/open-api' } });
    const moved = expectOk(await t.h['notifier:get-settings'](undefined));
    expect(moved.secrets.telegramToken).toBe(true);
    expect(moved.warning ?? '').not.toMatch(/Telegram|telegramToken|pasted token/);
    expectOk(await t.h['notifier:clear-secret']({ name: 'telegramToken' }));
    expect(changed).toEqual(['telegramToken', 'telegramToken']);
  });

  it('tests a draft of the same server with the saved secret, and never sends it to another server', async () => {
    const t = setup();
    await t.h['notifier:test-connection']({ connection: { ...CONNECTED.connection, brand: 'other-brand' } });
    await expect(t.clients.at(-1)?.deps.credentials()).resolves.toEqual({ clientSecret: 's3cret' });
    const diagnosis = expectOk(await t.h['notifier:test-connection']({ connection: { ...CONNECTED.connection, baseUrl: 'https://draft.example/open-api' } }));
    expect(diagnosis.steps[0]?.message).toBe('checked https://draft.example/open-api');
    await expect(t.clients.at(-1)?.deps.credentials()).resolves.toEqual({});
  });

  it('does not let the engine sign in at a new server address with the stored secret; a secret typed for it is bound to it', async () => {
    const t = setup();
    await t.runtime.start();
    await t.h['notifier:set-settings']({ connection: { ...CONNECTED.connection, baseUrl: 'https://attacker.example/open-api' } });
    await expect(t.clients.at(-1)?.deps.credentials()).resolves.toEqual({});
    const view = expectOk(await t.h['notifier:get-settings'](undefined));
    expect(view.secrets.clientSecret).toBe(false);
    expect(view.warning).toMatch(/client secret was entered for integrations\.clopos\.com; type it again for attacker\.example/);
    await t.h['notifier:set-secret']({ name: 'clientSecret', value: 'typed-again', connection: { ...CONNECTED.connection, baseUrl: 'https://attacker.example/open-api' } });
    await expect(t.clients.at(-1)?.deps.credentials()).resolves.toEqual({ clientSecret: 'typed-again' });
  });

  it('keeps the announced record per API generation, brand and server, and per demo', async () => {
    const scopes: unknown[] = [];
    const createStore: RuntimeDeps['createStore'] = (scope) => {
      scopes.push(scope);
      return { load: async () => ({ entries: new Map(), warning: null }), save: async () => undefined };
    };
    const t = setup(CONNECTED, { createStore });
    await t.runtime.start();
    await t.h['notifier:set-settings']({ connection: { ...CONNECTED.connection, brand: 'second-brand' } });
    await t.h['notifier:set-settings']({ connection: { ...CONNECTED.connection, brand: 'second-brand', baseUrl: 'https://test.example/open-api' } });
    const { api, baseUrl } = CONNECTED.connection;
    expect(scopes).toEqual([
      { api, brand: CONNECTED.connection.brand, baseUrl },
      { api, brand: 'second-brand', baseUrl },
      { api, brand: 'second-brand', baseUrl: 'https://test.example/open-api' },
    ]);
  });

  it('tests a typed secret without saving it, so a wrong try cannot replace the working secret', async () => {
    const t = setup();
    await t.runtime.start();
    const before = t.clients.length;
    await t.h['notifier:test-connection']({ clientSecret: 'typed-but-unsaved' });
    expect(t.clients.length).toBe(before + 1);
    await expect(t.clients.at(-1)?.deps.credentials()).resolves.toEqual({ clientSecret: 'typed-but-unsaved' });
    await expect(t.clients[0]?.deps.credentials()).resolves.toEqual({ clientSecret: 's3cret' });
    const view = expectOk(await t.h['notifier:get-settings'](undefined));
    expect(view.secrets.clientSecret).toBe(true);
    expect(t.engines).toHaveLength(1);
  });

  it('fetches order details and turns a failure into its AppError', async () => {
    const t = setup();
    await t.runtime.start();
    expect(await t.h['notifier:get-order']({ id: '5' })).toMatchObject({ ok: true, value: { order: { id: '5' } } });
    expect(await t.h['notifier:get-order']({ id: 'missing' })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await t.h['notifier:get-receipt']({ id: '5' })).toMatchObject({ ok: false, error: { kind: 'not-found', message: 'No receipt yet.' } });
  });

  it('rejects an order only when the owner allowed it and a person said yes in a native dialog', async () => {
    const t = setup();
    await t.runtime.start();
    expect(await t.h['notifier:reject-order']({ id: '5' })).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(t.clients[0]?.ignored).toEqual([]);
    await t.h['notifier:set-settings']({ allowReject: true });
    // Turning it on in the window is not enough: every rejection waits for the dialog.
    expect(await t.h['notifier:reject-order']({ id: '5' })).toMatchObject({ ok: false, error: { kind: 'forbidden', message: /declined/ } });
    expect(t.clients[0]?.ignored).toEqual([]);
    t.answers.push(true);
    await t.h['notifier:reject-order']({ id: '5' });
    expect(t.clients[0]?.ignored).toEqual(['5']);
    expect(t.asked.map((q) => q.message)).toEqual(['Reject order 5?', 'Reject order 5?']);
    expect(t.engines[0]?.calls).toContain('pollNow:order rejected');
  });

  it('opens links and the log folder through the given openers; updates are disabled until an updater exists', async () => {
    const t = setup();
    await t.h['notifier:open-external']({ url: 'https://clopos.com' });
    await t.h['notifier:open-log-folder'](undefined);
    expect(t.opened).toEqual(['https://clopos.com', 'log folder']);
    expect(await t.h['notifier:check-for-updates'](undefined)).toMatchObject({ ok: true, value: { state: 'disabled' } });
  });

  it('runs the demo from --demo, says so, and closes the simulator on stop', async () => {
    const t = setup(DEFAULT_SETTINGS, { forceDemo: true });
    await t.runtime.start();
    expect(t.runtime.isDemo()).toBe(true);
    expect(t.events.modes).toEqual([true]);
    expect(t.clients[0]?.config.baseUrl).toBe('http://127.0.0.1:9/open-api');
    await expect(t.clients[0]?.deps.credentials()).resolves.toEqual({ clientSecret: 'demo-secret' });
    expect(await t.h['notifier:get-app-info'](undefined)).toMatchObject({ ok: true, value: { demo: true } });
    await t.runtime.stop();
    expect(t.engines[0]?.stopped).toBe(true);
    expect(t.opened).toEqual(['demo closed']);
  });

  it('leaves demo mode when the settings switch to live', async () => {
    const t = setup({ ...CONNECTED, mode: 'demo' });
    await t.runtime.start();
    expect(t.runtime.isDemo()).toBe(true);
    await t.h['notifier:set-settings']({ mode: 'live' });
    expect(t.runtime.isDemo()).toBe(false);
    expect(t.events.modes).toEqual([true, false]);
    expect(t.opened).toEqual(['demo closed']);
    expect(t.clients.at(-1)?.config.brand).toBe('openapitest');
  });

  it('lets an environment connection and engine timings win over the settings', async () => {
    const source: ConnectionSource = {
      connection: { ...DEFAULT_SETTINGS.connection, baseUrl: 'http://127.0.0.1:1/open-api', brand: 'env', venues: ['2'] },
      credentials: { clientSecret: 'env-secret' },
      close: async () => undefined,
    };
    const t = setup(DEFAULT_SETTINGS, { overrides: { source, engine: { pollIntervalSeconds: 3, healthFailures: 1 } } });
    await t.runtime.start();
    expect(t.clients[0]?.config.brand).toBe('env');
    // An interval forced by the environment is a fixed one.
    expect(t.engines[0]?.options).toMatchObject({ cadence: 'fixed', pollIntervalSeconds: 3, alerts: { healthFailures: 1, reminderSeconds: 30 } });
    await expect(t.clients[0]?.deps.credentials()).resolves.toEqual({ clientSecret: 'env-secret' });
  });

  it('hands engine announcements and states to the desktop with the current snapshot', async () => {
    const t = setup();
    await t.runtime.start();
    const engine = t.engines[0];
    engine?.deps.announcer.announce({ type: 'new-order', order: order() });
    engine?.deps.onState?.(snapshot());
    expect(t.events.announced).toHaveLength(1);
    expect(t.events.states).toHaveLength(1);
  });
});

describe('sign-in back-off shared by every client the runtime builds', () => {
  it('thirty "Test connection" clicks after a refusal make at most one more refused sign-in', async () => {
    const sim = await startSimulator();
    try {
      sim.setCredentialsValid(false);
      const connection = { ...CONNECTED.connection, baseUrl: sim.url, brand: DEMO_CREDENTIALS.brand, clientId: DEMO_CREDENTIALS.clientId, integratorId: DEMO_CREDENTIALS.integratorId };
      const t = setup({ ...CONNECTED, connection }, { createClient: createCloposClient, fetch: globalThis.fetch });
      for (let i = 0; i < 30; i += 1) await t.h['notifier:test-connection']({ clientSecret: 'typed-secret' });
      expect(sim.requests().filter((r) => r.path === '/auth')).toHaveLength(2);
    } finally {
      await sim.close();
    }
  });
});
