import { createContext, useContext, useMemo, type ReactNode } from 'react';
import type { Language } from '../../../common/settings';
import { az } from './az';
import { en, type Messages } from './en';
import { createFormatters, type Formatters } from './format';
import { ru } from './ru';

export const DICTIONARIES: Record<Language, Messages> = { en, az, ru };

export interface I18n {
  language: Language;
  t: Messages;
  format: Formatters;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ language, children }: { language: Language; children: ReactNode }) {
  const value = useMemo<I18n>(
    () => ({ language, t: DICTIONARIES[language], format: createFormatters(language) }),
    [language],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n needs an I18nProvider above it');
  return value;
}
