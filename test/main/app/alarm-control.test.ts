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

  it('stops an escalation at once when the order is accepted or alerts are paused', () => {
    const accepted = setup();
    accepted.alarm.onAnnouncement({ type: 'escalation', order: order(), waitedMs: 200_000 }, waiting);
    accepted.alarm.onState(snapshot());
    expect(accepted.sent.at(-1)).toEqual({ action: 'stop' });
    const paused = setup();
    paused.alarm.onAnnouncement({ type: 'escalation', order: order(), waitedMs: 200_000 }, waiting);
    paused.alarm.onState(snapshot({ pending: [tracked(order())], alertsPausedUntil: new Date(NOW + 60_000).toISOString() }));
    expect(paused.sent.at(-1)).toEqual({ action: 'stop' });
  });

  it('plays the health sound for a problem but not for the recovery notice', () => {
    const { sent, alarm } = setup();
    const down = snapshot({ health: problem() });
    alarm.onAnnouncement({ type: 'health', state: 'offline', message: 'x', since: 'a', downSince: 'a' }, down);
    alarm.onAnnouncement({ type: 'health', state: 'ok', message: 'x', since: 'a', downSince: 'a' }, snapshot());
    expect(sent).toEqual([{ action: 'play', kind: 'health' }]);
  });

  it('stays silent while alerts are paused or the sound is off', () => {
    const paused = setup();
    paused.alarm.onAnnouncement({ type: 'new-order', order: order() }, snapshot({ alertsPausedUntil: new Date(NOW + 60_000).toISOString() }));
    expect(paused.sent).toEqual([]);
    const muted = setup(false);
    muted.alarm.onAnnouncement({ type: 'new-order', order: order() }, waiting);
    expect(muted.sent).toEqual([]);
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

  it('keeps sounding during an alarmed outage and stops when alerts are paused or the sound is turned off', () => {
    const { sent, alarm } = setup();
    alarm.onAnnouncement({ type: 'health', state: 'offline', message: 'x', since: 'a', downSince: 'a' }, snapshot({ health: problem() }));
    alarm.onState(snapshot({ health: problem() }));
    expect(sent.at(-1)).toEqual({ action: 'play', kind: 'health' });
    alarm.onState(snapshot({ health: problem(), alertsPausedUntil: new Date(NOW + 60_000).toISOString() }));
    expect(sent.at(-1)).toEqual({ action: 'stop' });
    alarm.onAnnouncement({ type: 'reminder', orders: [order()] }, waiting);
    alarm.setSoundEnabled(false);
    expect(sent.slice(-2)).toEqual([{ action: 'play', kind: 'order' }, { action: 'stop' }]);
  });
});
