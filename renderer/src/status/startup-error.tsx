import type { AppError } from '../../../common/result';
import { TechnicalDetails } from '../error-message';
import { useI18n } from '../i18n/i18n';

/**
 * The window could not load the app's state from main (settings or orders): a screen that says so
 * in plain words, what it means for orders, a retry, and the detail for support — never a
 * "Loading…" that reads as if it were about to work.
 */
export function StartupError({ error, onRetry }: { error: AppError; onRetry(): void }) {
  const { t } = useI18n();
  return (
    <main className="startup-error" aria-labelledby="startup-error-title">
      <div className="startup-error-box" role="alert">
        <h1 id="startup-error-title">⚠ {t.startupErrorTitle}</h1>
        <p className="startup-error-orders">{t.startupErrorOrders}</p>
        <p>
          <strong>{t.errorKind[error.kind]}.</strong> {t.startupErrorAdvice}
        </p>
        <button type="button" className="button button-primary" onClick={onRetry}>
          {t.retry}
        </button>
        <TechnicalDetails lines={[`${error.kind}: ${error.message}`]} />
      </div>
    </main>
  );
}
