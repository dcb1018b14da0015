import type { EngineSnapshot } from '../../../common/engine';
import type { AlertSettings } from '../../../common/settings';
import { useNow } from '../clock';
import { formatElapsed } from '../i18n/format';
import { useI18n } from '../i18n/i18n';

interface SilentStripProps {
  snapshot: EngineSnapshot;
  alerts: AlertSettings;
  onResume(): void;
  onOpenSettings(): void;
}

/** The ways the app can be quieter than a new order deserves, in the order they matter. */
export function silentStates(snapshot: EngineSnapshot, alerts: AlertSettings): Array<'muted' | 'reminders-paused' | 'sound-off' | 'volume-zero'> {
  const states: Array<'muted' | 'reminders-paused' | 'sound-off' | 'volume-zero'> = [];
  if (snapshot.mutedUntil !== null) states.push('muted');
  else if (snapshot.alertsPausedUntil !== null) states.push('reminders-paused');
  if (!alerts.sound) states.push('sound-off');
  else if (alerts.volume <= 0) states.push('volume-zero');
  return states;
}

/** Time left until `until`, ticking; "0:00" once passed (main lifts the mute itself). */
function TimeLeft({ until }: { until: number }) {
  const now = useNow();
  return <span className="time-left">{formatElapsed(Math.max(0, Math.round((until - now) / 1000) * 1000))}</span>;
}

/**
 * Never silent without saying so: while every sound is muted (with the time left), reminders are
 * paused, the alarm sound is off or its volume is 0, a strip under the header says so on every
 * screen, with the way back.
 */
export function SilentStrip({ snapshot, alerts, onResume, onOpenSettings }: SilentStripProps) {
  const { t, format } = useI18n();
  const states = silentStates(snapshot, alerts);
  if (states.length === 0) return null;
  return (
    <div className={`silent-strip ${states.includes('muted') || states.includes('sound-off') || states.includes('volume-zero') ? 'is-silent' : ''}`} role="status">
      {states.map((state) => {
        switch (state) {
          case 'muted':
            return (
              <span key={state} className="silent-chip">
                {t.silentMuted} <TimeLeft until={snapshot.mutedUntil ?? 0} />
                <button type="button" className="button" onClick={onResume}>
                  {t.resumeAlerts}
                </button>
              </span>
            );
          case 'reminders-paused':
            return (
              <span key={state} className="silent-chip">
                {t.remindersPausedUntil(format.shortTime(snapshot.alertsPausedUntil ?? Number.NaN))}
                <button type="button" className="button" onClick={onResume}>
                  {t.resumeAlerts}
                </button>
              </span>
            );
          case 'sound-off':
          case 'volume-zero':
            return (
              <span key={state} className="silent-chip">
                {state === 'sound-off' ? t.silentSoundOff : t.silentVolumeZero}
                <button type="button" className="button" onClick={onOpenSettings}>
                  {t.openSettings}
                </button>
              </span>
            );
        }
      })}
    </div>
  );
}
