/**
 * Settings → "Escalation to a phone (Telegram)": the bot token (write-only, a secret kept by
 * main), the chat, the two waiting times, a test message, and how sending is doing right now.
 * The fields are part of the settings screen's one draft and one Save; the token is stored by that
 * Save too, before the settings, as the client secret is.
 */
import { useId, useState } from 'react';
import type { NotifierBridge, SettingsView, TelegramStatus } from '../../../common/contract';
import type { AppError } from '../../../common/result';
import { settingRange, type Settings } from '../../../common/settings';
import { DetailLine } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { Checkbox, TextField } from './form-controls';
import { SecretField } from './secret-field';
import type { FieldErrors } from './settings-validation';

type TelegramSettings = Settings['telegram'];

/** The section as typed: numbers stay text until validated. */
export interface TelegramDraft {
  enabled: boolean;
  chatId: string;
  orderMinutes: string;
  outageMinutes: string;
}

export const telegramDraftFrom = (saved: TelegramSettings): TelegramDraft => ({
  enabled: saved.enabled,
  chatId: saved.chatId,
  orderMinutes: String(saved.orderMinutes),
  outageMinutes: String(saved.outageMinutes),
});

/** Empty text becomes NaN so the schema reports it instead of silently saving 0. */
const numberFrom = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

/**
 * The section's part of the settings patch: `{ telegram }` when it differs from the saved one,
 * nothing otherwise (like the connection, it is sent only when edited).
 */
export function telegramPatchFrom(draft: TelegramDraft, saved: TelegramSettings): { telegram?: TelegramSettings } {
  const typed: TelegramSettings = {
    enabled: draft.enabled,
    chatId: draft.chatId.trim(),
    orderMinutes: numberFrom(draft.orderMinutes),
    outageMinutes: numberFrom(draft.outageMinutes),
  };
  const same =
    typed.enabled === saved.enabled && typed.chatId === saved.chatId && typed.orderMinutes === saved.orderMinutes && typed.outageMinutes === saved.outageMinutes;
  return same ? {} : { telegram: typed };
}

/** The bot token being typed (never read back from main), stored by the settings screen's Save. */
export interface TelegramTokenEditor {
  value: string;
  setValue(value: string): void;
  editing: boolean;
  setEditing(editing: boolean): void;
  /** A new token is typed and not stored yet. */
  dirty: boolean;
  /** Stores a typed token; the error when it could not be stored, null otherwise (also when none is typed). */
  store(): Promise<AppError | null>;
  clear(): Promise<void>;
  acceptWeakStorage(): Promise<void>;
  /** What Remove or accepting plain storage ran into; null when nothing. */
  failure: AppError | null;
}

export function useTelegramToken(bridge: NotifierBridge, onView: (view: SettingsView) => void): TelegramTokenEditor {
  const [value, setValue] = useState('');
  const [editing, setEditing] = useState(false);
  const [failure, setFailure] = useState<AppError | null>(null);
  return {
    value,
    setValue,
    editing,
    setEditing,
    dirty: value.trim() !== '',
    async store() {
      if (!value.trim()) return null;
      const reply = await bridge.setSecret({ name: 'telegramToken', value: value.trim() });
      if (!reply.ok) return reply.error;
      onView(reply.value);
      setValue('');
      setEditing(false);
      return null;
    },
    async clear() {
      setFailure(null);
      const reply = await bridge.clearSecret({ name: 'telegramToken' });
      if (reply.ok) onView(reply.value);
      else setFailure(reply.error);
    },
    async acceptWeakStorage() {
      setFailure(null);
      const reply = await bridge.setSettings({ allowWeakSecretStorage: true });
      if (reply.ok) onView(reply.value);
      else setFailure(reply.error);
    },
    failure,
  };
}

/** How sending is doing, from main's app info: a refusal is a problem to fix here, a failure is being retried. */
export function TelegramStatusLine({ status }: { status: TelegramStatus | null }) {
  const { t, format } = useI18n();
  if (!status) return null;
  if (status.state === 'refused') {
    return (
      <div className="telegram-problem" role="alert">
        <p className="telegram-problem-title">⚠ {t.telegram.refused}</p>
        {status.detail && <DetailLine text={status.detail} />}
      </div>
    );
  }
  if (status.state === 'failing') {
    return (
      <div className="telegram-failing" role="status">
        <p>⚠ {t.telegram.failing}</p>
        {status.detail && <DetailLine text={status.detail} />}
      </div>
    );
  }
  if (status.state === 'ok' && status.lastSentAt !== null) {
    const sent = new Date(status.lastSentAt);
    const today = sent.toDateString() === new Date().toDateString();
    return (
      <p className="notice telegram-ok" role="status">
        ✓ {t.telegram.lastSent(today ? format.shortTime(status.lastSentAt) : format.dateTime(status.lastSentAt))}
      </p>
    );
  }
  return null;
}

