import { useI18n } from '../i18n/i18n';

interface PausedBannerProps {
  /** When this window saw checking pause; null when it was already paused on opening. */
  since: number | null;
  onResume(): void;
}

/** While checking is paused by hand no order can arrive, so every screen says so until someone resumes. */
export function PausedBanner({ since, onResume }: PausedBannerProps) {
  const { t, format } = useI18n();
  return (
    <div className="paused-banner" role="alert">
      <div className="paused-banner-text">
        <p className="paused-banner-title">
          ⚠ {t.pausedBannerTitle}
          {since !== null ? ` — ${t.pausedSince(format.shortTime(since))}` : ''}
        </p>
        <p>
          {t.pausedBannerBody}
        </p>
      </div>
      <button type="button" className="button button-primary paused-banner-resume" onClick={onResume}>
        ▶ {t.resumePolling}
      </button>
    </div>
  );
}
