import { useState } from 'react';
import type { TelegramStatus } from '../../../common/contract';
import type { EngineSnapshot } from '../../../common/engine';
import { useNow } from '../clock';
import { ConfirmDialog } from '../confirm-dialog';
import { useI18n } from '../i18n/i18n';

interface StatusBarProps {
  snapshot: EngineSnapshot;
  demo: boolean;
  onCheckNow(): void;
  onSetPaused(paused: boolean): void;
  /** How escalation to the owner's phone is doing (AppInfo); a refusal is a problem to fix in Settings. */
  telegram?: TelegramStatus | null;
  onOpenSettings?(): void;
}

/** Seconds until the next poll; subscribes to the ticker itself so the bar around it stays still. */
function NextCheck({ snapshot }: { snapshot: EngineSnapshot }) {
  const now = useNow();
  const { t } = useI18n();
  // While paused there is no next check; the health and the banner say so.
  if (snapshot.paused) return null;
  const next = snapshot.nextPollAt ?? NaN;
  const seconds = Number.isFinite(next) ? Math.ceil((next - now) / 1000) : 0;
  const { mode, intervalMs, reason } = snapshot.cadence;
  // On a narrow window the pace is hidden; it stays one hover away here.
  return (
    <span className="next-check" title={t.cadence(mode, Math.round(intervalMs / 1000), reason)}>
      {snapshot.polling || seconds <= 0 ? t.checking : t.nextCheckIn(seconds)}
    </span>
  );
}

/** The pace in effect and why ("Every 8 s — quota shared with other PCs"); hidden while paused. */
function Cadence({ snapshot }: { snapshot: EngineSnapshot }) {
  const { t } = useI18n();
  if (snapshot.paused) return null;
  const { mode, intervalMs, reason } = snapshot.cadence;
  const text = t.cadence(mode, Math.round(intervalMs / 1000), reason);
  return (
    <span className="cadence" title={text}>
      {text}
    </span>
  );
}

/**
 * Escalation to a phone, on the status bar. A refused token or chat is a red strip right on top of
 * the bar with the way to Settings: no message reaches the owner until it is fixed, and the bar's
 * one line has no room for that sentence at 1024 px. A send being retried is a quiet amber word in
 * the bar itself (the countdown gives way to it on a narrow window). Off or all well: nothing.
 */
function TelegramProblem({ status, onOpenSettings }: { status: TelegramStatus | null; onOpenSettings: (() => void) | undefined }) {
  const { t } = useI18n();
  if (status?.state !== 'refused') return null;
  return (
    <div className="telegram-strip" role="alert">
      <p className="telegram-strip-text" title={status.detail ?? undefined}>
        ⚠ {t.telegram.barRefused}
      </p>
      {onOpenSettings && (
        <button type="button" className="button" onClick={onOpenSettings}>
          {t.telegram.barFix}
        </button>
      )}
    </div>
  );
}

function TelegramMark({ status }: { status: TelegramStatus | null }) {
  const { t } = useI18n();
  if (status?.state !== 'failing') return null;
  return (
    <span className="telegram-mark" title={status.detail ?? undefined}>
      {t.telegram.barFailing}
    </span>
  );
}

type Tone = 'good' | 'warn' | 'bad';

/** Green only while checking works: paused, starting or failing checks are never shown as fine. */
function healthOf(snapshot: EngineSnapshot, t: ReturnType<typeof useI18n>['t']): { text: string; tone: Tone } {
  const { health } = snapshot;
  // The banner above names the problem and what to do; the bar keeps its room for the times.
  if (health.status === 'problem') return { text: t.healthProblem, tone: 'bad' };
  if (snapshot.paused) return { text: t.healthPaused, tone: 'warn' };
  if (health.status === 'starting') return { text: t.healthStarting, tone: 'warn' };
  if (health.error) return { text: t.healthFailing(t.errorKind[health.error.kind]), tone: 'warn' };
  return { text: t.healthOk, tone: 'good' };
}

export function StatusBar({ snapshot, demo, onCheckNow, onSetPaused, telegram = null, onOpenSettings }: StatusBarProps) {
  const { t, format } = useI18n();
  const [confirmingPause, setConfirmingPause] = useState(false);
  const health = healthOf(snapshot, t);
  // While checks fail, the last success is old news: say so, or it reads as if checking works.
  const failing = snapshot.health.status === 'problem' || snapshot.health.error !== null;
  const lastCheck = snapshot.lastSuccessAt !== null
    ? (failing ? t.lastSuccessfulCheck : t.lastCheck)(format.time(snapshot.lastSuccessAt))
    : t.noCheckYet;
  return (
    <>
      <TelegramProblem status={telegram} onOpenSettings={onOpenSettings} />
      <footer className="status-bar">
        <span className={`health health-${health.tone}`}>
          <span className="health-dot" aria-hidden="true" />
          {health.text}
        </span>
        <span className="last-check">{lastCheck}</span>
        <NextCheck snapshot={snapshot} />
        <Cadence snapshot={snapshot} />
        {demo && <span className="demo-badge">{t.demoBadge}</span>}
        <button type="button" className="button" onClick={onCheckNow} disabled={snapshot.polling}>
          ↻ {t.checkNow}
        </button>
        <TelegramMark status={telegram} />
        <span className="spacer" />
        {snapshot.paused ? (
          <button type="button" className="button button-primary" onClick={() => onSetPaused(false)}>
            ▶ {t.resumePolling}
          </button>
        ) : (
          <button type="button" className="button" onClick={() => setConfirmingPause(true)}>
            {t.pausePolling}
          </button>
        )}
      </footer>
      {confirmingPause && (
        <ConfirmDialog
          title={t.pauseConfirmTitle}
          body={t.pauseConfirmBody}
          confirmLabel={t.pauseConfirm}
          cancelLabel={t.pauseKeep}
          onConfirm={() => {
            setConfirmingPause(false);
            onSetPaused(true);
          }}
          onCancel={() => setConfirmingPause(false)}
        />
      )}
    </>
  );
}
