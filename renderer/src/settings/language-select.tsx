import { LANGUAGES, type Language } from '../../../common/settings';
import { DICTIONARIES } from '../i18n/i18n';

interface LanguageSelectProps {
  value: Language;
  onChange(language: Language): void;
  id?: string;
  label?: string;
  className?: string;
}

/** Each language is listed in its own name, so anyone can find theirs whatever is showing now. */
export function LanguageSelect({ value, onChange, id, label, className }: LanguageSelectProps) {
  return (
    <select
      id={id}
      name="language"
      className={className}
      aria-label={label}
      value={value}
      onChange={(event) => {
        const next = LANGUAGES.find((code) => code === event.target.value);
        if (next) onChange(next);
      }}
    >
      {LANGUAGES.map((code) => (
        <option key={code} value={code} lang={code}>
          {DICTIONARIES[code].languageName}
        </option>
      ))}
    </select>
  );
}
