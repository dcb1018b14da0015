import { describe, expect, it } from 'vitest';
import type { Announcement } from '../../../common/engine';
import type { ErrorKind } from '../../../common/result';
import { LANGUAGES, type Language } from '../../../common/settings';
import { az, DICTIONARIES, en, ru, type Messages } from '../../../main/app/dictionary';
import { announcementText, formatMoney, trayMenuLabels, trayTooltip, windowTitle, type TextContext } from '../../../main/app/messages';
import { NOW, order, problem, snapshot, tracked } from './fixtures';

const base: TextContext = { now: NOW, language: 'en', currency: { label: 'AZN', decimals: 2 }, timeZone: 'UTC', demo: false };
const inLanguage = (language: Language): TextContext => ({ ...base, language });
const orders = (n: number) => Array.from({ length: n }, (_, i) => order({ id: String(i + 1), number: `A-${String(i + 1).padStart(3, '0')}` }));
const waiting = (n: number) => snapshot({ pending: orders(n).map((o) => tracked(o)) });

const ERROR_KINDS: ErrorKind[] = ['offline', 'timeout', 'auth', 'rate-limited', 'server', 'bad-response', 'not-found', 'config', 'invalid-request', 'forbidden', 'internal'];
const outage = (state: ErrorKind): Announcement => ({
  type: 'health',
  state,
  message: 'Cannot reach integrations.clopos.com.',
  since: Date.parse('2026-03-02T12:03:20Z'),
  downSince: Date.parse('2026-03-02T12:03:20Z'),
});
const recovery: Announcement = { type: 'health', state: 'ok', message: 'Connected again.', since: Date.parse('2026-03-02T12:10:00Z'), downSince: Date.parse('2026-03-02T12:03:00Z') };

