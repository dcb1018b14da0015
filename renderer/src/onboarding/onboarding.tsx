import { useState, type ReactNode } from 'react';
import type { NotifierBridge, SettingsView } from '../../../common/contract';
import type { AppError } from '../../../common/result';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { useConnectionEditor } from '../settings/connection-editor';
import { ConnectionFields } from '../settings/connection-fields';
import { Checkbox, FIRST_INVALID, useReveal } from '../settings/form-controls';
import { NotificationTest } from '../settings/notification-test';

interface OnboardingProps {
  bridge: NotifierBridge;
  view: SettingsView;
  onView(view: SettingsView): void;
  /** main's OS, for the test notification's advice. */
  platform: string | null;
  onTestSound(): void;
}

/** The last step's own choices, saved with whichever path is taken. */
interface ThisPc {
  startAtLogin: boolean;
}

/**
 * What this PC does besides watching: start with the PC (on by default for an installed app) and
 * a test that notifications and the alarm reach the person here.
 */
function ThisPcPanel({ bridge, platform, onTestSound, value, onChange }: Pick<OnboardingProps, 'bridge' | 'platform' | 'onTestSound'> & { value: ThisPc; onChange(next: ThisPc): void }) {
  const { t } = useI18n();
  return (
    <div className="this-pc" role="group" aria-labelledby="this-pc-title">
      <h3 id="this-pc-title">{t.thisPcHeading}</h3>
      <Checkbox
        name="startAtLogin"
        label={t.startAtLogin}
        hint={t.startAtLoginHint}
        checked={value.startAtLogin}
        onChange={(startAtLogin) => onChange({ ...value, startAtLogin })}
      />
      <NotificationTest bridge={bridge} platform={platform} onTestSound={onTestSound} />
    </div>
  );
}

/** First run (or no usable credentials): connect to Clopos, or try the demo with generated orders. */
export function Onboarding({ bridge, view, onView, platform, onTestSound }: OnboardingProps) {
  const { t } = useI18n();
  const [thisPc, setThisPc] = useState<ThisPc>({ startAtLogin: view.settings.startAtLogin });
  const panel = <ThisPcPanel bridge={bridge} platform={platform} onTestSound={onTestSound} value={thisPc} onChange={setThisPc} />;
  // Someone who already started connecting (or left the demo) goes straight to the form.
  const [path, setPath] = useState<'choose' | 'connect'>(view.settings.onboarded ? 'connect' : 'choose');
  const [error, setError] = useState<AppError | null>(null);

  const startDemo = async () => {
    setError(null);
    const reply = await bridge.setSettings({ mode: 'demo', onboarded: true, ...thisPc });
    if (reply.ok) onView(reply.value);
    else setError(reply.error);
  };

  return (
    <section className="onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title" tabIndex={-1}>{t.onboardingTitle}</h2>
      <p className="lead">{t.onboardingIntro}</p>
      {error && <ErrorMessage title={t.couldNotSave} error={error} />}
      {path === 'choose' ? (
        <>
          <div className="choices">
            <div className="choice">
              <h3>{t.connectTitle}</h3>
              <p>{t.connectDescription}</p>
              <button type="button" className="button button-primary" onClick={() => setPath('connect')}>
                {t.showConnectForm}
              </button>
            </div>
            <div className="choice">
              <h3>{t.demoTitle}</h3>
              <p>{t.demoDescription}</p>
              <button type="button" className="button" onClick={() => void startDemo()}>
                {t.startDemo}
              </button>
            </div>
          </div>
          {panel}
        </>
      ) : (
        <div className="connect-panel">
          <div className="connect-panel-header">
            <h3>{t.connectTitle}</h3>
            <button type="button" className="button" onClick={() => setPath('choose')}>
              ← {t.chooseAnother}
            </button>
          </div>
          <ConnectForm bridge={bridge} view={view} onView={onView} thisPc={thisPc}>
            {panel}
          </ConnectForm>
        </div>
      )}
    </section>
  );
}

/** The connection, saved together with the choice to watch live orders. */
function ConnectForm({ bridge, view, onView, thisPc, children }: Pick<OnboardingProps, 'bridge' | 'view' | 'onView'> & { thisPc: ThisPc; children: ReactNode }) {
  const { t } = useI18n();
  const editor = useConnectionEditor(bridge, view, onView);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  const invalid = useReveal<HTMLFormElement>(FIRST_INVALID);

  const save = async () => {
    setFailure(null);
    if (Object.keys(editor.validate('save')).length > 0) {
      invalid.reveal();
      return;
    }
    setSaving(true);
    try {
      const secretError = await editor.storeSecret();
      if (secretError) {
        setFailure(secretError);
        return;
      }
      const reply = await bridge.setSettings({ mode: 'live', onboarded: true, connection: editor.connection, ...thisPc });
      if (reply.ok) onView(reply.value);
      else setFailure(reply.error);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      className="connection-form"
      noValidate
      ref={invalid.ref}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ConnectionFields editor={editor} view={view} />
      {children}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {t.saveAndStart}
        </button>
      </div>
      {failure && <ErrorMessage title={t.couldNotSave} error={failure} />}
    </form>
  );
}
