/**
 * The one composition (main/app/compose.ts) with plain fakes for the desktop and the real client,
 * engine and presenter against the simulator: an order reaches the desktop without passing through
 * the composition root, and the tray's menu drives the same commands as the window.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../../common/contract';
import { ok } from '../../../common/result';
import { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../../../common/settings';
import { composeApp, type ComposedApp } from '../../../main/app/compose';
import type { TrayActions } from '../../../main/app/ports';
import type { TrayView } from '../../../main/app/tray-view';
import { systemClock } from '../../../main/watch';
import { connectionFor, DEMO_CREDENTIALS, startSimulator } from '../../../sim/server';
import type { Simulator } from '../../../sim/types';
import { MemoryStore } from '../watch/fakes';
import { waitFor as until } from '../../wait-for';

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

function compose() {
  let settings: Settings = { ...DEFAULT_SETTINGS, onboarded: true, connection: connectionFor(sim), pollIntervalSeconds: 300 };
  const shown: { title: string; click: () => void }[] = [];
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
      set: async () => ok(undefined),
      clear: () => ok(undefined),
      status: () => ({ clientSecret: true, token: false }),
      hosts: () => ({}),
      storageKind: async () => 'os',
      warning: null,
    },
    clock: systemClock,
    fetch: globalThis.fetch,
    log: () => undefined,
    redactor: { register: () => undefined },
    createStore: () => new MemoryStore(),
    startDemo: () => Promise.reject(new Error('no demo here')),
    forceDemo: false,
    overrides: { source: null, engine: {} },
    openExternal: async () => ok(undefined),
    openLogFolder: async () => ok(undefined),
    confirm: async () => false,
    appInfo: { version: '0.0.0-test', platform: 'linux', logFolder: '/logs' },
    desktop: {
      notify: (text, click) => shown.push({ title: text.title, click }),
      withdraw: () => undefined,
      withdrawHealth: () => undefined,
      send: (channel, payload) => sent.push({ channel, payload }),
      showWindow: () => (windowShown += 1),
      attention: () => undefined,
      setWindowTitle: () => undefined,
      applyStartAtLogin: (enabled) => (loginItem.push(enabled), ok(undefined)),
    },
    createTray: (trayActions, initial) => {
      actions = trayActions;
      trays.push(initial);
      return { render: (view) => trays.push(view), destroy: () => undefined };
    },
    quit: () => (quits += 1),
  });
  app = composed;
  return { composed, shown, sent, trays, loginItem, actions: () => actions!, windowShown: () => windowShown, quits: () => quits, settings: () => settings };
}

describe('composeApp', () => {
  it('a new order in Clopos reaches the notification, the tray and the alarm, and its click opens that order', async () => {
    sim.addOrder({ id: 'c-1' });
    const t = compose();
    await t.composed.start();
    const note = await until('the notification', () => t.shown.find((n) => n.title === 'New order c-1'));
    expect(t.trays.at(-1)?.count).toBe(1);
    expect(t.sent).toContainEqual({ channel: 'notifier:alarm', payload: { action: 'play', kind: 'order' } });
    note.click();
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
    expect(t.loginItem).toEqual([true]);
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
});
