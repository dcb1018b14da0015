/**
 * Decides when the renderer's alarm plays and stops. Main decides, the renderer only plays: the
 * engine's alert policy sets the cadence (a reminder or escalation announcement restarts the
 * sound), this module adds what the person asked for (alerts paused, sound off).
 */
import type { AlarmKind, EventPayloads } from '../../common/contract';
import type { Announcement, EngineSnapshot } from '../../common/engine';
import { alertsPausedUntil } from './messages';

export type AlarmCommand = EventPayloads['notifier:alarm'];

export function alarmKindFor(a: Announcement): AlarmKind | null {
  switch (a.type) {
    case 'new-order':
    case 'summary':
    case 'reminder':
      return 'order';
    case 'escalation':
      return 'escalation';
    case 'health':
      return a.state === 'ok' ? null : 'health';
    case 'left-pending':
      return null;
  }
}

/** Something still needs a person: an unacknowledged order, or a health problem that was alarmed. */
export function needsAlarm(snapshot: EngineSnapshot, now: number): boolean {
  if (alertsPausedUntil(snapshot, now) !== null) return false;
  const unacknowledged = snapshot.pending.some((t) => !t.acknowledged);
  const healthAlarm = snapshot.health.status === 'problem' && snapshot.health.alarmed;
  return unacknowledged || healthAlarm;
}

export interface AlarmControl {
  onAnnouncement(a: Announcement, snapshot: EngineSnapshot): void;
  onState(snapshot: EngineSnapshot): void;
  setSoundEnabled(enabled: boolean): void;
}

/**
 * An escalation also rings for an order the clerk acknowledged but nobody accepted on the POS yet
 * (the platform is about to drop it). There is nothing left to acknowledge, so it rings this long
 * — until the first state update after it — instead of until an acknowledgement.
 */
export const ESCALATION_RING_MS = 15_000;

export function createAlarmControl(send: (command: AlarmCommand) => void, deps: { now: () => number; soundEnabled: boolean }): AlarmControl {
  let soundEnabled = deps.soundEnabled;
  let playing = false;
  let escalationRingsUntil = 0;

  const stop = (): void => {
    if (!playing) return;
    playing = false;
    send({ action: 'stop' });
  };

  return {
    onAnnouncement(a, snapshot) {
      const kind = alarmKindFor(a);
      if (!kind || !soundEnabled || alertsPausedUntil(snapshot, deps.now()) !== null) return;
      playing = true;
      if (kind === 'escalation') escalationRingsUntil = deps.now() + ESCALATION_RING_MS;
      send({ action: 'play', kind });
    },
    onState(snapshot) {
      const now = deps.now();
      const paused = alertsPausedUntil(snapshot, now) !== null;
      if (!paused && now < escalationRingsUntil && snapshot.pending.length > 0) return;
      if (!needsAlarm(snapshot, now)) stop();
    },
    setSoundEnabled(enabled) {
      soundEnabled = enabled;
      if (!enabled) stop();
    },
  };
}