describe('notifications in Azerbaijani and Russian', () => {
  it('a new order: title, Intl money with a decimal comma, items, customer and age', () => {
    expect(announcementText({ type: 'new-order', order: order() }, inLanguage('az'))).toMatchObject({
      title: 'Yeni sifariş A-001',
      body: 'Çağrı mərkəzi · 25,50 AZN · 2 məhsul\nAysel Məmmədova · Çatdırılma\n3 dəq əvvəl',
    });
    expect(announcementText({ type: 'new-order', order: order() }, inLanguage('ru'))).toMatchObject({
      title: 'Новый заказ A-001',
      body: 'Колл-центр · 25,50 AZN · 2 позиции\nAysel Məmmədova · Доставка\n3 мин назад',
    });
    const fresh = { ...inLanguage('ru'), now: Date.parse(order().createdAt ?? '') + 5_000 };
    expect(announcementText({ type: 'new-order', order: order() }, fresh)?.body.endsWith('\nтолько что')).toBe(true);
  });

  it('a summary counts with the right Russian plural and lists the rest as "and N more"', () => {
    const title = (n: number, language: Language) => announcementText({ type: 'summary', orders: orders(n) }, inLanguage(language))?.title;
    expect([1, 3, 5, 21, 22, 25].map((n) => title(n, 'ru'))).toEqual([
      '1 новый заказ',
      '3 новых заказа',
      '5 новых заказов',
      '21 новый заказ',
      '22 новых заказа',
      '25 новых заказов',
    ]);
    expect(title(6, 'az')).toBe('6 yeni sifariş');
    expect(announcementText({ type: 'summary', orders: orders(6) }, inLanguage('ru'))?.body).toContain('и ещё 2');
    expect(announcementText({ type: 'summary', orders: orders(6) }, inLanguage('az'))?.body).toContain('və daha 2');
  });

  it('a reminder agrees number and verb in Russian', () => {
    const title = (n: number) => announcementText({ type: 'reminder', orders: orders(n) }, inLanguage('ru'))?.title;
    expect([1, 2, 5].map(title)).toEqual(['1 заказ всё ещё ждёт', '2 заказа всё ещё ждут', '5 заказов всё ещё ждут']);
    expect(announcementText({ type: 'reminder', orders: orders(2) }, inLanguage('az'))?.title).toBe('2 sifariş hələ gözləyir');
  });

  it('an escalation names the wait in the language and says what to do', () => {
    const escalation: Announcement = { type: 'escalation', order: order(), waitedMs: 65 * 60_000 };
    expect(announcementText(escalation, inLanguage('ru'))).toMatchObject({
      title: 'Заказ A-001 ждёт 1 ч 5 мин',
      critical: true,
    });
    expect(announcementText(escalation, inLanguage('ru'))?.body.endsWith('Примите или отклоните его в Clopos сейчас.')).toBe(true);
    expect(announcementText({ ...escalation, waitedMs: 3 * 60_000 }, inLanguage('az'))?.title).toBe('Sifariş A-001 3 dəq gözləyir');
  });

  it('a health problem names its cause and since when, with the advice before the English detail', () => {
    expect(announcementText(outage('offline'), inLanguage('az'))).toMatchObject({
      title: 'Sifarişlər gəlmir — internet yoxdur (12:03 vaxtından bəri)',
      body: 'Proqram cəhd etməyə davam edir. Bu vaxt yeni sifarişləri POS-da izləyin.\nCannot reach integrations.clopos.com.',
      critical: true,
    });
    expect(announcementText(outage('auth'), inLanguage('ru'))).toMatchObject({
      title: 'Заказы не поступают — вход отклонён с 12:03',
      body: 'Само это не исправится: исправьте в настройках. Пока следите за новыми заказами на кассе.\nCannot reach integrations.clopos.com.',
    });
  });

  it('every kind of health problem has its own words and advice in every language', () => {
    for (const language of LANGUAGES) {
      const t = DICTIONARIES[language];
      for (const kind of ERROR_KINDS) {
        const text = announcementText(outage(kind), inLanguage(language));
        expect(text?.title).toContain(t.problem[kind]);
        expect(text?.body).toContain(t.advice[kind]);
        if (language !== 'en') {
          expect(text?.title).not.toBe(announcementText(outage(kind), base)?.title);
          expect(t.advice[kind]).not.toBe(en.advice[kind]);
        }
      }
    }
  });

  it('the recovery notice says when it came back and since when it was down', () => {
    expect(announcementText(recovery, inLanguage('az'))).toMatchObject({
      title: 'Sifarişlər yenidən gəlir',
      body: 'Bağlantı bərpa olundu: 12:10 (12:03 vaxtından kəsilmişdi). Bu müddətdə gələn sifarişlər üçün siyahıya baxın.',
      critical: false,
      topic: 'health',
    });
    expect(announcementText(recovery, inLanguage('ru'))).toMatchObject({
      title: 'Заказы снова поступают',
      body: 'Связь восстановлена в 12:10 (не было с 12:03). Проверьте список: за это время могли прийти заказы.',
    });
    expect(announcementText({ ...recovery, downSince: null }, inLanguage('en'))?.body).toBe(
      'Connection restored at 12:10. Check the list for orders that came in meanwhile.',
    );
  });

  it('counts lines with Russian plurals: 2 × Plov is one line, a weighed 1.5 kg is one line, not "1,5 items"', () => {
    const line = (quantity: number) => ({ name: 'Plov', quantity, unitPrice: 1, total: 1, modifiers: [] });
    const withLines = (quantities: number[]) =>
      announcementText({ type: 'new-order', order: order({ items: quantities.map(line) }) }, inLanguage('ru'))?.body.split('\n')[0];
    expect([[1], [2, 1], [1, 1, 1, 1, 1], Array.from({ length: 11 }, () => 3), [1.5]].map(withLines)).toEqual([
      'Колл-центр · 25,50 AZN · 1 позиция',
      'Колл-центр · 25,50 AZN · 2 позиции',
      'Колл-центр · 25,50 AZN · 5 позиций',
      'Колл-центр · 25,50 AZN · 11 позиций',
      'Колл-центр · 25,50 AZN · 1 позиция',
    ]);
  });
});

