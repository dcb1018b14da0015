import type { EngineHealth } from '../../../common/engine';
import type { ErrorKind } from '../../../common/result';
import { TechnicalDetails } from '../error-message';
import { useI18n } from '../i18n/i18n';

interface HealthBannerProps {
  health: EngineHealth;
  onCheckNow(): void;
  onOpenSettings(): void;
}

/** Problems only a change in Settings fixes: the clerk is told whom to ask, the owner gets the detail. */
export const SETTINGS_KINDS: ReadonlySet<ErrorKind> = new Set(['auth', 'config', 'not-found', 'bad-response']);

/**
 * Shown on every screen while the engine reports a problem: what is wrong, since when, and what to
 * do — compact, from the error's kind in the clerk's language. A problem the clerk cannot fix
 * (sign-in refused, setup incomplete) says to ask the person who set up this PC; what that person
 * checks, and main's English detail, are one click away.
 */
export function HealthBanner({ health, onCheckNow, onOpenSettings }: HealthBannerProps) {
  const { t, format } = useI18n();
  if (health.status !== 'problem') return null;
  const kind = health.error?.kind ?? 'internal';
  // Each blind spot on its own line, naming the venue it blinds.
  const alarmed = health.problems.filter((p) => p.alarmed);
  const forOwner = SETTINGS_KINDS.has(kind);
  const several = alarmed.length > 1 || Boolean(alarmed[0]?.venueId);
  return (
    <div className="health-banner" role="alert">
      <div className="health-banner-text">
        <p className="health-banner-title">
          ⚠ {t.bannerTitle}
          {health.since !== null ? ` ${t.bannerSince(format.shortTime(health.since))}` : ''}
          {!several && <span className="health-banner-kind"> — {t.errorKind[kind]}</span>}
        </p>
        {several && (
          <ul className="health-banner-problems">
            {alarmed.map((p) => (
              <li key={p.key} className="health-banner-kind">
                {p.venueId ? `${t.bannerVenue(p.venueId)}: ` : ''}
                {t.errorKind[p.error.kind]}
              </li>
            ))}
          </ul>
        )}
        <p>
          {forOwner ? t.askOwner : t.errorAdvice[kind]} {t.bannerWatchPos}
        </p>
        <TechnicalDetails lead={forOwner ? t.errorAdvice[kind] : undefined} lines={[health.error?.message ?? '']} />
      </div>
      <div className="health-banner-actions">
        <button type="button" className="button button-on-danger" onClick={onCheckNow}>
          ↻ {t.checkNow}
        </button>
        {forOwner && (
          <button type="button" className="button button-on-danger" onClick={onOpenSettings}>
            {t.openSettings}
          </button>
        )}
      </div>
    </div>
  );
}
