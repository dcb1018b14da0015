/**
 * The notifier on the recording fake of Electron's Notification, per OS: Windows toasts as toast
 * XML with buttons whose activations come back through Notification.handleActivation, macOS
 * actions, Linux plain notifications; tags that replace rather than stack; withdrawal.
 */
import { DOMParser } from '@xmldom/xmldom';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Announcement } from '../../../common/engine';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import { announcementText, type NotificationText, type TextContext } from '../../../main/app/messages';
import { createPresenter } from '../../../main/app/presenter';
import { createNotifier, notificationId, type NotificationAction } from '../../../main/desktop/notifications';
import { Notification, recorder } from '../../mocks/electron';
import { ManualClock } from '../app/fake-clock';
import { NOW, order, snapshot, tracked } from '../app/fixtures';

const LABELS = { acknowledge: 'Acknowledge', open: 'Open' };
const text = (id: string, critical = false, orders = [id]): NotificationText => ({
  title: `New order ${id}`,
  body: 'body',
  orderId: id,
  orders,
  critical,
  topic: 'orders',
  tag: orders.length === 1 ? `order:${id}` : `orders:${orders.join(',')}`,
  actionLabels: LABELS,
});
const healthText = (title: string): NotificationText => ({
  title,
  body: 'body',
  orderId: null,
  orders: [],
  critical: true,
  topic: 'health',
  tag: 'health',
  actionLabels: LABELS,
});
const ctx: TextContext = { now: NOW, language: 'en', currency: { label: 'AZN', decimals: 2 }, timeZone: 'UTC', demo: false };

function notifierOn(platform: NodeJS.Platform, limit?: number) {
  const notifier = createNotifier(Notification, { platform, ...(limit ? { limit } : {}) });
  const actions: NotificationAction[] = [];
  notifier.onAction((a) => actions.push(a));
  return { notifier, actions };
}

/** The toast's buttons and launch arguments, read with a real XML parser. */
function toastOf(n: Notification | undefined) {
  const doc = new DOMParser().parseFromString(n?.toastXml ?? '', 'text/xml');
  const toast = doc.documentElement!;
  return {
    scenario: toast.getAttribute('scenario'),
    launch: toast.getAttribute('launch')!,
    texts: Array.from(doc.getElementsByTagName('text')).map((t) => t.textContent),
    buttons: Array.from(doc.getElementsByTagName('action')).map((a) => ({ label: a.getAttribute('content'), args: a.getAttribute('arguments')! })),
  };
}

