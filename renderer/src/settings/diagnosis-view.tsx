import type { Diagnosis } from '../../../common/engine';
import { useI18n } from '../i18n/i18n';

/** The result of "Test connection", the same diagnosis the CLI `check` prints. */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useI18n();
  return (
    <div className={`diagnosis ${diagnosis.ok ? 'diagnosis-ok' : 'diagnosis-failed'}`} role="status">
      <p className="diagnosis-title">{diagnosis.ok ? `✓ ${t.diagnosisOk}` : `✗ ${t.diagnosisFailed}`}</p>
      <ol className="diagnosis-steps">
        {diagnosis.steps.map((step) => (
          <li key={step.id} className={step.ok ? 'step-ok' : 'step-failed'}>
            <strong>
              {step.ok ? '✓' : '✗'} {t.diagnosisStep[step.id]} — {step.ok ? t.stepOk : t.stepFailed}
            </strong>
            <span className="step-message">{step.message}</span>
          </li>
        ))}
      </ol>
      {diagnosis.advice.length > 0 && (
        <>
          <p className="diagnosis-subtitle">{t.whatToDo}</p>
          <ul>
            {diagnosis.advice.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {diagnosis.warnings.length > 0 && (
        <>
          <p className="diagnosis-subtitle">{t.warnings}</p>
          <ul>
            {diagnosis.warnings.map((line, index) => (
              <li key={index}>⚠ {line}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
