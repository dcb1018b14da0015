import { useState } from 'react';
import type { NotifierBridge, SettingsView } from '../../../common/contract';
import type { Diagnosis } from '../../../common/engine';
import type { AppError } from '../../../common/result';
import type { SettingsPatch } from '../../../common/settings';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { connectionDraftFrom, connectionFromDraft, type ConnectionDraft } from './connection-draft';
import { DiagnosisView } from './diagnosis-view';
import { FieldShell, TextField } from './form-controls';
import { SecretField } from './secret-field';
import { missingConnectionFields, validateSettingsPatch, type FieldErrors } from './settings-validation';

interface ConnectionFormProps {
  bridge: NotifierBridge;
  view: SettingsView;
  onView(view: SettingsView): void;
  submitLabel: string;
  /** Saved together with the connection (onboarding also sets mode and onboarded). */
  extraPatch?: SettingsPatch;
}

type Busy = 'idle' | 'testing' | 'saving';

/** Clopos connection details with Test connection; used by onboarding and by the settings screen. */
export function ConnectionForm({ bridge, view, onView, submitLabel, extraPatch }: ConnectionFormProps) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ConnectionDraft>(() => connectionDraftFrom(view.settings.connection));
  const [secret, setSecret] = useState('');
  const [editingSecret, setEditingSecret] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState<Busy>('idle');
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: AppError } | null>(null);
  const [saved, setSaved] = useState(false);
  const [submitted, setSubmitted] = useState(false);

  const secretIsSet = view.secrets.clientSecret;
  const weakAccepted = view.settings.allowWeakSecretStorage;

  const check = (next: ConnectionDraft, requireSecret: boolean): FieldErrors => {
    const connection = connectionFromDraft(next);
    const validated = validateSettingsPatch({ connection }, t);
    const found: FieldErrors = { ...missingConnectionFields(connection, t), ...(validated.ok ? {} : validated.errors) };
    if (requireSecret && !secretIsSet && !secret.trim()) found.clientSecret = t.fieldRequired;
    return found;
  };

  const update = (patch: Partial<ConnectionDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setSaved(false);
    // Once the user has tried to submit, errors follow every keystroke; before that, only fields they fix clear.
    if (submitted) setErrors(check(next, false));
  };

  /** Saves a newly typed secret first, so Test and Save use it. False when it could not be stored. */
  const persistSecret = async (): Promise<boolean> => {
    if (!secret.trim()) return true;
    const reply = await bridge.setSecret({ name: 'clientSecret', value: secret.trim() });
    if (!reply.ok) {
      setFailure({ title: t.couldNotSave, error: reply.error });
      return false;
    }
    onView(reply.value);
    setSecret('');
    setEditingSecret(false);
    return true;
  };

  const run = async (action: 'test' | 'save') => {
    setSubmitted(true);
    setFailure(null);
    setSaved(false);
    const found = check(draft, action === 'save');
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const connection = connectionFromDraft(draft);
    setBusy(action === 'test' ? 'testing' : 'saving');
    try {
      if (!(await persistSecret())) return;
      if (action === 'test') {
        setDiagnosis(null);
        const reply = await bridge.testConnection({ connection });
        if (reply.ok) setDiagnosis(reply.value);
        else setFailure({ title: t.couldNotTest, error: reply.error });
      } else {
        const reply = await bridge.setSettings({ ...extraPatch, connection });
        if (reply.ok) {
          onView(reply.value);
          setSaved(true);
        } else setFailure({ title: t.couldNotSave, error: reply.error });
      }
    } finally {
      setBusy('idle');
    }
  };

  const clearSecret = async () => {
    const reply = await bridge.clearSecret({ name: 'clientSecret' });
    if (reply.ok) onView(reply.value);
    else setFailure({ title: t.couldNotSave, error: reply.error });
  };
  const acceptWeak = async () => {
    const reply = await bridge.setSettings({ allowWeakSecretStorage: true });
    if (reply.ok) onView(reply.value);
    else setFailure({ title: t.couldNotSave, error: reply.error });
  };

  return (
    <form
      className="connection-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void run('save');
      }}
    >
      <FieldShell label={t.apiVersion} hint={t.apiVersionHint}>
        {({ inputId, describedBy }) => (
          <select id={inputId} name="api" value={draft.api} aria-describedby={describedBy} onChange={(e) => update({ api: e.target.value === 'v1' ? 'v1' : 'v2' })}>
            <option value="v2">v2</option>
            <option value="v1">v1</option>
          </select>
        )}
      </FieldShell>
      <TextField name="brand" label={t.brand} hint={t.brandHint} error={errors['connection.brand']} value={draft.brand} onChange={(brand) => update({ brand })} />
      {draft.api === 'v2' && (
        <TextField
          name="integratorId"
          label={t.integratorId}
          hint={t.integratorIdHint}
          error={errors['connection.integratorId']}
          value={draft.integratorId}
          onChange={(integratorId) => update({ integratorId })}
        />
      )}
      <TextField name="venues" label={t.venues} hint={t.venuesHint} error={errors['connection.venues']} value={draft.venues} onChange={(venues) => update({ venues })} />
      <TextField name="clientId" label={t.clientId} hint={t.clientIdHint} error={errors['connection.clientId']} value={draft.clientId} onChange={(clientId) => update({ clientId })} />
      <SecretField
        isSet={secretIsSet}
        storage={view.secretStorage}
        weakAccepted={weakAccepted}
        value={secret}
        editing={editingSecret}
        error={errors.clientSecret}
        onChange={(value) => {
          setSecret(value);
          setSaved(false);
        }}
        onEdit={setEditingSecret}
        onClear={() => void clearSecret()}
        onAcceptWeak={() => void acceptWeak()}
      />
      <details className="advanced" open={Boolean(errors['connection.baseUrl'] || errors['connection.timeZone'])}>
        <summary>{t.advanced}</summary>
        <TextField name="baseUrl" type="url" label={t.baseUrl} hint={t.baseUrlHint} error={errors['connection.baseUrl']} value={draft.baseUrl} onChange={(baseUrl) => update({ baseUrl })} />
        <TextField name="timeZone" label={t.timeZone} hint={t.timeZoneHint} error={errors['connection.timeZone']} value={draft.timeZone} onChange={(timeZone) => update({ timeZone })} />
      </details>
      <div className="form-actions">
        <button type="button" className="button" disabled={busy !== 'idle'} onClick={() => void run('test')}>
          {busy === 'testing' ? t.testing : t.testConnection}
        </button>
        <button type="submit" className="button button-primary" disabled={busy !== 'idle'}>
          {submitLabel}
        </button>
      </div>
      {saved && (
        <p className="notice" role="status">
          ✓ {t.settingsSaved}
        </p>
      )}
      {failure && <ErrorMessage title={failure.title} error={failure.error} />}
      {diagnosis && <DiagnosisView diagnosis={diagnosis} />}
    </form>
  );
}