describe('native notifications', () => {
  beforeEach(() => {
    recorder.reset();
    Notification.supported = true;
  });

  it('shows one silent notification per text and routes its click to the action handler', () => {
    const { notifier, actions } = notifierOn('linux');
    notifier.show(text('A-001'));
    notifier.show(text('A-002'));
    expect(recorder.notifications.map((n) => [n.title, n.shown, n.options.silent, n.options.urgency])).toEqual([
      ['New order A-001', true, true, 'normal'],
      ['New order A-002', true, true, 'normal'],
    ]);
    recorder.notifications[1]?.click();
    expect(actions).toEqual([{ action: 'open', orderId: 'A-002' }]);
  });

  it('Linux: escalations and the connection alarm are critical and stay; no buttons (Electron has none there), the body says it all', () => {
    const { notifier } = notifierOn('linux');
    notifier.show(text('A-001', true));
    notifier.show(healthText('Not receiving orders'));
    for (const n of recorder.notifications) {
      expect(n.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
      expect(n.options.toastXml).toBeUndefined();
      expect(n.actions).toEqual([]);
    }
  });

  it('Windows: a new order is a toast with Seen and Open, tagged with the order; its Seen comes back through handleActivation', () => {
    const { notifier, actions } = notifierOn('win32');
    const t = announcementText({ type: 'new-order', order: order({ id: 'ord-1', number: 'A-1', source: 'wolt' }) }, ctx)!;
    notifier.show(t);
    const n = recorder.notifications[0]!;
    expect(n.id).toBe('order:ord-1');
    expect(n.options.groupId).toBe('orders');
    const toast = toastOf(n);
    expect(toast.scenario).toBeNull();
    expect(toast.texts[0]).toBe('New order A-1');
    expect(toast.texts.join(' ')).toContain('Wolt');
    expect(toast.buttons.map((b) => b.label)).toEqual(['Seen', 'Open']);
    // What Windows hands back for each press, even after a restart (no object needed).
    Notification.activate(toast.buttons[0]!.args);
    Notification.activate(toast.buttons[1]!.args);
    Notification.activate(toast.launch, 'click');
    expect(actions).toEqual([
      { action: 'acknowledge', orderId: 'ord-1' },
      { action: 'open', orderId: 'ord-1' },
      { action: 'open', orderId: 'ord-1' },
    ]);
  });

  it('Windows: an escalation is urgent and replaces the order\'s toast rather than stacking beside it', () => {
    const { notifier } = notifierOn('win32');
    const o = order({ id: 'ord-2', number: 'A-2' });
    notifier.show(announcementText({ type: 'new-order', order: o }, ctx)!);
    notifier.show(announcementText({ type: 'escalation', order: o, waitedMs: 240_000 }, ctx)!);
    const [first, second] = recorder.notifications;
    // Same tag: Windows replaces the toast itself (closing the old one could take the new one with it).
    expect(second?.id).toBe(first?.id);
    expect(first?.replaced).toBe(true);
    expect(first?.closeCalls).toBe(0);
    expect(toastOf(second).scenario).toBe('urgent');
    expect(notifier.open()).toBe(1);
  });

  it('Linux: an escalation closes the order\'s earlier notification (no ids there), so one stays', () => {
    const { notifier } = notifierOn('linux');
    const o = order({ id: 'ord-2', number: 'A-2' });
    notifier.show(announcementText({ type: 'new-order', order: o }, ctx)!);
    notifier.show(announcementText({ type: 'escalation', order: o, waitedMs: 240_000 }, ctx)!);
    expect(recorder.notifications.map((n) => [n.title, n.closeCalls, n.closed])).toEqual([
      ['New order A-2', 1, true],
      ['Order A-2 waiting 4 min', 0, false],
    ]);
  });

  it('Windows: activations before the app is ready are held for it (a cold start from the Action Center), and foreign arguments only open', () => {
    const notifier = createNotifier(Notification, { platform: 'win32' });
    Notification.activate('action=acknowledge&order=ord-9');
    Notification.activate('something-else', 'click');
    const actions: NotificationAction[] = [];
    notifier.onAction((a) => actions.push(a));
    expect(actions).toEqual([
      { action: 'acknowledge', orderId: 'ord-9' },
      { action: 'open', orderId: null },
    ]);
  });

  it('macOS: Acknowledge and Open as actions on a single order; a withdrawn order leaves Notification Center by id', () => {
    const { notifier, actions } = notifierOn('darwin');
    notifier.show(text('ord-3'));
    notifier.show(text('ord-4', false, ['ord-4', 'ord-5']));
    const [single, summary] = recorder.notifications;
    expect(single?.actions).toEqual([
      { type: 'button', text: 'Acknowledge' },
      { type: 'button', text: 'Open' },
    ]);
    expect(summary?.actions).toEqual([]);
    single?.pressAction(0);
    summary?.click();
    expect(actions).toEqual([
      { action: 'acknowledge', orderId: 'ord-3' },
      { action: 'open', orderId: 'ord-4' },
    ]);
    // An order from an earlier run, with no object here: still removed by its id.
    notifier.withdraw('ord-from-yesterday');
    expect(recorder.removedNotificationIds).toContain('order:ord-from-yesterday');
  });

  it('a very long order id still makes a short, stable tag (Windows keeps 64 characters)', () => {
    const long = `order:${'x'.repeat(200)}`;
    expect(notificationId(long)).toHaveLength(42);
    expect(notificationId(long)).toBe(notificationId(long));
    expect(notificationId('order:1')).toBe('order:1');
  });

  it('holds each notification until it closes, and never more than the limit', () => {
    const { notifier } = notifierOn('linux', 2);
    notifier.show(text('1'));
    notifier.show(text('2'));
    expect(notifier.open()).toBe(2);
    notifier.show(text('3'));
    expect(notifier.open()).toBe(2);
    expect(recorder.notifications[0]?.closed).toBe(true);
    recorder.notifications[1]?.close();
    expect(notifier.open()).toBe(1);
  });

  it('withdraws a notification once none of its orders is pending', () => {
    const { notifier } = notifierOn('win32');
    notifier.show(text('1'));
    notifier.show(text('2', false, ['2', '3']));
    notifier.withdraw('1');
    notifier.withdraw('2');
    expect(recorder.notifications.map((n) => n.closed)).toEqual([true, false]);
    notifier.withdraw('3');
    expect(recorder.notifications.map((n) => n.closed)).toEqual([true, true]);
    expect(notifier.open()).toBe(0);
  });

  it('at quit: Windows and macOS leave notifications in the Action / Notification Center (a click restarts the app); Linux closes them', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      recorder.reset();
      const { notifier } = notifierOn(platform);
      notifier.show(text('1'));
      notifier.release();
      expect([platform, recorder.notifications[0]?.closed]).toEqual([platform, platform === 'linux']);
      expect(notifier.open()).toBe(0);
    }
  });

  it('shows nothing where the OS has no notifications, and says so', () => {
    Notification.supported = false;
    const { notifier } = notifierOn('linux');
    notifier.show(text('1'));
    expect(recorder.notifications).toHaveLength(0);
    expect(notifier.supported()).toBe(false);
  });

  it('withdraws the health notice on screen and leaves order notifications alone', () => {
    const { notifier } = notifierOn('linux');
    notifier.show(healthText('Not receiving orders'));
    notifier.show(text('1'));
    notifier.withdrawHealth();
    expect(recorder.notifications.map((n) => [n.title, n.closed])).toEqual([
      ['Not receiving orders', true],
      ['New order 1', false],
    ]);
    expect(notifier.open()).toBe(1);
  });

  it('a notification the OS refuses makes the notifier report "not supported" until one is shown again', () => {
    const logged: string[] = [];
    const notifier = createNotifier(Notification, { platform: 'win32', log: (m) => logged.push(m) });
    let changes = 0;
    notifier.onSupportChange(() => (changes += 1));
    notifier.show(text('0'));
    expect([notifier.supported(), changes]).toEqual([true, 0]);
    Notification.refusal = 'toast XML rejected';
    notifier.show(text('1'));
    expect(logged).toEqual(['A notification could not be shown: New order 1']);
    expect(notifier.open()).toBe(1);
    expect([notifier.supported(), changes]).toEqual([false, 1]);
    // Another refusal changes nothing more; the next one shown ends it.
    notifier.show(text('2'));
    expect(changes).toBe(1);
    Notification.refusal = null;
    notifier.show(text('3'));
    expect([notifier.supported(), changes]).toEqual([true, 2]);
  });
});

