import { useState } from 'react';
import type { NotifierBridge } from '../../../common/contract';
import type { AppError } from '../../../common/result';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import type { Messages } from '../i18n/en';

interface NotificationTestProps {
  bridge: NotifierBridge;
  /** `process.platform` of main (AppInfo), for the advice; null while unknown. */
  platform: string | null;
  /** Plays the alarm once (at the volume the caller has: the saved one, or the one being set). */
  onTestSound(): void;
}

type Step = { step: 'idle' } | { step: 'asking' } | { step: 'seen' } | { step: 'not-seen' } | { step: 'unsupported' } | { step: 'failed'; error: AppError };

/** What to check on this OS when the test notification or the alarm did not come through. */
export function notificationAdvice(platform: string | null, t: Messages): readonly string[] {
  if (platform === 'win32') return t.notificationAdvice.win32;
  if (platform === 'darwin') return t.notificationAdvice.darwin;
  if (platform === 'linux') return t.notificationAdvice.linux;
  // Unknown: everything, since any of it may apply.
  return [...t.notificationAdvice.win32, ...t.notificationAdvice.darwin, ...t.notificationAdvice.linux];
}

/**
 * "Send a test notification": main shows a real notification, the window plays the alarm once,
 * then asks whether both came through; on "No" it says what to check on this OS.
 */
export function NotificationTest({ bridge, platform, onTestSound }: NotificationTestProps) {
  const { t } = useI18n();
  const [state, setState] = useState<Step>({ step: 'idle' });

  const send = async () => {
    const reply = await bridge.testNotification();
    if (!reply.ok) {
      setState({ step: 'failed', error: reply.error });
      return;
    }
    onTestSound();
    setState({ step: reply.value.shown ? 'asking' : 'unsupported' });
  };

  const advice = (
    <>
      <p>{t.testNotificationCheck}</p>
      <ul className="advice-list">
        {notificationAdvice(platform, t).map((line) => (
          <li key={line}>{line}</li>
        ))}
        <li>{t.testNotificationNoSound}</li>
      </ul>
    </>
  );

  return (
    <div className="notification-test">
      <button type="button" className="button" onClick={() => void send()}>
        {t.testNotification}
      </button>
      <p className="field-hint">{t.testNotificationHint}</p>
      {state.step === 'asking' && (
        <div className="notice-box" role="group" aria-label={t.testNotificationAsk}>
          <p>{t.testNotificationAsk}</p>
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => setState({ step: 'seen' })}>
              {t.testNotificationYes}
            </button>
            <button type="button" className="button" onClick={() => setState({ step: 'not-seen' })}>
              {t.testNotificationNo}
            </button>
          </div>
        </div>
      )}
      {state.step === 'seen' && (
        <p className="notice" role="status">
          ✓ {t.testNotificationGood}
        </p>
      )}
      {state.step === 'not-seen' && (
        <div className="warning-box" role="status">
          {advice}
        </div>
      )}
      {state.step === 'unsupported' && (
        <div className="warning-box" role="alert">
          <p>⚠ {t.notificationsUnsupported}</p>
          {advice}
        </div>
      )}
      {state.step === 'failed' && <ErrorMessage title={t.testNotification} error={state.error} />}
    </div>
  );
}
