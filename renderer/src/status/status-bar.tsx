import type { EngineSnapshot } from '../../../common/engine';
import { useNow } from '../clock';
import { useI18n } from '../i18n/i18n';

interface StatusBarProps {
  snapshot: EngineSnapshot;
  demo: boolean;
  onCheckNow(): void;
  onSetPaused(paused: boolean): void;
}

/** Seconds until the next poll; subscribes to the ticker itself so the bar around it stays still. */
function NextCheck({ snapshot }: { snapshot: EngineSnapshot }) {
  const now = useNow();
  const { t } = useI18n();
  if (snapshot.paused) return <span className="status-paused">{t.pollingPaused}</span>;
  const next = snapshot.nextPollAt ? Date.parse(snapshot.nextPollAt) : NaN;
  const seconds = Number.isFinite(next) ? Math.ceil((next - now) / 1000) : 0;
  return <span>{snapshot.polling || seconds <= 0 ? t.checking : t.nextCheckIn(seconds)}</span>;
}

export function StatusBar({ snapshot, demo, onCheckNow, onSetPaused }: StatusBarProps) {
  const { t, format } = useI18n();
  const { health } = snapshot;
  const healthText =
    health.status === 'problem'
      ? `${t.healthProblem}: ${health.error ? t.errorKind[health.error.kind] : ''}`
      : health.status === 'starting'
        ? t.healthStarting
        : health.error
          ? t.healthFailing(health.error.message)
          : t.healthOk;
  const tone = health.status === 'problem' ? 'bad' : health.status === 'ok' && !health.error ? 'good' : 'warn';
  return (
    <footer className="status-bar">
      <span className={`health health-${tone}`}>
        <span className="health-dot" aria-hidden="true" />
        {healthText}
      </span>
      <span>{snapshot.lastSuccessAt ? t.lastCheck(format.time(snapshot.lastSuccessAt)) : t.noCheckYet}</span>
      <NextCheck snapshot={snapshot} />
      {demo && <span className="demo-badge">{t.demoBadge}</span>}
      <span className="spacer" />
      <button type="button" className="button" onClick={() => onSetPaused(!snapshot.paused)} aria-pressed={snapshot.paused}>
        {snapshot.paused ? `▶ ${t.resumePolling}` : t.pausePolling}
      </button>
      <button type="button" className="button" onClick={onCheckNow} disabled={snapshot.polling}>
        ↻ {t.checkNow}
      </button>
    </footer>
  );
}