/** The presenter driving the real notifier on the recording fake: what stays on the clerk's screen. */
describe('notifications on screen, as the presenter drives them', () => {
  beforeEach(() => {
    recorder.reset();
    Notification.supported = true;
  });

  function setup() {
    const notifier = createNotifier(Notification, { platform: 'linux' });
    const presenter = createPresenter(
      {
        clock: new ManualClock(NOW),
        settings: () => ({ ...DEFAULT_SETTINGS, connection: { ...DEFAULT_SETTINGS.connection, timeZone: 'UTC' } }),
        notify: (t) => notifier.show(t),
        withdraw: (id) => notifier.withdraw(id),
        withdrawHealth: () => notifier.withdrawHealth(),
        send: () => undefined,
        showWindow: () => undefined,
        tray: { render: () => undefined, destroy: () => undefined },
        attention: () => undefined,
        setWindowTitle: () => undefined,
        setAlwaysOnTop: () => undefined,
      },
      { snapshot: snapshot(), demo: false },
    );
    const onScreen = () => recorder.notifications.filter((n) => !n.closed).map((n) => n.title);
    return { presenter, notifier, onScreen };
  }

  it('recovery closes the "Not receiving orders" banner and shows the recovery notice', () => {
    const { presenter, onScreen } = setup();
    const since = Date.parse('2026-03-02T12:03:00Z');
    const down: Announcement = { type: 'health', state: 'offline', message: 'Cannot reach Clopos.', since, downSince: since };
    presenter.announce(down, snapshot());
    expect(onScreen()).toEqual(['Not receiving orders — offline since 12:03']);
    presenter.announce({ type: 'health', state: 'ok', message: 'Connected again.', since: Date.parse('2026-03-02T12:10:00Z'), downSince: since }, snapshot());
    expect(onScreen()).toEqual(['Receiving orders again']);
    expect(recorder.notifications[0]?.closed).toBe(true);
  });

  it('acknowledging an order closes its notification; a summary closes once all its orders are acknowledged', () => {
    const { presenter, notifier, onScreen } = setup();
    const a = order({ id: '1', number: 'A-001' });
    const b = order({ id: '2', number: 'A-002' });
    const c = order({ id: '3', number: 'A-003' });
    presenter.announce({ type: 'new-order', order: a }, snapshot({ pending: [tracked(a)] }));
    presenter.announce({ type: 'summary', orders: [b, c] }, snapshot({ pending: [tracked(a), tracked(b), tracked(c)] }));
    expect(onScreen()).toEqual(['New order A-001', '2 new orders']);
    presenter.state(snapshot({ pending: [tracked(a, true), tracked(b), tracked(c)] }));
    expect(onScreen()).toEqual(['2 new orders']);
    presenter.state(snapshot({ pending: [tracked(a, true), tracked(b, true), tracked(c)] }));
    expect(onScreen()).toEqual(['2 new orders']);
    presenter.state(snapshot({ pending: [tracked(a, true), tracked(b, true), tracked(c, true)] }));
    expect(onScreen()).toEqual([]);
    expect(notifier.open()).toBe(0);
  });
});
