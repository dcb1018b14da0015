// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { boardOrders, countsByFilter, matchesSearch, waitLevel, waitStartedAt } from '../../renderer/src/orders/board-model';
import { receiptLink } from '../../renderer/src/orders/receipt-link';
import { createFormatters, formatElapsed, localeSupport } from '../../renderer/src/i18n/format';
import { DICTIONARIES } from '../../renderer/src/i18n/i18n';
import { validateSettingsPatch } from '../../renderer/src/settings/settings-validation';
import { FIXED_NOW, makeOrder, makeSnapshot, tracked } from './fixtures';

describe('board model', () => {
  it('waits are fresh under a minute, late from the escalation threshold', () => {
    expect(waitLevel(59_999, 3)).toBe('fresh');
    expect(waitLevel(60_000, 3)).toBe('waiting');
    expect(waitLevel(179_999, 3)).toBe('waiting');
    expect(waitLevel(180_000, 3)).toBe('late');
    expect(waitLevel(60_000, 1)).toBe('late');
    expect(waitLevel(299_000, 5)).toBe('waiting');
  });

  it('measures the wait from Clopos’ created time, falling back to first seen when that lies in the future', () => {
    const order = makeOrder({ createdAt: new Date(FIXED_NOW - 90_000).toISOString() });
    expect(waitStartedAt(tracked(order), FIXED_NOW)).toBe(FIXED_NOW - 90_000);
    const future = tracked(makeOrder({ createdAt: new Date(FIXED_NOW + 3_600_000).toISOString() }), {
      firstSeenAt: FIXED_NOW - 5_000,
    });
    expect(waitStartedAt(future, FIXED_NOW)).toBe(FIXED_NOW - 5_000);
  });

  it('finds phones however they are written, but not digits inside an order number', () => {
    const order = makeOrder({ number: 'B-0007', customer: { name: 'Murad', phone: '+994 (50) 123-00-07', address: null } });
    expect(matchesSearch(order, '050 123 00')).toBe(true);
    expect(matchesSearch(order, '0007')).toBe(true);
    expect(matchesSearch(order, 'murad')).toBe(true);
    expect(matchesSearch(order, 'c-0007')).toBe(false);
  });

  it('counts and filters the session history by status', () => {
    const snapshot = makeSnapshot({
      pending: [tracked(makeOrder({ id: 'p' }))],
      history: [
        tracked(makeOrder({ id: 'a', status: 'accepted' })),
        tracked(makeOrder({ id: 'c', status: 'cancelled' })),
        tracked(makeOrder({ id: 'u', status: 'unknown' })),
      ],
    });
    expect(countsByFilter(snapshot)).toEqual({ pending: 1, accepted: 1, completed: 0, cancelled: 1, all: 4 });
    expect(boardOrders(snapshot, 'cancelled', '').map((t) => t.order.id)).toEqual(['c']);
    expect(boardOrders(snapshot, 'all', '').map((t) => t.order.id)).toEqual(['p', 'a', 'c', 'u']);
  });
});

describe('receipt link', () => {
  it('fills in the URL-encoded id and refuses anything but http(s)', () => {
    expect(receiptLink('https://bo.example/r/{id}', 'a b/c')).toBe('https://bo.example/r/a%20b%2Fc');
    expect(receiptLink('', '1')).toBeNull();
    expect(receiptLink('javascript:alert({id})', '1')).toBeNull();
  });
});

