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

/**
 * Main's English sentences behind a disclosure ("Technical details"): one click away for the
 * owner or support, out of the clerk's way. Nothing when there are none.
 */
export function TechnicalDetails({ lines, lead }: { lines: readonly string[]; lead?: string }) {
  const { t } = useI18n();
  const shown = lines.filter((line) => line.trim() !== '');
  if (shown.length === 0 && !lead) return null;
  return (
    <details className="technical-details">
      <summary>{t.technicalDetails}</summary>
      {lead && <p>{lead}</p>}
      <ul lang="en">
        {shown.map((line, index) => (
          <li key={index}>{line}</li>
        ))}
      </ul>
    </details>
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
      <TechnicalDetails lines={[error.message]} />
      {onRetry && (
        <button type="button" className="button" onClick={onRetry}>
          {t.retry}
        </button>
      )}
    </div>
  );
}
