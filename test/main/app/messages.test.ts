import { describe, expect, it } from 'vitest';
import {
  announcementText,
  formatDuration,
  formatMoney,
  LISTED_ORDERS,
  TOOLTIP_MAX,
  trayTooltip,
  windowTitle,
  type TextContext,
} from '../../../main/app/messages';
import { NOW, order, problem, snapshot, tracked } from './fixtures';

const ctx: TextContext = { now: NOW, language: 'en', currency: { label: 'AZN', decimals: 2 }, timeZone: 'UTC', demo: false };

describe('notification texts', () => {
  it('names a new order by its number and lists total, items, customer, delivery type and age', () => {
    const text = announcementText({ type: 'new-order', order: order() }, ctx);
    expect(text?.title).toBe('New order A-001');
    expect(text?.body).toBe('Call centre · 25.50 AZN · 2 items\nAysel Məmmədova · Delivery\n3 min ago');
    expect(text?.orderId).toBe('10001');
    expect(text?.critical).toBe(false);
  });

  it('falls back to the id, marks a computed total with ≈ and respects the currency settings', () => {
    const o = order({ number: null, total: 12, totalIsComputed: true, customer: null, deliveryType: null, items: [] });
    const text = announcementText({ type: 'new-order', order: o }, { ...ctx, currency: { label: '₼', decimals: 0 }, now: Date.parse(o.createdAt ?? '') + 5_000 });
    expect(text?.title).toBe('New order 10001');
    expect(text?.body).toBe('Call centre · ≈ 12 ₼ · 0 items\njust now');
  });

  it('summarises a burst and opens the first order on click', () => {
    const orders = Array.from({ length: 6 }, (_, i) => order({ id: String(i + 1), number: `A-00${i + 1}` }));
    const text = announcementText({ type: 'summary', orders }, ctx);
    expect(text?.title).toBe('6 new orders');
    expect(text?.body.split('\n')).toHaveLength(LISTED_ORDERS + 1);
    expect(text?.body).toContain('A-001 · 25.50 AZN · Aysel Məmmədova');
    expect(text?.body).toContain('and 2 more');
    expect(text?.orderId).toBe('1');
    expect(text?.orders).toEqual(['1', '2', '3', '4', '5', '6']);
  });

  it('escalates with the waiting time and as critical', () => {
    const text = announcementText({ type: 'escalation', order: order(), waitedMs: 3 * 60_000 + 5_000 }, ctx);
    expect(text?.title).toBe('Order A-001 waiting 3 min');
    expect(text?.critical).toBe(true);
    expect(text?.body).toContain('Accept or refuse it in Clopos now.');
  });

  it('reminds about every unacknowledged order', () => {
    const text = announcementText({ type: 'reminder', orders: [order(), order({ id: '2', number: 'A-002' })] }, ctx);
    expect(text?.title).toBe('2 orders still waiting');
  });

  it('makes a health problem look different: what, since when, why and what to do', () => {
    const text = announcementText(
      { type: 'health', state: 'offline', message: 'Cannot reach integrations.clopos.com.', since: Date.parse('2026-03-02T12:03:20Z'), downSince: Date.parse('2026-03-02T12:03:20Z') },
      ctx,
    );
    expect(text?.title).toBe('Not receiving orders — offline since 12:03');
    expect(text?.body).toBe('Cannot reach integrations.clopos.com.\nThe app keeps trying. Watch the POS for new orders meanwhile.');
    expect(text?.critical).toBe(true);
    expect(text?.orderId).toBeNull();
    expect(text?.topic).toBe('health');
  });

  it('announces the recovery with the outage', () => {
    const text = announcementText(
      { type: 'health', state: 'ok', message: 'Connected again.', since: Date.parse('2026-03-02T12:10:00Z'), downSince: Date.parse('2026-03-02T12:03:00Z') },
      ctx,
    );
    expect(text?.title).toBe('Receiving orders again');
    expect(text?.body).toContain('Connection restored at 12:10 (down since 12:03)');
  });

  it('says "time unknown" and "total unknown" for an order whose creation time and total could not be read', () => {
    const unknown = order({ createdAt: null, total: null });
    expect(announcementText({ type: 'new-order', order: unknown }, ctx)?.body).toBe('Call centre · total unknown · 2 items\nAysel Məmmədova · Delivery\ntime unknown');
    expect(announcementText({ type: 'new-order', order: unknown }, { ...ctx, language: 'az' })?.body).toMatch(/məbləğ bilinmir · .*\n.*\nvaxtı bilinmir$/);
    expect(announcementText({ type: 'new-order', order: unknown }, { ...ctx, language: 'ru' })?.body).toMatch(/сумма неизвестна · .*\n.*\nвремя неизвестно$/);
  });

  it('counts the wait of an order without a creation time from when the app first saw it', () => {
    const text = announcementText({ type: 'escalation', order: order({ createdAt: null }), waitedMs: 6 * 60_000 }, ctx);
    expect(text?.title).toBe('Order A-001 waiting 6 min');
    expect(text?.body.split('\n')).toContain('time unknown · first seen 6 min ago');
    const ru = announcementText({ type: 'escalation', order: order({ createdAt: null }), waitedMs: 6 * 60_000 }, { ...ctx, language: 'ru' });
    expect(ru?.body.split('\n')).toContain('время неизвестно · впервые замечен 6 мин назад');
  });

  it('shows nothing for an order that left pending', () => {
    expect(announcementText({ type: 'left-pending', id: '1', status: 'accepted', order: null }, ctx)).toBeNull();
  });
});

