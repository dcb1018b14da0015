import type { Diagnosis } from '../../../common/engine';
import { TechnicalDetails } from '../error-message';
import { useI18n } from '../i18n/i18n';

/**
 * The result of "Test connection", the same diagnosis the CLI `check` prints. Main writes its
 * steps and advice in English, so what each step means and what to do come from the step ids in
 * the clerk's language, with main's sentences kept below as details.
 */
export function DiagnosisView({ diagnosis }: { diagnosis: Diagnosis }) {
  const { t } = useI18n();
  const firstFailed = diagnosis.steps.findIndex((step) => !step.ok);
  const failedStep = diagnosis.steps[firstFailed];
  return (
    <div className={`diagnosis ${diagnosis.ok ? 'diagnosis-ok' : 'diagnosis-failed'}`} role="status">
      <p className="diagnosis-title">{diagnosis.ok ? `✓ ${t.diagnosisOk}` : `✗ ${t.diagnosisFailed}`}</p>
      <ol className="diagnosis-steps">
        {diagnosis.steps.map((step, index) => {
          const skipped = !step.ok && firstFailed >= 0 && index > firstFailed;
          return (
            <li key={step.id} className={step.ok ? 'step-ok' : 'step-failed'}>
              <strong>
                {step.ok ? '✓' : '✗'} {t.diagnosisStep[step.id]} — {step.ok ? t.stepOk : t.stepFailed}
              </strong>
              <span className="step-message">
                {skipped ? t.diagnosisStepSkipped : step.ok ? t.diagnosisStepOk[step.id] : t.diagnosisStepFailed[step.id]}
              </span>
            </li>
          );
        })}
      </ol>
      {(failedStep || diagnosis.advice.length > 0) && (
        <>
          <p className="diagnosis-subtitle">{t.whatToDo}</p>
          {failedStep && <p>{t.diagnosisAdvice[failedStep.id]}</p>}
        </>
      )}
      {diagnosis.warnings.length > 0 && (
        <>
          <p className="diagnosis-subtitle">⚠ {t.warnings}</p>
          <ul className="diagnosis-warnings" lang="en">
            {diagnosis.warnings.map((line, index) => (
              <li key={index}>{line}</li>
            ))}
          </ul>
        </>
      )}
      {/* Main's own sentences, in English, once and out of the way: for whoever sets the PC up. */}
      <TechnicalDetails
        lines={[
          ...diagnosis.steps.filter((step, index) => step.ok || firstFailed < 0 || index <= firstFailed).map((step) => `${t.diagnosisStep[step.id]}: ${step.message}`),
          ...diagnosis.advice,
        ]}
      />
    </div>
  );
}
