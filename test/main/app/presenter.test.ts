import { describe, expect, it } from 'vitest';
import type { EventPayloads } from '../../../common/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings';
import type { NotificationText } from '../../../main/app/messages';
import { createPresenter, initialTrayView, STATE_THROTTLE_MS } from '../../../main/app/presenter';
import type { TrayView } from '../../../main/app/tray-view';
import { ManualClock } from './fake-clock';
import { NOW, order, snapshot, tracked } from './fixtures';

const UTC_SETTINGS: Settings = { ...DEFAULT_SETTINGS, connection: { ...DEFAULT_SETTINGS.connection, timeZone: 'UTC' } };

function setup(initial: Settings = UTC_SETTINGS, start: { demo?: boolean } = {}) {
  let settings = initial;
  const clock = new ManualClock(NOW);
  const notes: { text: NotificationText }[] = [];
  const sent: { channel: keyof EventPayloads; payload: unknown }[] = [];
  const trays: TrayView[] = [];
  const attention: { count: number; flash: boolean }[] = [];
  const withdrawn: string[] = [];
  const titles: string[] = [];
  /** What a person sees, in order: notifications shown and health notices closed. */
  const screen: string[] = [];
  let shown = 0;
  const onTop: boolean[] = [];
  const presenter = createPresenter(
    {
      clock,
      settings: () => settings,
      notify: (text) => {
        notes.push({ text });
        screen.push(`show ${text.title}`);
      },
      withdraw: (id) => withdrawn.push(id),
      withdrawHealth: () => screen.push('close health'),
      send: (channel, payload) => sent.push({ channel, payload }),
      showWindow: () => (shown += 1),
      tray: { render: (view) => trays.push(view), destroy: () => undefined },
      attention: (count, flash) => attention.push({ count, flash }),
      setWindowTitle: (title) => titles.push(title),
      setAlwaysOnTop: (flag) => onTop.push(flag),
    },
    { snapshot: snapshot(), demo: start.demo ?? false },
  );
  const changeSettings = (patch: Partial<Settings>) => {
    settings = { ...settings, ...patch };
    presenter.settingsChanged({ settings, secrets: { clientSecret: true, token: false, telegramToken: false }, secretStorage: 'os', warning: null });
  };
  return { clock, presenter, notes, sent, trays, attention, withdrawn, titles, screen, changeSettings, shown: () => shown, onTop };
}

const a1 = order({ id: '1', number: 'A-001' });
const a2 = order({ id: '2', number: 'A-002' });
const two = snapshot({ pending: [tracked(a1), tracked(a2)], alarmActive: true });

