import { beforeEach, describe, expect, it } from 'vitest';
import { createNotifier } from '../../../main/desktop/notifications';
import { Notification, recorder } from '../../mocks/electron';

const text = (id: string, critical = false, orders = [id]) => ({ title: `New order ${id}`, body: 'body', orderId: id, orders, critical });

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
});
