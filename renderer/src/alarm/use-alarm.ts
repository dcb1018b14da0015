import { useCallback, useEffect, useRef, useState } from 'react';
import type { AlarmKind, NotifierBridge } from '../../../common/contract';
import type { EngineSnapshot } from '../../../common/engine';
import type { AlertSettings } from '../../../common/settings';
import type { AlarmPlayer } from './alarm-player';

export interface AlarmControls {
  /** The kind currently looping, null when silent. */
  playing: AlarmKind | null;
  testSound(volume: number): void;
  /** Starts the alarm main already has on (the snapshot's alarmActive), when the window opens late or reloads. */
  resume(kind: AlarmKind): void;
  muteFiveMinutes(): Promise<void>;
}

/** Follows main's `notifier:alarm` events: main decides when to sound, the renderer makes the sound. */
export function useAlarm(
  bridge: NotifierBridge,
  player: AlarmPlayer,
  alerts: AlertSettings | null,
  onSnapshot: (snapshot: EngineSnapshot) => void,
): AlarmControls {
  const [playing, setPlaying] = useState<AlarmKind | null>(null);
  const alertsRef = useRef(alerts);
  alertsRef.current = alerts;

  useEffect(
    () =>
      bridge.on('notifier:alarm', (event) => {
        const current = alertsRef.current;
        if (event.action === 'play' && current?.sound) {
          player.play(event.kind, current.volume);
          setPlaying(event.kind);
        } else {
          player.stop();
          setPlaying(null);
        }
      }),
    [bridge, player],
  );

  useEffect(() => {
    if (!alerts) return;
    if (!alerts.sound) {
      player.stop();
      setPlaying(null);
    } else {
      player.setVolume(alerts.volume);
    }
  }, [player, alerts]);

  useEffect(() => () => player.stop(), [player]);

  const resume = useCallback(
    (kind: AlarmKind) => {
      const current = alertsRef.current;
      if (!current?.sound) return;
      player.play(kind, current.volume);
      setPlaying(kind);
    },
    [player],
  );
  const testSound = useCallback((volume: number) => player.playOnce('order', volume), [player]);
  const muteFiveMinutes = useCallback(async () => {
    player.stop();
    setPlaying(null);
    // A real mute (new orders and problems silent too), short and shown on every screen while it lasts.
    const reply = await bridge.muteAlerts({ minutes: 5 });
    if (reply.ok) onSnapshot(reply.value);
  }, [bridge, player, onSnapshot]);

  return { playing, testSound, resume, muteFiveMinutes };
}
