import { useEffect } from 'react';
import type { SettingsView } from '../../../common/contract';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import type { ConnectionEditor } from './connection-editor';
import { DiagnosisView } from './diagnosis-view';
import { FIRST_INVALID, FieldShell, TextField, useReveal } from './form-controls';
import { SecretField } from './secret-field';

/**
 * Clopos connection details with Test connection, inside the caller's form: onboarding saves them
 * with "Save and start watching", the settings screen with its one Save for everything.
 */
export function ConnectionFields({ editor, view }: { editor: ConnectionEditor; view: SettingsView }) {
  const { t } = useI18n();
  const { draft, errors, update } = editor;
  const fields = useReveal<HTMLDivElement>(FIRST_INVALID);
  const result = useReveal<HTMLDivElement>();
  const { reveal: revealResult } = result;

  useEffect(() => {
    if (editor.testsFinished > 0) revealResult();
  }, [editor.testsFinished, revealResult]);

  const test = async () => {
    const found = await editor.test();
    if (Object.keys(found).length > 0) fields.reveal();
  };

  return (
    <div className="connection-fields" ref={fields.ref}>
      <TextField name="brand" label={t.brand} hint={t.brandHint} error={errors['connection.brand']} value={draft.brand} onChange={(brand) => update({ brand })} />
      {/* The API version follows from the keys: an integrator ID means v2. The choice itself is under Advanced. */}
      <TextField
        name="integratorId"
        label={t.integratorId}
        hint={t.integratorIdHint}
        error={errors['connection.integratorId']}
        value={draft.integratorId}
        onChange={(integratorId) => update(integratorId.trim() ? { integratorId, api: 'v2' } : { integratorId })}
      />
      <TextField name="venues" label={t.venues} hint={t.venuesHint} error={errors['connection.venues']} value={draft.venues} onChange={(venues) => update({ venues })} />
      <TextField name="clientId" label={t.clientId} hint={t.clientIdHint} error={errors['connection.clientId']} value={draft.clientId} onChange={(clientId) => update({ clientId })} />
      <SecretField
        isSet={view.secrets.clientSecret}
        storage={view.secretStorage}
        weakAccepted={view.settings.allowWeakSecretStorage}
        value={editor.secret}
        editing={editor.editingSecret}
        error={errors.clientSecret}
        onChange={editor.setSecret}
        onEdit={editor.setEditingSecret}
        onClear={() => void editor.clearSecret()}
        onAcceptWeak={() => void editor.acceptWeakStorage()}
      />
      <details className="advanced" open={Boolean(errors['connection.baseUrl'] || errors['connection.timeZone'] || draft.api === 'v1')}>
        <summary>{t.advanced}</summary>
        <FieldShell label={t.apiVersion} hint={t.apiVersionHint}>
          {({ inputId, describedBy }) => (
            <select id={inputId} name="api" value={draft.api} aria-describedby={describedBy} onChange={(e) => update({ api: e.target.value === 'v1' ? 'v1' : 'v2' })}>
              <option value="v2">{t.apiVersionName.v2}</option>
              <option value="v1">{t.apiVersionName.v1}</option>
            </select>
          )}
        </FieldShell>
        <TextField name="baseUrl" type="url" label={t.baseUrl} hint={t.baseUrlHint} error={errors['connection.baseUrl']} value={draft.baseUrl} onChange={(baseUrl) => update({ baseUrl })} />
        <TextField name="timeZone" label={t.timeZone} hint={t.timeZoneHint} error={errors['connection.timeZone']} value={draft.timeZone} onChange={(timeZone) => update({ timeZone })} />
      </details>
      <div className="form-actions">
        <button type="button" className="button" disabled={editor.testing} onClick={() => void test()}>
          {editor.testing ? t.testing : t.testConnection}
        </button>
      </div>
      <div className="test-result" ref={result.ref} tabIndex={-1}>
        {editor.failure && <ErrorMessage title={editor.failure.title} error={editor.failure.error} />}
        {editor.diagnosis && <DiagnosisView diagnosis={editor.diagnosis} />}
      </div>
    </div>
  );
}