type TestState = { step: 'idle' } | { step: 'sending' } | { step: 'sent' } | { step: 'failed'; error: AppError };

interface TelegramSectionProps {
  bridge: NotifierBridge;
  view: SettingsView;
  status: TelegramStatus | null;
  draft: TelegramDraft;
  errors: FieldErrors;
  token: TelegramTokenEditor;
  onChange(patch: Partial<TelegramDraft>): void;
}

export function TelegramSection({ bridge, view, status, draft, errors, token, onChange }: TelegramSectionProps) {
  const { t } = useI18n();
  const reasonId = useId();
  const [test, setTest] = useState<TestState>({ step: 'idle' });
  const saved = view.settings.telegram;
  const tokenSet = view.secrets.telegramToken;
  const chatTyped = draft.chatId.trim();
  const orderRange = settingRange('telegram.orderMinutes');
  const outageRange = settingRange('telegram.outageMinutes');

  // The test sends with what main has saved: say what is missing or unsaved instead of testing something else.
  const blocked =
    !tokenSet && !token.dirty
      ? t.telegram.testNeedsToken
      : chatTyped === ''
        ? t.telegram.testNeedsChat
        : token.dirty || chatTyped !== saved.chatId
          ? t.telegram.testSaveFirst
          : null;

  const sendTest = async () => {
    setTest({ step: 'sending' });
    const reply = await bridge.testTelegram();
    setTest(reply.ok ? { step: 'sent' } : { step: 'failed', error: reply.error });
  };

  const minutesField = (name: 'orderMinutes' | 'outageMinutes', label: string, range: { min: number; max: number } | null) => (
    <TextField
      name={`telegram-${name}`}
      inputMode="numeric"
      label={label}
      hint={range ? t.telegram.minutesHint(range.min, range.max) : undefined}
      error={errors[`telegram.${name}`]}
      value={draft[name]}
      onChange={(value) => onChange({ [name]: value })}
    />
  );

  return (
    <div className="settings-section telegram-settings">
      <h3>{t.telegram.heading}</h3>
      <TelegramStatusLine status={status} />
      <p className="telegram-intro">{t.telegram.intro}</p>
      <details className="telegram-setup" open={!tokenSet || saved.chatId === ''}>
        <summary>{t.telegram.setup}</summary>
        <ol className="telegram-steps">
          {t.telegram.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
      </details>
      <p className="field-hint">{t.telegram.whatIsSent}</p>
      <Checkbox name="telegramEnabled" label={t.telegram.enabled} checked={draft.enabled} onChange={(enabled) => onChange({ enabled })} />
      <SecretField
        isSet={tokenSet}
        storage={view.secretStorage}
        weakAccepted={view.settings.allowWeakSecretStorage}
        value={token.value}
        editing={token.editing}
        onChange={token.setValue}
        onEdit={token.setEditing}
        onClear={() => void token.clear()}
        onAcceptWeak={() => void token.acceptWeakStorage()}
        text={{ name: 'telegramToken', label: t.telegram.token, newLabel: t.telegram.tokenNew, hint: t.telegram.tokenHint, hintPlain: t.telegram.tokenHintPlain }}
      />
      {token.failure && (
        <div className="error-message" role="alert">
          <p className="error-title">⚠ {t.couldNotSave}</p>
          <p lang="en">{token.failure.message}</p>
        </div>
      )}
      <TextField
        name="telegramChatId"
        label={t.telegram.chatId}
        hint={t.telegram.chatIdHint}
        error={errors['telegram.chatId']}
        value={draft.chatId}
        onChange={(chatId) => onChange({ chatId })}
      />
      {minutesField('orderMinutes', t.telegram.orderMinutes, orderRange)}
      {minutesField('outageMinutes', t.telegram.outageMinutes, outageRange)}
      <div className="telegram-test">
        <div className="button-row">
          <button
            type="button"
            className="button"
            disabled={blocked !== null || test.step === 'sending'}
            aria-describedby={blocked ? reasonId : undefined}
            onClick={() => void sendTest()}
          >
            {test.step === 'sending' ? t.telegram.testing : t.telegram.test}
          </button>
          {blocked && (
            <p className="field-hint" id={reasonId}>
              {blocked}
            </p>
          )}
        </div>
        {test.step === 'sent' && (
          <p className="notice" role="status">
            ✓ {t.telegram.testSent}
          </p>
        )}
        {test.step === 'failed' && (
          <div className="error-message" role="alert">
            <p className="error-title">⚠ {t.telegram.testFailed}</p>
            <p lang="en">{test.error.message}</p>
          </div>
        )}
      </div>
    </div>
  );
}
