import { useState } from 'react';
import type { AppInfo, NotifierBridge, SettingsView, UpdateStatus } from '../../../common/contract';
import type { AppError } from '../../../common/result';
import type { Settings, SettingsPatch } from '../../../common/settings';
import { ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { ConnectionForm } from './connection-form';
import { Checkbox, FieldShell, TextField } from './form-controls';
import { LanguageSelect } from './language-select';
import { validateSettingsPatch, type FieldErrors } from './settings-validation';

interface SettingsScreenProps {
  bridge: NotifierBridge;
  view: SettingsView;
  appInfo: AppInfo | null;
  onView(view: SettingsView): void;
  onTestSound(volume: number): void;
}

/** Everything below the connection, as typed: numbers stay text until validated. */
interface GeneralDraft {
  pollIntervalSeconds: string;
  sound: boolean;
  volumePercent: number;
  reminderSeconds: string;
  escalationMinutes: string;
  summaryThreshold: string;
  startAtLogin: boolean;
  startHidden: boolean;
  currencyLabel: string;
  currencyDecimals: string;
  receiptUrlTemplate: string;
  allowReject: boolean;
}

const draftFrom = (settings: Settings): GeneralDraft => ({
  pollIntervalSeconds: String(settings.pollIntervalSeconds),
  sound: settings.alerts.sound,
  volumePercent: Math.round(settings.alerts.volume * 100),
  reminderSeconds: String(settings.alerts.reminderSeconds),
  escalationMinutes: String(settings.alerts.escalationMinutes),
  summaryThreshold: String(settings.alerts.summaryThreshold),
  startAtLogin: settings.startAtLogin,
  startHidden: settings.startHidden,
  currencyLabel: settings.currency.label,
  currencyDecimals: String(settings.currency.decimals),
  receiptUrlTemplate: settings.receiptUrlTemplate,
  allowReject: settings.allowReject,
});

/** Empty text becomes NaN so the schema reports it instead of silently saving 0. */
const numberFrom = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

const patchFrom = (draft: GeneralDraft, settings: Settings): SettingsPatch => ({
  pollIntervalSeconds: numberFrom(draft.pollIntervalSeconds),
  alerts: {
    ...settings.alerts,
    sound: draft.sound,
    volume: draft.volumePercent / 100,
    reminderSeconds: numberFrom(draft.reminderSeconds),
    escalationMinutes: numberFrom(draft.escalationMinutes),
    summaryThreshold: numberFrom(draft.summaryThreshold),
  },
  startAtLogin: draft.startAtLogin,
  startHidden: draft.startHidden,
  currency: { label: draft.currencyLabel, decimals: numberFrom(draft.currencyDecimals) },
  receiptUrlTemplate: draft.receiptUrlTemplate.trim(),
  allowReject: draft.allowReject,
});

export function SettingsScreen({ bridge, view, appInfo, onView, onTestSound }: SettingsScreenProps) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<GeneralDraft>(() => draftFrom(view.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; error: AppError | null } | null>(null);
  const [update, setUpdate] = useState<UpdateStatus | null>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const settings = view.settings;

  const change = (patch: Partial<GeneralDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setOutcome(null);
    if (submitted) {
      const validated = validateSettingsPatch(patchFrom(next, settings), t);
      setErrors(validated.ok ? {} : validated.errors);
    }
  };

  const save = async () => {
    setSubmitted(true);
    const validated = validateSettingsPatch(patchFrom(draft, settings), t);
    if (!validated.ok) {
      setErrors(validated.errors);
      setOutcome({ ok: false, error: null });
      return;
    }
    setErrors({});
    const reply = await bridge.setSettings(validated.patch);
    if (reply.ok) {
      onView(reply.value);
      setDraft(draftFrom(reply.value.settings));
      setOutcome({ ok: true });
    } else {
      setOutcome({ ok: false, error: reply.error });
    }
  };

  const immediately = async (patch: SettingsPatch) => {
    setActionError(null);
    const reply = await bridge.setSettings(patch);
    if (reply.ok) onView(reply.value);
    else setActionError(reply.error);
  };

  const checkUpdates = async () => {
    setUpdate({ state: 'checking' });
    const reply = await bridge.checkForUpdates();
    setUpdate(reply.ok ? reply.value : { state: 'error', message: reply.error.message });
  };
  const openLogs = async () => {
    setActionError(null);
    const reply = await bridge.openLogFolder();
    if (!reply.ok) setActionError(reply.error);
  };

  const numberField = (name: keyof GeneralDraft & string, path: string, label: string, hint?: string) => (
    <TextField
      name={name}
      inputMode="numeric"
      label={label}
      hint={hint}
      error={errors[path]}
      value={String(draft[name])}
      onChange={(value) => change({ [name]: value })}
    />
  );

  return (
    <section className="settings" aria-labelledby="settings-title">
      <h2 id="settings-title" tabIndex={-1}>{t.settingsTitle}</h2>
      {view.warning && (
        <div className="warning-box" role="alert">
          <p>⚠ {t.settingsWarning(view.warning)}</p>
        </div>
      )}
      {actionError && <ErrorMessage title={t.couldNotSave} error={actionError} />}

      <div className="settings-section">
        <h3>{t.connectionHeading}</h3>
        {settings.mode === 'demo' && (
          <div className="notice-box">
            <p>{t.demoModeActive}</p>
            <button type="button" className="button" onClick={() => void immediately({ mode: 'live' })}>
              {t.leaveDemo}
            </button>
          </div>
        )}
        <ConnectionForm bridge={bridge} view={view} onView={onView} submitLabel={t.save} />
      </div>

      <form
        className="settings-general"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div className="settings-section">
          <h3>{t.generalHeading}</h3>
          <FieldShell label={t.language}>
            {({ inputId }) => <LanguageSelect id={inputId} value={language} onChange={(next) => void immediately({ language: next })} />}
          </FieldShell>
          <Checkbox name="startAtLogin" label={t.startAtLogin} checked={draft.startAtLogin} onChange={(startAtLogin) => change({ startAtLogin })} />
          <Checkbox name="startHidden" label={t.startHidden} checked={draft.startHidden} onChange={(startHidden) => change({ startHidden })} />
        </div>

        <div className="settings-section">
          <h3>{t.pollingHeading}</h3>
          {numberField('pollIntervalSeconds', 'pollIntervalSeconds', t.pollInterval, t.pollIntervalHint)}
        </div>

        <div className="settings-section">
          <h3>{t.alertsHeading}</h3>
          <Checkbox name="sound" label={t.soundOn} checked={draft.sound} onChange={(sound) => change({ sound })} />
          <FieldShell label={`${t.volume}: ${draft.volumePercent}%`}>
            {({ inputId }) => (
              <div className="volume-row">
                <input
                  id={inputId}
                  name="volume"
                  type="range"
                  min={0}
                  max={100}
                  step={5}
                  value={draft.volumePercent}
                  onChange={(event) => change({ volumePercent: Number(event.target.value) })}
                />
                <button type="button" className="button" onClick={() => onTestSound(draft.volumePercent / 100)}>
                  ♪ {t.testSound}
                </button>
              </div>
            )}
          </FieldShell>
          {numberField('reminderSeconds', 'alerts.reminderSeconds', t.reminderSeconds, t.reminderSecondsHint)}
          {numberField('escalationMinutes', 'alerts.escalationMinutes', t.escalationMinutes, t.escalationMinutesHint)}
          {numberField('summaryThreshold', 'alerts.summaryThreshold', t.summaryThreshold, t.summaryThresholdHint)}
        </div>

        <div className="settings-section">
          <h3>{t.moneyHeading}</h3>
          <TextField name="currencyLabel" label={t.currencyLabel} error={errors['currency.label']} value={draft.currencyLabel} onChange={(currencyLabel) => change({ currencyLabel })} />
          {numberField('currencyDecimals', 'currency.decimals', t.currencyDecimals)}
        </div>

        <div className="settings-section">
          <h3>{t.receiptsHeading}</h3>
          <TextField
            name="receiptUrlTemplate"
            type="url"
            label={t.receiptUrlTemplate}
            hint={t.receiptUrlTemplateHint}
            error={errors.receiptUrlTemplate}
            value={draft.receiptUrlTemplate}
            onChange={(receiptUrlTemplate) => change({ receiptUrlTemplate })}
          />
          <Checkbox name="allowReject" label={t.allowReject} hint={t.allowRejectHint} checked={draft.allowReject} onChange={(allowReject) => change({ allowReject })} />
        </div>

        <div className="form-actions sticky-actions">
          <button type="submit" className="button button-primary">
            {t.saveSettings}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(draftFrom(settings));
              setErrors({});
              setSubmitted(false);
              setOutcome(null);
            }}
          >
            {t.discardChanges}
          </button>
          {outcome?.ok && (
            <p className="notice" role="status">
              ✓ {t.settingsSaved}
            </p>
          )}
          {outcome && !outcome.ok && !outcome.error && (
            <p className="field-error" role="alert">
              ⚠ {t.fixFields}
            </p>
          )}
        </div>
        {outcome && !outcome.ok && outcome.error && <ErrorMessage title={t.couldNotSave} error={outcome.error} />}
      </form>

      <div className="settings-section">
        <h3>{t.maintenanceHeading}</h3>
        <div className="form-actions">
          <button type="button" className="button" onClick={() => void openLogs()}>
            {t.openLogFolder}
          </button>
          <button type="button" className="button" onClick={() => void checkUpdates()} disabled={update?.state === 'checking'}>
            {t.checkForUpdates}
          </button>
        </div>
        {update && (
          <p role="status" className="update-status">
            {t.updateState[update.state]}
            {'version' in update ? ` — ${update.version}` : ''}
            {'reason' in update ? ` — ${update.reason}` : ''}
            {'message' in update ? ` — ${update.message}` : ''}
          </p>
        )}
      </div>

      <div className="settings-section">
        <h3>{t.aboutHeading}</h3>
        <dl className="fields">
          <div className="field-row">
            <dt>{t.version}</dt>
            <dd>{appInfo?.version ?? t.notGiven}</dd>
          </div>
          <div className="field-row">
            <dt>{t.platform}</dt>
            <dd>{appInfo?.platform ?? t.notGiven}</dd>
          </div>
        </dl>
      </div>
    </section>
  );
}
