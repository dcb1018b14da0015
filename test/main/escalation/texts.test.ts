import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings';
import {
  allClearMessage,
  cleanPiece,
  cut,
  lateLine,
  MAX_MESSAGE_CHARS,
  messageContext,
  ordersMessage,
  outageMessage,
  testMessage,
  type MessageContext,
} from '../../../main/escalation/texts';
import { ManualClock } from '../app/fake-clock';
import { MIN, outage, T0, waitingOrder } from './harness';

const settings = (patch: Partial<Settings> = {}, venues = ['1']): Settings => ({
  ...DEFAULT_SETTINGS,
  connection: { ...DEFAULT_SETTINGS.connection, venues, timeZone: 'Asia/Baku' },
  ...patch,
});
const ctx = (patch: Partial<MessageContext> = {}): MessageContext => ({ ...messageContext(settings(), false, 'KASSA-1', T0), ...patch });
const clock = new ManualClock(T0);
const waiting = (id: string, minutes: number, patch = {}) => ({ tracked: waitingOrder(clock, id, minutes, patch), waitedMs: minutes * MIN });

describe('message texts', () => {
  it('an order in Azerbaijani, in Latin script, money as the language writes it', () => {
    expect(ordersMessage([waiting('5', 12, { total: 1234.5, source: 'call_center' })], 5 * MIN, ctx({ language: 'az' }))).toBe(
      [
        'KASSA-1 kompüterində 1 sifariş 5 dəq və daha çox görülmədən gözləyir',
        'A-5 · Çağrı mərkəzi · 1.234,50 AZN · 12 dəq gözləyir',
        'Proqramda heç kim «Gördüm» basmayıb. Kassaya zəng edin və ya sifarişi Clopos-da qəbul edin.',
      ].join('\n'),
    );
  });

  it('Russian plurals of the count: 1 заказ ждёт, 3 заказа ждут, 5 заказов ждут, 21 заказ ждёт', () => {
    const first = (n: number) => ordersMessage(Array.from({ length: n }, (_, i) => waiting(String(i), 6)), 5 * MIN, ctx({ language: 'ru' })).split('\n')[0];
    expect([1, 3, 5, 21].map(first)).toEqual([
      '1 заказ ждёт без внимания на компьютере KASSA-1 5 мин и дольше',
      '3 заказа ждут без внимания на компьютере KASSA-1 5 мин и дольше',
      '5 заказов ждут без внимания на компьютере KASSA-1 5 мин и дольше',
      '21 заказ ждёт без внимания на компьютере KASSA-1 5 мин и дольше',
    ]);
    expect(ordersMessage(Array.from({ length: 12 }, (_, i) => waiting(String(i), 6)), 5 * MIN, ctx({ language: 'ru' }))).toContain('\nи ещё 2\n');
  });

  it('names the venue only when the connection watches more than one', () => {
    const one = messageContext(settings({}, ['1']), false, 'KASSA-1', T0);
    const two = messageContext(settings({}, ['1', '2']), false, 'KASSA-1', T0);
    expect(ordersMessage([waiting('1', 6, { venueId: '2' })], 5 * MIN, one)).not.toContain('venue');
    expect(ordersMessage([waiting('1', 6, { venueId: '2' })], 5 * MIN, two)).toContain(' · venue 2');
  });

  it('takes text from the network as one plain line: no controls, no line breaks, no direction marks, cut short', () => {
    const text = ordersMessage(
      [waiting('1', 6, { number: 'A-1\n\nAll clear on KASSA-1\u0007\u202e<b>x</b>', source: 'evil\r\nchannel', venueId: '9' })],
      5 * MIN,
      ctx({ pcName: 'PC\n2', showVenue: true }),
    );
    const lines = text.split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe('A-1 All clear on KASSA-1 <b>x</b> · Evil Channel · 25.50 AZN · waiting 6 min · venue 9');
    expect(lines[0]).toContain('on PC 2 for');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(cleanPiece('x'.repeat(500)).length).toBe(80);
  });

  it('cuts at 4,096 characters without splitting a surrogate pair', () => {
    expect(cut('abc', 5)).toBe('abc');
    expect(cut('a😀b', 3)).toBe('a…');
    const long = testMessage(ctx({ pcName: '😀'.repeat(5000) }));
    expect(long.length).toBeLessThanOrEqual(MAX_MESSAGE_CHARS);
  });

  it('an outage in every language, with each problem, its venue and since when (in the connection’s zone)', () => {
    const problems = [outage(T0 - 7 * MIN), outage(T0 - 6 * MIN, 'venue:2', '2')];
    expect(outageMessage(problems, ctx())).toBe(
      [
        'Clopos cannot be reached from KASSA-1 for 7 min: orders are not being seen.',
        'Not receiving orders — offline since 15:53',
        'Not receiving orders — venue 2: offline since 15:54',
        'Watch the POS for new orders until this is fixed.',
      ].join('\n'),
    );
    expect(outageMessage(problems, ctx({ language: 'ru' })).split('\n')[0]).toBe('Компьютер KASSA-1 не может связаться с Clopos уже 7 мин: заказы не видны.');
    expect(outageMessage(problems, ctx({ language: 'az' })).split('\n')[2]).toBe('Sifarişlər gəlmir — filial 2: internet yoxdur (15:54 vaxtından bəri)');
  });

  it('the all-clear, the test and the late line; DEMO first while the demo runs', () => {
    expect(allClearMessage(ctx({ language: 'ru' }))).toBe('На компьютере KASSA-1 всё в порядке: непросмотренных заказов нет, Clopos доступен.');
    expect(allClearMessage(ctx({ language: 'az', demo: true }))).toBe(
      'DEMO — nümunə sifarişlər, real deyil\nKASSA-1 kompüterində hər şey qaydasındadır: görülməmiş sifariş yoxdur, Clopos əlçatandır.',
    );
    expect(testMessage(ctx({ demo: true })).split('\n')[0]).toBe('DEMO — simulated orders, not real ones');
    expect(lateLine(T0, { language: 'en', timeZone: 'UTC' })).toBe('(Sent late: written at 12:00.)');
  });
});
