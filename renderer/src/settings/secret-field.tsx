import { useId } from 'react';
import type { SecretStorageKind } from '../../../common/contract';
import { useI18n } from '../i18n/i18n';
import { Checkbox, TextField } from './form-controls';

export interface SecretFieldProps {
  isSet: boolean;
  storage: SecretStorageKind;
  weakAccepted: boolean;
  /** The new value being typed; stored only by the form's Save (Test sends it along unsaved), never read back from main. */
  value: string;
  editing: boolean;
  error?: string | undefined;
  onChange(value: string): void;
  onEdit(editing: boolean): void;
  onClear(): void;
  onAcceptWeak(): void;
  /** For another secret than the client secret (the Telegram bot token): its input name, labels and hints. */
  text?: { name: string; label: string; newLabel: string; hint: string; hintPlain: string };
}

/** The client secret, write-only: once saved it shows only as "Set", with Replace and Clear. */
export function SecretField(props: SecretFieldProps) {
  const { t } = useI18n();
  const labelId = useId();
  const storable = props.storage === 'os' || (props.storage === 'weak' && props.weakAccepted);
  const showInput = !props.isSet || props.editing;
  const text = props.text ?? { name: 'clientSecret', label: t.clientSecret, newLabel: t.secretNewValue, hint: t.clientSecretHint, hintPlain: t.clientSecretHintPlain };
  return (
    <div className="secret-field">
      {props.isSet && !props.editing && (
        <div className="form-field">
          <span className="label-text" id={labelId}>
            {text.label}
          </span>
          <div className="secret-state" role="group" aria-labelledby={labelId}>
            <span className="secret-set">✓ {t.secretSet}</span>
            <button type="button" className="button" onClick={() => props.onEdit(true)}>
              {t.secretReplace}
            </button>
            <button type="button" className="button" onClick={props.onClear}>
              {t.secretClear}
            </button>
          </div>
          <p className="field-hint">{props.storage === 'os' ? text.hint : text.hintPlain}</p>
        </div>
      )}
      {showInput && props.storage === 'weak' && !props.weakAccepted && (
        <div className="warning-box" role="note">
          <p className="warning-title">{t.weakStorageTitle}</p>
          <p>{t.weakStorageBody}</p>
          <Checkbox name="allowWeakSecretStorage" label={t.weakStorageAccept} checked={false} onChange={(checked) => checked && props.onAcceptWeak()} />
        </div>
      )}
      {showInput && props.storage === 'unavailable' && (
        <div className="warning-box" role="note">
          <p>{t.secretStorageUnavailable}</p>
        </div>
      )}
      {showInput && (
        <div className="secret-input">
          <TextField
            name={text.name}
            type="password"
            autoComplete="new-password"
            label={props.isSet ? text.newLabel : text.label}
            hint={props.storage === 'os' ? text.hint : text.hintPlain}
            error={props.error}
            value={props.value}
            disabled={!storable}
            onChange={props.onChange}
          />
          {props.isSet && (
            <button
              type="button"
              className="button"
              onClick={() => {
                props.onChange('');
                props.onEdit(false);
              }}
            >
              {t.cancel}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
