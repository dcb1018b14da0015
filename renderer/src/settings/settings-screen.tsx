import { useEffect, useState } from 'react';
import type { AppInfo, NotifierBridge, SettingsView, UpdateStatus } from '../../../common/contract';
import type { AppError } from '../../../common/result';
import type { PollCadenceMode, Settings, SettingsPatch } from '../../../common/settings';
import { DetailLine, ErrorMessage } from '../error-message';
import { useI18n } from '../i18n/i18n';
import { useConnectionEditor } from './connection-editor';
import { ConnectionFields } from './connection-fields';
import { Checkbox, FIRST_INVALID, FieldShell, TextField, useReveal } from './form-controls';
import { LanguageSelect } from './language-select';
import { NotificationTest } from './notification-test';
import { PrinterSelect } from './printer-select';
import { ShortcutField } from './shortcut-field';
import { TelegramSection, telegramDraftFrom, telegramPatchFrom, useTelegramToken, type TelegramDraft } from './telegram-settings';
import { validateSettingsPatch, type FieldErrors } from './settings-validation';

interface SettingsScreenProps {
  bridge: NotifierBridge;
  view: SettingsView;
  appInfo: AppInfo | null;
  onView(view: SettingsView): void;
  onTestSound(volume: number): void;
  /** Whether anything typed here is not saved yet, so leaving can warn. */
  onDirtyChange(dirty: boolean): void;
}

/** Everything below the connection, as typed: numbers stay text until validated. */
interface GeneralDraft {
  pollCadence: PollCadenceMode;
  pollIntervalSeconds: string;
  sound: boolean;
  volumePercent: number;
  reminderSeconds: string;
  escalationMinutes: string;
  summaryThreshold: string;
  startAtLogin: boolean;
  startHidden: boolean;
  alarmShortcut: string;
  currencyLabel: string;
  currencyDecimals: string;
  receiptUrlTemplate: string;
  allowReject: boolean;
  updatesEnabled: boolean;
  bringToFront: boolean;
  keepOnTop: boolean;
  printer: string;
  paperWidthMm: 58 | 80;
  printEachNewOrder: boolean;
  telegram: TelegramDraft;
}

const draftFrom = (settings: Settings): GeneralDraft => ({
  pollCadence: settings.pollCadence,
  pollIntervalSeconds: String(settings.pollIntervalSeconds),
  sound: settings.alerts.sound,
  volumePercent: Math.round(settings.alerts.volume * 100),
  reminderSeconds: String(settings.alerts.reminderSeconds),
  escalationMinutes: String(settings.alerts.escalationMinutes),
  summaryThreshold: String(settings.alerts.summaryThreshold),
  startAtLogin: settings.startAtLogin,
  startHidden: settings.startHidden,
  alarmShortcut: settings.alarmShortcut,
  currencyLabel: settings.currency.label,
  currencyDecimals: String(settings.currency.decimals),
  receiptUrlTemplate: settings.receiptUrlTemplate,
  allowReject: settings.allowReject,
  updatesEnabled: settings.updates.enabled,
  bringToFront: settings.window.bringToFront,
  keepOnTop: settings.window.keepOnTop,
  printer: settings.printing.printer,
  paperWidthMm: settings.printing.paperWidthMm,
  printEachNewOrder: settings.printing.printEachNewOrder,
  telegram: telegramDraftFrom(settings.telegram),
});

/** Empty text becomes NaN so the schema reports it instead of silently saving 0. */
const numberFrom = (text: string) => (text.trim() === '' ? Number.NaN : Number(text.trim()));

const patchFrom = (draft: GeneralDraft, settings: Settings): SettingsPatch => ({
  pollCadence: draft.pollCadence,
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
  alarmShortcut: draft.alarmShortcut,
  currency: { label: draft.currencyLabel, decimals: numberFrom(draft.currencyDecimals) },
  receiptUrlTemplate: draft.receiptUrlTemplate.trim(),
  allowReject: draft.allowReject,
  updates: { enabled: draft.updatesEnabled },
  window: { bringToFront: draft.bringToFront, keepOnTop: draft.keepOnTop },
  printing: { printer: draft.printer, paperWidthMm: draft.paperWidthMm, printEachNewOrder: draft.printEachNewOrder },
  ...telegramPatchFrom(draft.telegram, settings.telegram),
});

