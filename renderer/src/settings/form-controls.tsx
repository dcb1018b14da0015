import { useCallback, useEffect, useId, useRef, useState, type ReactNode } from 'react';

interface FieldShellProps {
  label: string;
  hint?: string;
  error?: string | undefined;
  children: (ids: { inputId: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

/** Label, the control, a hint and the error right next to the field, wired up for screen readers. */
export function FieldShell({ label, hint, error, children }: FieldShellProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`form-field ${error ? 'has-error' : ''}`}>
      <label htmlFor={inputId}>{label}</label>
      {children({ inputId, describedBy, invalid: Boolean(error) })}
      {error && (
        <p className="field-error" id={errorId}>
          ⚠ {error}
        </p>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  );
}

interface TextFieldProps {
  label: string;
  hint?: string;
  error?: string | undefined;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'url' | 'password';
  inputMode?: 'numeric' | 'text' | 'url';
  autoComplete?: string;
  disabled?: boolean;
  name: string;
}

export function TextField({ label, hint, error, value, onChange, type = 'text', inputMode, autoComplete = 'off', disabled, name }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ inputId, describedBy, invalid }) => (
        <input
          id={inputId}
          name={name}
          type={type}
          inputMode={inputMode}
          value={value}
          autoComplete={autoComplete}
          spellCheck={false}
          disabled={disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldShell>
  );
}

interface CheckboxProps {
  label: string;
  hint?: string;
  checked: boolean;
  onChange(checked: boolean): void;
  name: string;
}

export function Checkbox({ label, hint, checked, onChange, name }: CheckboxProps) {
  const id = useId();
  return (
    <div className="form-field checkbox-field">
      <input
        id={id}
        name={name}
        type="checkbox"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
    </div>
  );
}

/**
 * Brings something the user must see next into view and gives it the focus, once per request:
 * the first invalid field after a refused save, or the result of a connection test, which
 * otherwise appear below the fold.
 */
export function useReveal<T extends HTMLElement>(selector: string | null = null) {
  const ref = useRef<T>(null);
  const [requests, setRequests] = useState(0);
  useEffect(() => {
    if (requests === 0 || !ref.current) return;
    const target = selector ? ref.current.querySelector<HTMLElement>(selector) : ref.current;
    if (!target) return;
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    // Only a new request moves the focus.
  }, [requests]);
  return { ref, reveal: useCallback(() => setRequests((n) => n + 1), []) };
}

export const FIRST_INVALID = '[aria-invalid="true"]';