describe('formatting', () => {
  it('formats elapsed time as mm:ss and h:mm:ss', () => {
    expect(formatElapsed(65_400)).toBe('01:05');
    expect(formatElapsed(-5)).toBe('00:00');
    expect(formatElapsed(3_725_000)).toBe('1:02:05');
  });

  it('formats money, times and dates for each language', () => {
    const currency = { label: 'AZN', decimals: 2 };
    expect(createFormatters('en').money(1234.5, currency)).toBe('1,234.50 AZN');
    expect(createFormatters('ru').money(1234.5, currency)).toMatch(/^1\s234,50 AZN$/);
    expect(createFormatters('az').money(1234.5, currency)).toBe('1.234,50 AZN');
    expect(createFormatters('en').time('2026-03-02T09:05:07Z')).toMatch(/^\d\d:05:07$/);
    expect(createFormatters('ru').dateTime('2026-03-02T12:00:00Z')).toContain('2026');
    expect(createFormatters('en').dateTime('not a date')).toBe('not a date');
  });

  it('spells out numbers and dates itself where Intl has no data, exactly as a full ICU would', () => {
    // Node has full ICU, so its Intl output is the reference; Chromium's reduced ICU takes the spelled path.
    expect(localeSupport('az')).toEqual({ numbers: true, dates: true });
    const currency = { label: 'AZN', decimals: 2 };
    const moments = ['2026-11-27T09:05:07', '2026-01-03T23:59:00', '2026-05-31T00:00:59'];
    for (const language of ['az', 'ru', 'en'] as const) {
      const intl = createFormatters(language, { numbers: true, dates: true });
      const spelled = createFormatters(language, { numbers: false, dates: false });
      for (const amount of [1234.5, -1234567.456, 0, 42000]) {
        expect(spelled.money(amount, currency)).toBe(intl.money(amount, currency));
        expect(spelled.number(amount)).toBe(intl.number(amount));
      }
      for (const at of moments) {
        expect(spelled.time(at)).toBe(intl.time(at));
        expect(spelled.shortTime(at)).toBe(intl.shortTime(at));
        if (language !== 'ru') expect(spelled.dateTime(at)).toBe(intl.dateTime(at));
      }
    }
    const az = createFormatters('az', { numbers: false, dates: false });
    expect(az.money(1234.5, currency)).toBe('1.234,50 AZN');
    expect(az.dateTime('2026-11-27T13:05:00')).toBe('27 noy 2026, 13:05');
    // Russian spells the year without "г." but keeps the month in its declined form.
    expect(createFormatters('ru', { numbers: false, dates: false }).dateTime('2026-05-03T09:05:00')).toBe('3 мая 2026, 09:05');
  });
});

describe('dictionaries', () => {
  it('has a real translation for every key: no empty text, and not just English copied', () => {
    const flatten = (node: object, prefix = ''): Array<[string, unknown]> =>
      Object.entries(node).flatMap(([key, value]) =>
        typeof value === 'object' && value !== null ? flatten(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value] as [string, unknown]],
      );
    const sample = (value: unknown) => (typeof value === 'function' ? (value as (...a: unknown[]) => string)(3, 7) : value);
    const english = new Map(flatten(DICTIONARIES.en).map(([key, value]) => [key, sample(value)]));
    for (const language of ['az', 'ru'] as const) {
      const entries = flatten(DICTIONARIES[language]);
      expect(entries.map(([key]) => key).sort()).toEqual([...english.keys()].sort());
      // A separator may be a (no-break) space; every other text must have something to read.
      for (const [key, value] of entries) expect(key === 'spelling.group' ? String(value) : String(sample(value)).trim()).not.toBe('');
      const same = entries.filter(([key, value]) => sample(value) === english.get(key)).map(([key]) => key);
      // Product names, codes and symbols stay the same in every language.
      expect(same.sort()).toEqual(['clientId', 'clientSecret', 'notGiven', ...(language === 'az' ? ['demoBadge', 'paperWidthMm', 'printer'] : [])].sort());
    }
  });

  it('declines Russian nouns after numbers', () => {
    expect(DICTIONARIES.ru.itemCount(1)).toBe('1 позиция');
    expect(DICTIONARIES.ru.itemCount(3)).toBe('3 позиции');
    expect(DICTIONARIES.ru.itemCount(11)).toBe('11 позиций');
  });
});

describe('settings validation', () => {
  it('accepts what the shared schema accepts and names the field of each problem', () => {
    const t = DICTIONARIES.en;
    expect(validateSettingsPatch({ pollIntervalSeconds: 10 }, t)).toEqual({ ok: true, patch: { pollIntervalSeconds: 10 } });
    const result = validateSettingsPatch({ pollIntervalSeconds: 2.5, receiptUrlTemplate: 'https://user:pw@bo.example/{id}', currency: { label: 'MANATS123', decimals: 2 } }, t);
    expect(result).toEqual({
      ok: false,
      errors: {
        pollIntervalSeconds: 'Enter a whole number from 3 to 300',
        receiptUrlTemplate: t.fieldUrl,
        'currency.label': 'At most 8 characters',
      },
    });
  });
});
