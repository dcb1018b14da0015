import type { EngineHealth } from '../../../common/engine';
import { DetailLine } from '../error-message';
import { useI18n } from '../i18n/i18n';

interface HealthBannerProps {
  health: EngineHealth;
  onCheckNow(): void;
  onOpenSettings(): void;
}

/**
 * Shown on every screen while the engine reports a problem: what is wrong, since when, and what to
 * do — all from the error's kind in the clerk's language; main's English detail comes last, small.
 */
export function HealthBanner({ health, onCheckNow, onOpenSettings }: HealthBannerProps) {
  const { t, format } = useI18n();
  if (health.status !== 'problem') return null;
  const kind = health.error?.kind ?? 'internal';
  // Each blind spot on its own line, naming the venue it blinds.
  const alarmed = health.problems.filter((p) => p.alarmed);
  const settingsHelp = kind === 'auth' || kind === 'config' || kind === 'not-found' || kind === 'bad-response';
  return (
    <div className="health-banner" role="alert">
      <div className="health-banner-text">
        <p className="health-banner-title">
          ⚠ {t.bannerTitle}
          {health.since !== null ? ` ${t.bannerSince(format.shortTime(health.since))}` : ''}
        </p>
        {alarmed.length > 1 || alarmed[0]?.venueId ? (
          <ul className="health-banner-problems">
            {alarmed.map((p) => (
              <li key={p.key} className="health-banner-kind">
                {p.venueId ? `${t.bannerVenue(p.venueId)}: ` : ''}
                {t.errorKind[p.error.kind]}
              </li>
            ))}
          </ul>
        ) : (
          <p className="health-banner-kind">{t.errorKind[kind]}</p>
        )}
        <p>
          {t.errorAdvice[kind]} {t.bannerWatchPos}
        </p>
        {health.error?.message && <DetailLine text={health.error.message} />}
      </div>
      <div className="health-banner-actions">
        <button type="button" className="button button-on-danger" onClick={onCheckNow}>
          ↻ {t.checkNow}
        </button>
        {settingsHelp && (
          <button type="button" className="button button-on-danger" onClick={onOpenSettings}>
            {t.openSettings}
          </button>
        )}
      </div>
    </div>
  );
}
