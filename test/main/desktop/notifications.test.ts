import { beforeEach, describe, expect, it } from 'vitest';
import type { Announcement } from '../../../common/engine';
import { ok } from '../../../common/result';
import { DEFAULT_SETTINGS } from '../../../common/settings';
import type { NotificationText } from '../../../main/app/messages';
import { createPresenter } from '../../../main/app/presenter';
import { createNotifier } from '../../../main/desktop/notifications';
import { Notification, recorder } from '../../mocks/electron';
import { ManualClock } from '../app/fake-clock';
import { NOW, order, snapshot, tracked } from '../app/fixtures';

const text = (id: string, critical = false, orders = [id]): NotificationText => ({
  title: `New order ${id}`,
  body: 'body',
  orderId: id,
  orders,
  critical,
  topic: 'orders',
});
const healthText = (title: string): NotificationText => ({ title, body: 'body', orderId: null, orders: [], critical: true, topic: 'health' });

describe('native notifications', () => {
  beforeEach(() => {
    recorder.reset();
    Notification.supported = true;
  });

  it('shows one silent notification per text and runs the click action', () => {
    const notifier = createNotifier(Notification);
    const clicks: string[] = [];
    notifier.show(text('A-001'), () => clicks.push('A-001'));
    notifier.show(text('A-002'), () => clicks.push('A-002'));
    expect(recorder.notifications.map((n) => [n.title, n.shown, n.options.silent, n.options.urgency])).toEqual([
      ['New order A-001', true, true, 'normal'],
      ['New order A-002', true, true, 'normal'],
    ]);
    recorder.notifications[1]?.click();
    expect(clicks).toEqual(['A-002']);
  });

  it('keeps escalations on screen as critical', () => {
    createNotifier(Notification).show(text('A-001', true), () => undefined);
    expect(recorder.notifications[0]?.options).toMatchObject({ urgency: 'critical', timeoutType: 'never' });
  });

  it('holds each notification until it closes, and never more than the limit', () => {
    const notifier = createNotifier(Notification, { limit: 2 });
    notifier.show(text('1'), () => undefined);
    notifier.show(text('2'), () => undefined);
    expect(notifier.open()).toBe(2);
    notifier.show(text('3'), () => undefined);
    expect(notifier.open()).toBe(2);
    expect(recorder.notifications[0]?.closed).toBe(true);
    recorder.notifications[1]?.close();
    expect(notifier.open()).toBe(1);
  });

  it('withdraws a notification once none of its orders is pending', () => {
    const notifier = createNotifier(Notification);
    notifier.show(text('1'), () => undefined);
    notifier.show({ ...text('2'), orders: ['2', '3'] }, () => undefined);
    notifier.withdraw('1');
    notifier.withdraw('2');
    expect(recorder.notifications.map((n) => n.closed)).toEqual([true, false]);
    notifier.withdraw('3');
    expect(recorder.notifications.map((n) => n.closed)).toEqual([true, true]);
    expect(notifier.open()).toBe(0);
  });

  it('shows nothing where the OS has no notifications', () => {
    Notification.supported = false;
    createNotifier(Notification).show(text('1'), () => undefined);
    expect(recorder.notifications).toHaveLength(0);
  });

  it('withdraws the health notice on screen and leaves order notifications alone', () => {
    const notifier = createNotifier(Notification);
    notifier.show(healthText('Not receiving orders'), () => undefined);
    notifier.show(text('1'), () => undefined);
    notifier.withdrawHealth();
    expect(recorder.notifications.map((n) => [n.title, n.closed])).toEqual([
      ['Not receiving orders', true],
      ['New order 1', false],
    ]);
    expect(notifier.open()).toBe(1);
  });
});

/** The presenter driving the real notifier on the recording fake: what stays on the clerk's screen. */
describe('notifications on screen, as the presenter drives them', () => {
  beforeEach(() => {
    recorder.reset();
    Notification.supported = true;
  });

  function setup() {
    const notifier = createNotifier(Notification);
    const presenter = createPresenter(
      {
        clock: new ManualClock(NOW),
        settings: () => ({ ...DEFAULT_SETTINGS, connection: { ...DEFAULT_SETTINGS.connection, timeZone: 'UTC' } }),
        notify: (t, onClick) => notifier.show(t, onClick),
        withdraw: (id) => notifier.withdraw(id),
        withdrawHealth: () => notifier.withdrawHealth(),
        send: () => undefined,
        showWindow: () => undefined,
        tray: { render: () => undefined, destroy: () => undefined },
        attention: () => undefined,
        setWindowTitle: () => undefined,
        applyStartAtLogin: () => ok(undefined),
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