describe('money through Intl for the chosen language', () => {
  it('groups thousands and places the decimal mark as each language writes it', () => {
    const azn = { label: 'AZN', decimals: 2 };
    expect(formatMoney(42000.5, azn, false, 'en')).toBe('42,000.50 AZN');
    expect(formatMoney(42000.5, azn, false, 'az')).toBe('42.000,50 AZN');
    expect(formatMoney(42000.5, azn, true, 'ru')).toBe('≈ 42\u00a0000,50 AZN');
    expect(formatMoney(7, { label: '₼', decimals: 0 }, false, 'az')).toBe('7 ₼');
  });
});

describe('tray and window in the chosen language', () => {
  it('counts waiting orders with the right Russian form', () => {
    const counted = [1, 3, 5, 21].map((n) => trayTooltip(waiting(n), inLanguage('ru')));
    expect(counted).toEqual([
      '1 заказ ждёт · проверено 12:03:10',
      '3 заказа ждут · проверено 12:03:10',
      '5 заказов ждут · проверено 12:03:10',
      '21 заказ ждёт · проверено 12:03:10',
    ]);
    expect(trayTooltip(snapshot(), inLanguage('ru'))).toBe('Нет ожидающих заказов · проверено 12:03:10');
    expect(trayTooltip(waiting(2), inLanguage('az'))).toBe('2 sifariş gözləyir · son yoxlama 12:03:10');
  });

  it('says DEMO, the problem, the pauses and "not checked yet" in the language', () => {
    const paused = snapshot({ alertsPausedUntil: Date.parse('2026-03-02T12:20:00Z'), paused: true, lastSuccessAt: null });
    expect(trayTooltip(paused, { ...inLanguage('ru'), demo: true })).toBe(
      'ДЕМО · Нет ожидающих заказов · проверка приостановлена · напоминания приостановлены до 12:20 · ещё не проверялось',
    );
    expect(trayTooltip(snapshot({ health: problem('auth') }), inLanguage('az'))).toBe(
      'Sifarişlər gəlmir — giriş rədd edildi (12:03 vaxtından bəri) · son yoxlama 12:03:10',
    );
  });

  it('names the window and the menu in the language, DEMO included', () => {
    expect(windowTitle(false, 'az')).toBe('Clopos sifariş bildirişi');
    expect(windowTitle(true, 'ru')).toContain('ДЕМО');
    expect(windowTitle(true, 'az')).toContain('DEMO');
    expect(trayMenuLabels('ru')).toMatchObject({ open: 'Открыть', acknowledgeAll: 'Вижу все', quit: 'Выход' });
    expect(trayMenuLabels('az')).toMatchObject({ open: 'Aç', pause15: '15 dəqiqə', quit: 'Çıxış' });
  });
});

describe('the dictionary', () => {
  // A dictionary without every key must not compile (checked by `tsc -p tsconfig.node.json`).
  // @ts-expect-error `menu` alone is not a whole dictionary
  const incomplete: Messages = { menu: en.menu };
  void incomplete;

  it('has the same keys in every language and translates every fixed text', () => {
    const leaves = (value: unknown, prefix = ''): [string, unknown][] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k))
        : [[prefix, value]];
    const english = leaves(en);
    // "DEMO" is the same word in Azerbaijani.
    const same: Record<'az' | 'ru', string[]> = { az: ['demo'], ru: [] };
    for (const [language, dictionary] of [['az', az], ['ru', ru]] as const) {
      const translated = new Map(leaves(dictionary));
      expect([...translated.keys()].sort()).toEqual(english.map(([k]) => k).sort());
      for (const [key, text] of english) {
        expect(typeof translated.get(key)).toBe(typeof text);
        if (typeof text === 'string' && !same[language].includes(key)) expect(translated.get(key), `${language} ${key}`).not.toBe(text);
      }
    }
  });
});
