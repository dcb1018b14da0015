/**
 * Decides when the renderer's alarm plays and stops. Main decides, the renderer only plays: the
 * engine's alert policy sets the cadence (a reminder or escalation announcement restarts the
 * sound), this module adds what the person asked for (sound muted, sound off).
 */
import type { AlarmKind, EventPayloads } from '../../common/contract';
import type { Announcement, EngineSnapshot } from '../../common/engine';
import { mutedUntil } from './messages';

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

/**
 * Something still needs a person and may sound: the engine says so (an unacknowledged order not
 * quieted by a pause, or an alarmed problem) and sound is not muted.
 */
export function needsAlarm(snapshot: EngineSnapshot, now: number): boolean {
  return snapshot.alarmActive && mutedUntil(snapshot, now) === null;
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

/**
 * A new order and a connection problem always sound; a pause only quiets reminders and
 * escalations (the engine does not announce them then); only a mute silences everything, and when
 * it ends whatever still needs a person sounds again at once.
 */
export function createAlarmControl(send: (command: AlarmCommand) => void, deps: { now: () => number; soundEnabled: boolean }): AlarmControl {
  let soundEnabled = deps.soundEnabled;
  let playing = false;
  let escalationRingsUntil = 0;
  let wasMuted = false;

  const stop = (): void => {
    if (!playing) return;
    playing = false;
    send({ action: 'stop' });
  };
  const play = (kind: AlarmKind): void => {
    playing = true;
    send({ action: 'play', kind });
  };

  return {
    onAnnouncement(a, snapshot) {
      const kind = alarmKindFor(a);
      if (!kind || !soundEnabled || mutedUntil(snapshot, deps.now()) !== null) return;
      if (kind === 'escalation') escalationRingsUntil = deps.now() + ESCALATION_RING_MS;
      play(kind);
    },
    onState(snapshot) {
      const now = deps.now();
      const muted = mutedUntil(snapshot, now) !== null;
      const muteEnded = wasMuted && !muted;
      wasMuted = muted;
      if (muted) {
        stop();
        return;
      }
      if (muteEnded && soundEnabled && !playing && needsAlarm(snapshot, now)) {
        play(snapshot.health.alarmed ? 'health' : 'order');
        return;
      }
      if (now < escalationRingsUntil && snapshot.pending.length > 0) return;
      if (!needsAlarm(snapshot, now)) stop();
    },
    setSoundEnabled(enabled) {
      soundEnabled = enabled;
      if (!enabled) stop();
    },
  };
}
