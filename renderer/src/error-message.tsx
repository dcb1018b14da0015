import type { AppError } from '../../common/result';
import { useI18n } from './i18n/i18n';

/**
 * Text main wrote in English (error details, diagnosis notes, update reasons), shown small under
 * the translated title and advice, and marked as English for screen readers.
 */
export function DetailLine({ text, className = '' }: { text: string; className?: string }) {
  const { t } = useI18n();
  return (
    <p className={`detail-line ${className}`}>
      <span className="detail-label">{t.details}: </span>
      <span lang="en">{text}</span>
    </p>
  );
}

/** An error a person can act on: what failed, its kind and what to do in their language, main's detail below, and a retry when useful. */
export function ErrorMessage({ title, error, onRetry }: { title: string; error: AppError; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <div className="error-message" role="alert">
      <p className="error-title">{title}</p>
      <p className="error-kind" data-kind={error.kind}>
        {t.errorKind[error.kind]}
      </p>
      <p className="error-advice">{t.errorAdvice[error.kind]}</p>
      {error.message && <DetailLine text={error.message} />}
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}
