import type { KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n';
import { FieldShell } from './form-controls';

interface ShortcutFieldProps {
  name: string;
  label: string;
  hint: string;
  error?: string | undefined;
  /** Electron accelerator text ('' = none). */
  value: string;
  onChange(value: string): void;
  /** The OS of main: Command instead of Super on macOS. */
  platform: string | null;
}

const NAMED_KEYS: Record<string, string> = {
  ' ': 'Space',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  Home: 'Home',
  End: 'End',
  PageUp: 'PageUp',
  PageDown: 'PageDown',
  Insert: 'Insert',
  Delete: 'Delete',
  '+': 'Plus',
};

/** The key of a keydown as Electron's accelerator names it; null for a modifier alone or a key it has no name for. */
function acceleratorKey(event: Pick<KeyboardEvent, 'key' | 'code'>): string | null {
  if (/^F([1-9]|1[0-9]|2[0-4])$/.test(event.key)) return event.key;
  // The physical key, so Shift+1 reads "Shift+1", not "!", and Alt+letters on a Mac stay letters.
  const letter = /^Key([A-Z])$/.exec(event.code);
  if (letter) return letter[1]!;
  const digit = /^Digit([0-9])$/.exec(event.code);
  if (digit) return digit[1]!;
  return NAMED_KEYS[event.key] ?? null;
}

/** What a key press in the field makes: the accelerator, '' to clear, or null to leave the field to the browser (Tab). */
export function acceleratorFromKeydown(
  event: Pick<KeyboardEvent, 'key' | 'code' | 'ctrlKey' | 'altKey' | 'shiftKey' | 'metaKey'>,
  platform: string | null,
): string | null {
  const modified = event.ctrlKey || event.altKey || event.metaKey;
  if (!modified && !event.shiftKey && (event.key === 'Backspace' || event.key === 'Delete')) return '';
  if (!modified && (event.key === 'Tab' || event.key === 'Escape')) return null;
  const key = acceleratorKey(event);
  if (!key) return null;
  const parts: string[] = [];
  if (event.ctrlKey) parts.push('Ctrl');
  if (event.altKey) parts.push('Alt');
  if (event.shiftKey) parts.push('Shift');
  if (event.metaKey) parts.push(platform === 'darwin' ? 'Command' : 'Super');
  return [...parts, key].join('+');
}

/** A field that records the keys pressed in it, as a global shortcut (validated by the shared schema on save). */
export function ShortcutField({ name, label, hint, error, value, onChange, platform }: ShortcutFieldProps) {
  const { t } = useI18n();
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ inputId, describedBy, invalid }) => (
        <div className="shortcut-row">
          <input
            id={inputId}
            name={name}
            readOnly
            value={value}
            placeholder={t.alarmShortcutNone}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            onKeyDown={(event) => {
              const next = acceleratorFromKeydown(event, platform);
              if (next === null) return;
              event.preventDefault();
              onChange(next);
            }}
          />
          <button type="button" className="button" disabled={!value} onClick={() => onChange('')}>
            {t.alarmShortcutClear}
          </button>
        </div>
      )}
    </FieldShell>
  );
}
