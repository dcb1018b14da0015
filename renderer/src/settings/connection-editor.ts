import { useState } from 'react';
import type { NotifierBridge, RequestOf, SettingsView } from '../../../common/contract';
import type { Diagnosis } from '../../../common/engine';
import type { AppError } from '../../../common/result';
import type { ConnectionSettings } from '../../../common/settings';
import { useI18n } from '../i18n/i18n';
import { connectionDraftFrom, connectionFromDraft, type ConnectionDraft } from './connection-draft';
import { missingConnectionFields, validateSettingsPatch, type FieldErrors } from './settings-validation';

/**
 * "Test connection" sends the typed, unsaved secret along, so testing never replaces the secret
 * that works. `clientSecret` is the renderer's side of an addition the contract's request still
 * needs: until main accepts it, its strict schema refuses the request, so the test reports an
 * invalid request rather than testing the saved secret in its place.
 */
export type TestConnectionRequest = RequestOf<'notifier:test-connection'> & { clientSecret?: string };

export interface ConnectionEditor {
  draft: ConnectionDraft;
  update(patch: Partial<ConnectionDraft>): void;
  /** A new client secret being typed; never read back from main. */
  secret: string;
  setSecret(value: string): void;
  editingSecret: boolean;
  setEditingSecret(editing: boolean): void;
  errors: FieldErrors;
  /** Something differs from the saved connection, or a new secret is typed. */
  dirty: boolean;
  /** The connection as typed, venues split into a list. */
  connection: ConnectionSettings;
  /**
   * Checks the fields and shows the errors. Saving also needs a client secret (set or typed);
   * testing does not, it uses the saved one.
   */
  validate(purpose: 'test' | 'save'): FieldErrors;
  testing: boolean;
  diagnosis: Diagnosis | null;
  failure: { title: string; error: AppError } | null;
  /** Counts finished tests, so the form can bring each new result into view. */
  testsFinished: number;
  /** Runs Test connection with the draft; returns the field errors that stopped it (empty when it ran). */
  test(): Promise<FieldErrors>;
  /** Stores a newly typed secret; the error when it could not be stored, null otherwise. */
  storeSecret(): Promise<AppError | null>;
  clearSecret(): Promise<void>;
  acceptWeakStorage(): Promise<void>;
  /** Starts over from a (newly saved) connection. */
  reset(connection: ConnectionSettings): void;
}

/** The connection form's state and actions, shared by onboarding and the settings screen. */
export function useConnectionEditor(bridge: NotifierBridge, view: SettingsView, onView: (view: SettingsView) => void): ConnectionEditor {
  const { t } = useI18n();
  const [base, setBase] = useState<ConnectionDraft>(() => connectionDraftFrom(view.settings.connection));
  const [draft, setDraft] = useState<ConnectionDraft>(base);
  const [secret, setSecretText] = useState('');
  const [editingSecret, setEditingSecret] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [testing, setTesting] = useState(false);
  const [diagnosis, setDiagnosis] = useState<Diagnosis | null>(null);
  const [failure, setFailure] = useState<{ title: string; error: AppError } | null>(null);
  const [testsFinished, setTestsFinished] = useState(0);

  const secretIsSet = view.secrets.clientSecret;
  const connection = connectionFromDraft(draft);
  const dirty = secret.trim() !== '' || JSON.stringify(draft) !== JSON.stringify(base);

  const check = (next: ConnectionDraft, purpose: 'test' | 'save' | 'typing'): FieldErrors => {
    const typed = connectionFromDraft(next);
    const validated = validateSettingsPatch({ connection: typed }, t);
    const found: FieldErrors = { ...missingConnectionFields(typed, t), ...(validated.ok ? {} : validated.errors) };
    if (purpose === 'save' && !secretIsSet && !secret.trim()) found.clientSecret = t.fieldRequired;
    return found;
  };

  const validate = (purpose: 'test' | 'save') => {
    setSubmitted(true);
    const found = check(draft, purpose);
    setErrors(found);
    return found;
  };

  return {
    draft,
    update(patch) {
      const next = { ...draft, ...patch };
      setDraft(next);
      // Once the user has tried to submit, errors follow every keystroke; before that, only fields they fix clear.
      if (submitted) setErrors(check(next, 'typing'));
    },
    secret,
    setSecret: setSecretText,
    editingSecret,
    setEditingSecret,
    errors,
    dirty,
    connection,
    validate,
    testing,
    diagnosis,
    failure,
    testsFinished,
    async test() {
      setFailure(null);
      const found = validate('test');
      if (Object.keys(found).length > 0) return found;
      setTesting(true);
      setDiagnosis(null);
      const request: TestConnectionRequest = secret.trim() ? { connection, clientSecret: secret.trim() } : { connection };
      try {
        const reply = await bridge.testConnection(request);
        if (reply.ok) setDiagnosis(reply.value);
        else setFailure({ title: t.couldNotTest, error: reply.error });
      } finally {
        setTesting(false);
        setTestsFinished((n) => n + 1);
      }
      return {};
    },
    async storeSecret() {
      if (!secret.trim()) return null;
      // Saved for the server it was typed for: the stored secret never goes to another one.
      const reply = await bridge.setSecret({ name: 'clientSecret', value: secret.trim(), connection });
      if (!reply.ok) return reply.error;
      onView(reply.value);
      setSecretText('');
      setEditingSecret(false);
      return null;
    },
    async clearSecret() {
      const reply = await bridge.clearSecret({ name: 'clientSecret' });
      if (reply.ok) onView(reply.value);
      else setFailure({ title: t.couldNotSave, error: reply.error });
    },
    async acceptWeakStorage() {
      const reply = await bridge.setSettings({ allowWeakSecretStorage: true });
      if (reply.ok) onView(reply.value);
      else setFailure({ title: t.couldNotSave, error: reply.error });
    },
    reset(saved) {
      const next = connectionDraftFrom(saved);
      setBase(next);
      setDraft(next);
      setSecretText('');
      setEditingSecret(false);
      setErrors({});
      setSubmitted(false);
    },
  };
}
