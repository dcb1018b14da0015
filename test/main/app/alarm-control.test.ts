import { describe, expect, it } from 'vitest';
import { createAlarmControl, ESCALATION_RING_MS, type AlarmCommand } from '../../../main/app/alarm-control';
import { NOW, order, problem, snapshot, tracked } from './fixtures';

function setup(soundEnabled = true) {
  const sent: AlarmCommand[] = [];
  const alarm = createAlarmControl((c) => sent.push(c), { now: () => NOW, soundEnabled });
  return { sent, alarm };
}

const waiting = snapshot({ pending: [tracked(order())], alarmActive: true });

describe('alarm control', () => {
  it('plays the order sound for new orders, summaries and reminders, and the escalation sound for escalations', () => {
    const { sent, alarm } = setup();
    alarm.onAnnouncement({ type: 'new-order', order: order() }, waiting);
    alarm.onAnnouncement({ type: 'summary', orders: [order()] }, waiting);
    alarm.onAnnouncement({ type: 'reminder', orders: [order()] }, waiting);
    alarm.onAnnouncement({ type: 'escalation', order: order(), waitedMs: 200_000 }, waiting);
    expect(sent).toEqual([
      { action: 'play', kind: 'order' },
      { action: 'play', kind: 'order' },
      { action: 'play', kind: 'order' },
      { action: 'play', kind: 'escalation' },
    ]);
  });

  it('rings an escalation for an acknowledged order for a while instead of cutting it off at once', () => {
    let now = NOW;
    const sent: AlarmCommand[] = [];
    const alarm = createAlarmControl((c) => sent.push(c), { now: () => now, soundEnabled: true });
    const acknowledged = snapshot({ pending: [{ ...tracked(order()), acknowledged: true }] });
    alarm.onAnnouncement({ type: 'escalation', order: order(), waitedMs: 200_000 }, acknowledged);
    alarm.onState(acknowledged);
    now += ESCALATION_RING_MS - 1;
    alarm.onState(acknowledged);
    expect(sent).toEqual([{ action: 'play', kind: 'escalation' }]);
    now += 1;
    alarm.onState(acknowledged);
    expect(sent).toEqual([{ action: 'play', kind: 'escalation' }, { action: 'stop' }]);
  });

  it('stops an escalation at once when the order is accepted or the sound is muted', () => {
    const accepted = setup();
    accepted.alarm.onAnnouncement({ type: 'escalation', order: order(), waitedMs: 200_000 }, waiting);
    accepted.alarm.onState(snapshot());
    expect(accepted.sent.at(-1)).toEqual({ action: 'stop' });
    const muted = setup();
    muted.alarm.onAnnouncement({ type: 'escalation', order: order(), waitedMs: 200_000 }, waiting);
    muted.alarm.onState(snapshot({ pending: [tracked(order())], mutedUntil: NOW + 60_000 }));
    expect(muted.sent.at(-1)).toEqual({ action: 'stop' });
  });

  it('plays the health sound for a problem but not for the recovery notice', () => {
    const { sent, alarm } = setup();
    const down = snapshot({ health: problem() });
    alarm.onAnnouncement({ type: 'health', state: 'offline', message: 'x', since: 1, downSince: 1 }, down);
    alarm.onAnnouncement({ type: 'health', state: 'ok', message: 'x', since: 1, downSince: 1 }, snapshot());
    expect(sent).toEqual([{ action: 'play', kind: 'health' }]);
  });

  it('sounds a new order and a connection problem while reminders are paused', () => {
    const paused = setup();
    const pausedWaiting = snapshot({ pending: [tracked(order())], alarmActive: true, alertsPausedUntil: NOW + 60_000 });
    paused.alarm.onAnnouncement({ type: 'new-order', order: order() }, pausedWaiting);
    paused.alarm.onState(pausedWaiting);
    paused.alarm.onAnnouncement({ type: 'health', state: 'offline', message: 'x', since: 1, downSince: 1 }, pausedWaiting);
    expect(paused.sent).toEqual([
      { action: 'play', kind: 'order' },
      { action: 'play', kind: 'health' },
    ]);
  });

  it('stays silent while muted or with the sound off', () => {
    const mutedSnapshot = snapshot({ pending: [tracked(order())], alarmActive: false, mutedUntil: NOW + 60_000 });
    const muted = setup();
    muted.alarm.onAnnouncement({ type: 'new-order', order: order() }, mutedSnapshot);
    muted.alarm.onAnnouncement({ type: 'health', state: 'offline', message: 'x', since: 1, downSince: 1 }, mutedSnapshot);
    expect(muted.sent).toEqual([]);
    const off = setup(false);
    off.alarm.onAnnouncement({ type: 'new-order', order: order() }, waiting);
    expect(off.sent).toEqual([]);
  });

  it('sounds again the moment a mute ends while an order or a problem still needs a person', () => {
    const orders = setup();
    orders.alarm.onState(snapshot({ pending: [tracked(order())], mutedUntil: NOW + 60_000 }));
    orders.alarm.onState(waiting);
    expect(orders.sent).toEqual([{ action: 'play', kind: 'order' }]);
    const outage = setup();
    outage.alarm.onState(snapshot({ health: problem(), mutedUntil: NOW + 60_000 }));
    outage.alarm.onState(snapshot({ health: problem(), alarmActive: true }));
    expect(outage.sent).toEqual([{ action: 'play', kind: 'health' }]);
  });

  it('stops once every order is acknowledged and health is fine, once', () => {
    const { sent, alarm } = setup();
    alarm.onAnnouncement({ type: 'new-order', order: order() }, waiting);
    alarm.onState(waiting);
    expect(sent).toHaveLength(1);
    alarm.onState(snapshot({ pending: [tracked(order(), true)] }));
    alarm.onState(snapshot());
    expect(sent).toEqual([{ action: 'play', kind: 'order' }, { action: 'stop' }]);
  });

  it('keeps sounding during an alarmed outage while reminders are paused, and stops when muted or the sound is turned off', () => {
    const { sent, alarm } = setup();
    const down = snapshot({ health: problem(), alarmActive: true });
    alarm.onAnnouncement({ type: 'health', state: 'offline', message: 'x', since: 1, downSince: 1 }, down);
    alarm.onState(snapshot({ ...down, alertsPausedUntil: NOW + 60_000 }));
    expect(sent).toEqual([{ action: 'play', kind: 'health' }]);
    alarm.onState(snapshot({ health: problem(), mutedUntil: NOW + 60_000 }));
    expect(sent.at(-1)).toEqual({ action: 'stop' });
    alarm.onAnnouncement({ type: 'reminder', orders: [order()] }, waiting);
    alarm.setSoundEnabled(false);
    expect(sent.slice(-2)).toEqual([{ action: 'play', kind: 'order' }, { action: 'stop' }]);
  });
});
