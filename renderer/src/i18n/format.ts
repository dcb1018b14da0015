import type { Language } from '../../../common/settings';

/** BCP 47 tags for Intl: English with day-first dates and a 24-hour clock, as used in Azerbaijan. */
export const LOCALE_TAGS: Record<Language, string> = { en: 'en-GB', az: 'az-Latn-AZ', ru: 'ru-RU' };

export interface Currency {
  label: string;
  decimals: number;
}

export interface Formatters {
  readonly locale: string;
  /** 13:05:09 */
  time(at: string | number): string;
  /** 13:05 */
  shortTime(at: string | number): string;
  /** 27 Nov 2026, 13:05 */
  dateTime(at: string | number): string;
  number(value: number, decimals?: number): string;
  /** "12.50 AZN"; the money in Clopos has no currency of its own, so the label is the user's. */
  money(amount: number, currency: Currency): string;
}

const toDate = (at: string | number): Date | null => {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
};

export function createFormatters(language: Language): Formatters {
  const locale = LOCALE_TAGS[language];
  const time = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
  const shortTime = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const dateTime = new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const numberFormat = (decimals: number): Intl.NumberFormat => {
    let format = numberFormats.get(decimals);
    if (!format) {
      format = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      numberFormats.set(decimals, format);
    }
    return format;
  };
  const withDate = (format: Intl.DateTimeFormat) => (at: string | number) => {
    const date = toDate(at);
    return date ? format.format(date) : String(at);
  };
  return {
    locale,
    time: withDate(time),
    shortTime: withDate(shortTime),
    dateTime: withDate(dateTime),
    number: (value, decimals = 0) => numberFormat(decimals).format(value),
    money: (amount, currency) => {
      const text = numberFormat(currency.decimals).format(amount);
      return currency.label ? `${text} ${currency.label}` : text;
    },
  };
}

/** Elapsed time as m:ss (mm:ss under an hour, h:mm:ss beyond), never negative. */
export function formatElapsed(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return hours > 0 ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}