describe('tray tooltip and window title', () => {
  it('counts waiting orders and shows the last check with seconds', () => {
    const snap = snapshot({ pending: [tracked(order()), tracked(order({ id: '2' }))] });
    expect(trayTooltip(snap, ctx)).toBe('2 orders waiting · last check 12:03:10');
    expect(trayTooltip(snapshot(), ctx)).toBe('No orders waiting · last check 12:03:10');
  });

  it('shows the health problem instead of a count, and DEMO in demo mode', () => {
    expect(trayTooltip(snapshot({ health: problem('auth') }), { ...ctx, demo: true })).toBe(
      'DEMO · Not receiving orders — sign-in refused since 12:03 · last check 12:03:10',
    );
  });

  it('says when reminders are paused or every sound is off, and never exceeds the Windows tooltip limit', () => {
    const paused = snapshot({ alertsPausedUntil: Date.parse('2026-03-02T12:20:00Z'), paused: true });
    expect(trayTooltip(paused, ctx)).toContain('checking paused · reminders paused until 12:20');
    const muted = snapshot({ mutedUntil: Date.parse('2026-03-02T12:15:00Z'), alertsPausedUntil: Date.parse('2026-03-02T13:00:00Z'), health: problem('offline') });
    const text = trayTooltip(muted, { ...ctx, demo: true });
    expect(text).toContain('ALL SOUND OFF until 12:15');
    expect(text.length).toBeLessThanOrEqual(TOOLTIP_MAX);
  });

  it('names the venue a problem blinds in the notification and the tooltip', () => {
    const venue = { type: 'health' as const, state: 'auth' as const, message: 'Venue 2: refused', since: Date.parse('2026-03-02T12:03:00Z'), downSince: Date.parse('2026-03-02T12:03:00Z'), venueId: '2' };
    expect(announcementText(venue, ctx)?.title).toBe('Not receiving orders — venue 2: sign-in refused since 12:03');
    const blind = snapshot({
      health: { ...problem('auth'), problems: [{ key: 'venue:2', venueId: '2', error: { kind: 'auth', message: 'x' }, since: Date.parse('2026-03-02T12:03:00Z'), alarmed: true }] },
    });
    expect(trayTooltip(blind, ctx)).toContain('venue 2: sign-in refused');
  });

  it('labels the window DEMO in demo mode', () => {
    expect(windowTitle(true)).toContain('DEMO');
    expect(windowTitle(false)).not.toContain('DEMO');
  });

  it('formats money with Intl and durations', () => {
    expect(formatMoney(42000, { label: '', decimals: 0 }, false, 'en')).toBe('42,000');
    expect(formatMoney(1234.5, { label: 'AZN', decimals: 2 }, true, 'en')).toBe('≈ 1,234.50 AZN');
    expect(formatDuration(65 * 60_000, 'en')).toBe('1 h 5 min');
    expect(formatDuration(120 * 60_000, 'en')).toBe('2 h');
  });

  it('keeps a clock time in a zone Intl does not know instead of failing', () => {
    const text = trayTooltip(snapshot(), { ...ctx, timeZone: 'Not/AZone' });
    expect(text).toMatch(/^No orders waiting · last check \d\d:\d\d:\d\d$/);
  });
});
