import { LOCALE_TAGS, type Language } from '../../../common/settings';
import { az } from './az';
import { en, type Messages } from './en';
import { ru } from './ru';

/** BCP 47 tags for Intl: English with day-first dates and a 24-hour clock, as used in Azerbaijan. */

const SPELLINGS: Record<Language, Messages['spelling']> = { en: en.spelling, az: az.spelling, ru: ru.spelling };

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

/** Which parts of a language the runtime's Intl can format itself. */
export interface LocaleSupport {
  numbers: boolean;
  dates: boolean;
}

/**
 * Chromium (and so Electron) ships a reduced ICU: it claims to support "az" but has no data for
 * it, and silently formats with the root locale ("1,234.50", "2026 M11 27"). Node has full ICU.
 * So the data is checked by its output: root's month names are numbers ("M11"), and root's decimal
 * separator is "." whatever the language writes.
 */
export function localeSupport(language: Language): LocaleSupport {
  const locale = LOCALE_TAGS[language];
  const spelling = SPELLINGS[language];
  const november = new Date(2026, 10, 15, 12);
  const month = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short' }).formatToParts(november).find((part) => part.type === 'month');
  const decimal = new Intl.NumberFormat(locale, { minimumFractionDigits: 1 }).formatToParts(1.5).find((part) => part.type === 'decimal');
  return {
    numbers: decimal?.value === spelling.decimal,
    dates: Boolean(month && /^\D+$/.test(month.value)),
  };
}

const toDate = (at: string | number): Date | null => {
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? null : date;
};

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Dates and times spelled out from the dictionary, for a language the runtime has no data for. */
function spelledDates(spelling: Messages['spelling']) {
  const hm = (date: Date) => `${pad2(date.getHours())}:${pad2(date.getMinutes())}`;
  return {
    time: (date: Date) => `${hm(date)}:${pad2(date.getSeconds())}`,
    shortTime: hm,
    dateTime: (date: Date) => `${date.getDate()} ${spelling.monthsShort[date.getMonth()] ?? ''} ${date.getFullYear()}, ${hm(date)}`,
  };
}

/**
 * Numbers rounded and grouped by Intl in a locale every ICU has (en-US), then written with the
 * language's own separators.
 */
function spelledNumber(spelling: Messages['spelling'], decimals: number): (value: number) => string {
  const base = new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
  return (value) =>
    base
      .formatToParts(value)
      .map((part) => (part.type === 'group' ? spelling.group : part.type === 'decimal' ? spelling.decimal : part.value))
      .join('');
}

export function createFormatters(language: Language, support: LocaleSupport = localeSupport(language)): Formatters {
  const locale = LOCALE_TAGS[language];
  const spelling = SPELLINGS[language];
  const intlDate = (options: Intl.DateTimeFormatOptions) => {
    const format = new Intl.DateTimeFormat(locale, { ...options, hourCycle: 'h23' });
    return (date: Date) => format.format(date);
  };
  const dates = support.dates
    ? {
        time: intlDate({ hour: '2-digit', minute: '2-digit', second: '2-digit' }),
        shortTime: intlDate({ hour: '2-digit', minute: '2-digit' }),
        dateTime: intlDate({ day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }),
      }
    : spelledDates(spelling);
  const numberFormats = new Map<number, (value: number) => string>();
  const numberFormat = (decimals: number): ((value: number) => string) => {
    let format = numberFormats.get(decimals);
    if (!format) {
      if (support.numbers) {
        const intl = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
        format = (value) => intl.format(value);
      } else {
        format = spelledNumber(spelling, decimals);
      }
      numberFormats.set(decimals, format);
    }
    return format;
  };
  const withDate = (format: (date: Date) => string) => (at: string | number) => {
    const date = toDate(at);
    return date ? format(date) : String(at);
  };
  return {
    locale,
    time: withDate(dates.time),
    shortTime: withDate(dates.shortTime),
    dateTime: withDate(dates.dateTime),
    number: (value, decimals = 0) => numberFormat(decimals)(value),
    money: (amount, currency) => {
      const text = numberFormat(currency.decimals)(amount);
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
  return hours > 0 ? `${hours}:${pad2(minutes)}:${pad2(seconds)}` : `${pad2(minutes)}:${pad2(seconds)}`;
}