describe('presenter', () => {
  it('shows one notification per new order, plays the alarm and flashes the taskbar', () => {
    const t = setup();
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    t.presenter.announce({ type: 'new-order', order: a2 }, two);
    expect(t.notes.map((n) => n.text.title)).toEqual(['New order A-001', 'New order A-002']);
    expect(t.sent.filter((s) => s.channel === 'notifier:alarm').map((s) => s.payload)).toEqual([
      { action: 'play', kind: 'order' },
      { action: 'play', kind: 'order' },
    ]);
    expect(t.attention.at(-1)).toEqual({ count: 2, flash: true });
  });

  it('brings the window forward on a new order only when the owner asked for it', () => {
    const quiet = setup();
    quiet.presenter.announce({ type: 'new-order', order: a1 }, two);
    expect(quiet.shown()).toBe(0);
    const forward = setup({ ...UTC_SETTINGS, window: { bringToFront: true, keepOnTop: false } });
    forward.presenter.announce({ type: 'new-order', order: a1 }, two);
    forward.presenter.announce({ type: 'summary', orders: [a1, a2] }, two);
    // Reminders do not pull the window forward again and again.
    forward.presenter.announce({ type: 'reminder', orders: [a1] }, two);
    expect(forward.shown()).toBe(2);
  });

  it('keeps the window on top while an order is not seen, when asked, and lets it go once all are seen', () => {
    const t = setup({ ...UTC_SETTINGS, window: { bringToFront: false, keepOnTop: true } });
    t.presenter.state(two);
    t.presenter.state(two);
    expect(t.onTop).toEqual([true]);
    t.presenter.state(snapshot({ pending: [tracked(a1, true), tracked(a2, true)] }));
    expect(t.onTop).toEqual([true, false]);
    // Turned off while orders wait: let go at once.
    t.presenter.state(two);
    t.changeSettings({ window: { bringToFront: false, keepOnTop: false } });
    expect(t.onTop).toEqual([true, false, true, false]);
    const off = setup();
    off.presenter.state(two);
    expect(off.onTop).toEqual([]);
  });

  it('opens the clicked order: window shown and the order selected', () => {
    const t = setup();
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    t.presenter.announce({ type: 'new-order', order: a2 }, two);
    t.presenter.openOrder(t.notes[1]!.text.orderId);
    expect(t.shown()).toBe(1);
    expect(t.sent.at(-1)).toEqual({ channel: 'notifier:select-order', payload: { id: '2' } });
  });

  it('only shows the window for a health notice click', () => {
    const t = setup();
    t.presenter.announce({ type: 'health', state: 'ok', message: 'ok', since: NOW, downSince: null }, snapshot());
    t.presenter.openOrder(t.notes[0]!.text.orderId);
    expect(t.shown()).toBe(1);
    expect(t.sent.some((s) => s.channel === 'notifier:select-order')).toBe(false);
  });

  it('withdraws the notification of an order that left pending', () => {
    const t = setup();
    t.presenter.announce({ type: 'left-pending', id: '1', status: 'accepted', order: a1 }, snapshot());
    expect(t.withdrawn).toEqual(['1']);
    expect(t.notes).toHaveLength(0);
  });

  it('throttles renderer state but never loses the last one; updates the tray only on change', () => {
    const t = setup();
    t.presenter.state(two);
    t.presenter.state(two);
    t.presenter.state(snapshot({ pending: [tracked(a2)] }));
    const states = () => t.sent.filter((s) => s.channel === 'notifier:state');
    expect(states()).toHaveLength(1);
    t.clock.advance(STATE_THROTTLE_MS);
    expect(states()).toHaveLength(2);
    expect((states()[1]?.payload as { pending: unknown[] }).pending).toHaveLength(1);
    expect(t.trays.map((v) => v.count)).toEqual([2, 1]);
    expect(t.attention).toEqual([
      { count: 2, flash: false },
      { count: 1, flash: false },
    ]);
    // Unacknowledged orders keep the alarm owed: state updates alone neither play nor stop it.
    expect(t.sent.some((s) => s.channel === 'notifier:alarm')).toBe(false);
  });

  it('stops the alarm when everything is acknowledged', () => {
    const t = setup();
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    t.presenter.state(snapshot({ pending: [tracked(a1, true), tracked(a2, true)] }));
    expect(t.sent.filter((s) => s.channel === 'notifier:alarm').at(-1)?.payload).toEqual({ action: 'stop' });
  });

  it('stays silent with the sound turned off, and labels demo mode in window and tray', () => {
    const t = setup({ ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, sound: false } });
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    expect(t.sent.some((s) => s.channel === 'notifier:alarm')).toBe(false);
    expect(t.notes).toHaveLength(1);
    t.presenter.state(two);
    t.presenter.modeChanged(true);
    expect(t.titles).toEqual(['Clopos Order Notifier', 'Clopos Order Notifier — DEMO (simulated orders)']);
    expect(t.trays.at(-1)?.tooltip.startsWith('DEMO')).toBe(true);
    expect(t.trays.at(-1)?.icon.state).toBe('demo');
  });

  it('sends the settings to the renderer and follows the sound switch', () => {
    const t = setup();
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    const view = { settings: { ...DEFAULT_SETTINGS, alerts: { ...DEFAULT_SETTINGS.alerts, sound: false } }, secrets: { clientSecret: true, token: false, telegramToken: false }, secretStorage: 'os' as const, warning: null };
    t.presenter.settingsChanged(view);
    expect(t.sent.slice(-2)).toEqual([
      { channel: 'notifier:alarm', payload: { action: 'stop' } },
      { channel: 'notifier:settings-changed', payload: view },
    ]);
  });

  it('names the window at once in the settings language, DEMO included', () => {
    expect(setup({ ...UTC_SETTINGS, language: 'ru' }, { demo: true }).titles).toEqual(['Clopos: уведомления о заказах — ДЕМО (сгенерированные заказы)']);
    expect(initialTrayView({ ...UTC_SETTINGS, language: 'az' }, snapshot(), NOW, false).menu.quit).toBe('Çıxış');
  });

  it('a language change re-renders the tray and the window title at once, and later notifications follow it', () => {
    const t = setup();
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    t.presenter.state(two);
    const rendered = t.trays.length;
    t.changeSettings({ language: 'ru' });
    expect(t.trays).toHaveLength(rendered + 1);
    expect(t.trays.at(-1)?.tooltip).toBe('2 заказа ждут · проверено 12:03:10');
    expect(t.trays.at(-1)?.menu.acknowledgeAll).toBe('Вижу все');
    expect(t.titles.at(-1)).toBe('Clopos: уведомления о заказах');
    t.presenter.announce({ type: 'new-order', order: a2 }, two);
    expect(t.notes.map((n) => n.text.title)).toEqual(['New order A-001', 'Новый заказ A-002']);
    // Saving other settings changes nothing a person would see twice.
    t.changeSettings({ pollIntervalSeconds: 20 });
    expect(t.trays).toHaveLength(rendered + 1);
    expect(t.titles).toHaveLength(2);
  });

  it('closes the open health notice before the recovery notice, and a stale recovery before a new problem', () => {
    const t = setup();
    const since = Date.parse('2026-03-02T12:03:00Z');
    t.presenter.announce({ type: 'health', state: 'offline', message: 'Cannot reach Clopos.', since, downSince: since }, snapshot());
    t.presenter.announce({ type: 'health', state: 'ok', message: 'ok', since: Date.parse('2026-03-02T12:10:00Z'), downSince: since }, snapshot());
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    t.presenter.announce({ type: 'health', state: 'auth', message: 'Sign-in refused.', since, downSince: since }, snapshot());
    expect(t.screen).toEqual([
      'close health',
      'show Not receiving orders — offline since 12:03',
      'close health',
      'show Receiving orders again',
      'show New order A-001',
      'close health',
      'show Not receiving orders — sign-in refused since 12:03',
    ]);
  });

  it('withdraws the notifications of an order once it is acknowledged, once', () => {
    const t = setup();
    t.presenter.announce({ type: 'new-order', order: a1 }, two);
    t.presenter.announce({ type: 'new-order', order: a2 }, two);
    t.presenter.state(two);
    expect(t.withdrawn).toEqual([]);
    t.presenter.state(snapshot({ pending: [tracked(a1, true), tracked(a2)] }));
    expect(t.withdrawn).toEqual(['1']);
    // An escalation of an order already acknowledged stays on screen through later updates.
    t.presenter.announce({ type: 'escalation', order: a1, waitedMs: 3 * 60_000 }, two);
    t.presenter.state(snapshot({ pending: [tracked(a1, true), tracked(a2)] }));
    expect(t.withdrawn).toEqual(['1']);
    t.presenter.state(snapshot({ pending: [tracked(a1, true), tracked(a2, true)] }));
    expect(t.withdrawn).toEqual(['1', '2']);
  });
});