export function SettingsScreen({ bridge, view, appInfo, onView, onTestSound, onDirtyChange }: SettingsScreenProps) {
  const { t, language } = useI18n();
  const [draft, setDraft] = useState<GeneralDraft>(() => draftFrom(view.settings));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [outcome, setOutcome] = useState<{ ok: true } | { ok: false; error: AppError | null } | null>(null);
  const [update, setUpdate] = useState<UpdateStatus | null>(null);
  const [actionError, setActionError] = useState<AppError | null>(null);
  const connection = useConnectionEditor(bridge, view, onView);
  const telegramToken = useTelegramToken(bridge, onView);
  const invalid = useReveal<HTMLFormElement>(FIRST_INVALID);
  const settings = view.settings;
  const dirty = connection.dirty || telegramToken.dirty || JSON.stringify(draft) !== JSON.stringify(draftFrom(settings));

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  useEffect(() => () => onDirtyChange(false), [onDirtyChange]);

  const change = (patch: Partial<GeneralDraft>) => {
    const next = { ...draft, ...patch };
    setDraft(next);
    setOutcome(null);
    if (submitted) {
      const validated = validateSettingsPatch(patchFrom(next, settings), t);
      setErrors(validated.ok ? {} : validated.errors);
    }
  };

  /** One Save for the whole screen: the connection (and a typed secret) only when edited, so demo mode can save the rest. */
  const save = async () => {
    setSubmitted(true);
    const validated = validateSettingsPatch(patchFrom(draft, settings), t);
    const connectionErrors = connection.dirty ? connection.validate('save') : {};
    setErrors(validated.ok ? {} : validated.errors);
    if (!validated.ok || Object.keys(connectionErrors).length > 0) {
      setOutcome({ ok: false, error: null });
      invalid.reveal();
      return;
    }
    setSaving(true);
    try {
      const secretError = (await connection.storeSecret()) ?? (await telegramToken.store());
      if (secretError) {
        setOutcome({ ok: false, error: secretError });
        return;
      }
      const reply = await bridge.setSettings(connection.dirty ? { ...validated.patch, connection: connection.connection } : validated.patch);
      if (reply.ok) {
        onView(reply.value);
        setDraft(draftFrom(reply.value.settings));
        connection.reset(reply.value.settings.connection);
        setSubmitted(false);
        setOutcome({ ok: true });
      } else {
        setOutcome({ ok: false, error: reply.error });
      }
    } finally {
      setSaving(false);
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
          <p>⚠ {t.settingsWarning}</p>
          <DetailLine text={view.warning} />
        </div>
      )}
      {actionError && <ErrorMessage title={t.couldNotSave} error={actionError} />}

      <form
        className="settings-form"
        noValidate
        ref={invalid.ref}
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
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
          <ConnectionFields editor={connection} view={view} />
        </div>

        <div className="settings-section">
          <h3>{t.generalHeading}</h3>
          <FieldShell label={t.language}>
            {({ inputId }) => <LanguageSelect id={inputId} value={language} onChange={(next) => void immediately({ language: next })} />}
          </FieldShell>
          <Checkbox
            name="startAtLogin"
            label={t.startAtLogin}
            hint={t.startAtLoginHint}
            checked={draft.startAtLogin}
            onChange={(startAtLogin) => change({ startAtLogin })}
          />
          <Checkbox name="startHidden" label={t.startHidden} checked={draft.startHidden} onChange={(startHidden) => change({ startHidden })} />
          <Checkbox
            name="bringToFront"
            label={t.bringToFront}
            hint={t.bringToFrontHint}
            checked={draft.bringToFront}
            onChange={(bringToFront) => change({ bringToFront })}
          />
          <Checkbox name="keepOnTop" label={t.keepOnTop} hint={t.keepOnTopHint} checked={draft.keepOnTop} onChange={(keepOnTop) => change({ keepOnTop })} />
        </div>

        <div className="settings-section">
          <h3>{t.pollingHeading}</h3>
          <FieldShell label={t.pollCadence} hint={draft.pollCadence === 'auto' ? t.pollCadenceAutoHint : undefined}>
            {({ inputId, describedBy }) => (
              <select
                id={inputId}
                name="pollCadence"
                value={draft.pollCadence}
                aria-describedby={describedBy}
                onChange={(event) => change({ pollCadence: event.target.value === 'fixed' ? 'fixed' : 'auto' })}
              >
                <option value="auto">{t.pollCadenceAuto}</option>
                <option value="fixed">{t.pollCadenceFixed}</option>
              </select>
            )}
          </FieldShell>
          {draft.pollCadence === 'fixed' && numberField('pollIntervalSeconds', 'pollIntervalSeconds', t.pollInterval, t.pollIntervalHint)}
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
          <NotificationTest bridge={bridge} platform={appInfo?.platform ?? null} onTestSound={() => onTestSound(draft.volumePercent / 100)} />
          <ShortcutField
            name="alarmShortcut"
            label={t.alarmShortcut}
            hint={t.alarmShortcutHint}
            error={errors.alarmShortcut}
            value={draft.alarmShortcut}
            onChange={(alarmShortcut) => change({ alarmShortcut })}
            platform={appInfo?.platform ?? null}
          />
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

        <div className="settings-section">
          <h3>{t.printingHeading}</h3>
          <PrinterSelect bridge={bridge} value={draft.printer} onChange={(printer) => change({ printer })} />
          <FieldShell label={t.paperWidth}>
            {({ inputId }) => (
              <select id={inputId} name="paperWidthMm" value={draft.paperWidthMm} onChange={(event) => change({ paperWidthMm: event.target.value === '58' ? 58 : 80 })}>
                <option value="80">{t.paperWidthMm(80)}</option>
                <option value="58">{t.paperWidthMm(58)}</option>
              </select>
            )}
          </FieldShell>
          <Checkbox
            name="printEachNewOrder"
            label={t.printEachNewOrder}
            hint={t.printEachNewOrderHint}
            checked={draft.printEachNewOrder}
            onChange={(printEachNewOrder) => change({ printEachNewOrder })}
          />
        </div>

        <TelegramSection
          bridge={bridge}
          view={view}
          status={appInfo?.telegram ?? null}
          draft={draft.telegram}
          errors={errors}
          token={telegramToken}
          onChange={(patch) => change({ telegram: { ...draft.telegram, ...patch } })}
        />

        <div className="settings-section">
          <h3>{t.updatesHeading}</h3>
          <Checkbox
            name="updatesEnabled"
            label={t.updatesEnabled}
            hint={t.updatesEnabledHint}
            checked={draft.updatesEnabled}
            onChange={(updatesEnabled) => change({ updatesEnabled })}
          />
          <button type="button" className="button" onClick={() => void checkUpdates()} disabled={update?.state === 'checking'}>
            {t.checkForUpdates}
          </button>
          {update && (
            <div role="status" className="update-status">
              <p>
                {t.updateState[update.state]}
                {'version' in update ? ` — ${update.version}` : ''}
              </p>
              {'reason' in update && <DetailLine text={update.reason} />}
              {'message' in update && <DetailLine text={update.message} />}
            </div>
          )}
        </div>

        <div className="form-actions sticky-actions">
          <button type="submit" className="button button-primary" disabled={saving}>
            {t.saveSettings}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              setDraft(draftFrom(settings));
              connection.reset(settings.connection);
              telegramToken.setValue('');
              telegramToken.setEditing(false);
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
        </div>
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
