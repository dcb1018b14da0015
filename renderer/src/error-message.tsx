import type { AppError } from '../../common/result';
import { useI18n } from './i18n/i18n';

/** An error a person can act on: what failed, its kind in words, main's message, and a retry when useful. */
export function ErrorMessage({ title, error, onRetry }: { title: string; error: AppError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-message" role="alert">
      <p className="error-title">{title}</p>
      <p>
        <span className="error-kind" data-kind={error.kind}>
          {t.errorKind[error.kind]}
        </span>
        {' — '}
        {error.message}
      </p>
      <p className="error-advice">{t.errorAdvice[error.kind]}</p>
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}
