import { useState } from 'react';
import type { AppInfo, NotifierBridge } from '../../../common/contract';
import { TechnicalDetails } from '../error-message';
import { useI18n } from '../i18n/i18n';

/**
 * A slip that did not print is said on every screen until it prints or someone dismisses it — an
 * order the kitchen never got on paper must not be a log line.
 */
export function PrintProblemBanner({ bridge, appInfo, onAppInfo }: { bridge: NotifierBridge; appInfo: AppInfo | null; onAppInfo(info: AppInfo): void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const problem = appInfo?.printProblem ?? null;
  if (!problem) return null;
  const again = async () => {
    setBusy(true);
    // Main clears the problem when the slip prints, and says so on its app-info event.
    await bridge.printSlip({ id: problem.orderId, venueId: problem.venueId });
    setBusy(false);
  };
  const dismiss = async () => {
    const reply = await bridge.dismissPrintProblem();
    if (reply.ok) onAppInfo(reply.value);
  };
  return (
    <div className="print-problem" role="alert">
      <div className="print-problem-text">
        <p className="print-problem-title">⚠ {t.printProblemTitle(problem.orderNumber)}</p>
        <p>{t.printProblemAdvice}</p>
        <TechnicalDetails lines={[problem.reason]} />
      </div>
      <button type="button" className="button button-primary" disabled={busy} onClick={() => void again()}>
        {busy ? t.printing : t.printAgain}
      </button>
      <button type="button" className="button" onClick={() => void dismiss()}>
        {t.dismiss}
      </button>
    </div>
  );
}
