import { describe, expect, it } from 'vitest';
import type { TextContext } from '../../../main/app/messages';
import { trayView } from '../../../main/app/tray-view';
import { NOW, order, problem, snapshot, tracked } from './fixtures';

const ctx: TextContext = { now: NOW, language: 'en', currency: { label: 'AZN', decimals: 2 }, timeZone: 'UTC', demo: false };
const two = [tracked(order()), tracked(order({ id: '2' }), true)];

describe('tray view', () => {
  it('is calm with nothing waiting, shows the count with orders waiting', () => {
    expect(trayView(snapshot(), ctx, false).icon).toEqual({ state: 'ok', count: 0 });
    const view = trayView(snapshot({ pending: two }), ctx, true);
    expect(view.icon).toEqual({ state: 'orders', count: 2 });
    expect(view.count).toBe(2);
    expect(view.canAcknowledge).toBe(true);
    expect(view.startAtLogin).toBe(true);
  });

  it('shows a problem before orders, and paused when alerts or checking are paused', () => {
    expect(trayView(snapshot({ pending: two, health: problem() }), ctx, false).icon.state).toBe('problem');
    const paused = trayView(snapshot({ alertsPausedUntil: NOW + 60_000 }), ctx, false);
    expect(paused.icon.state).toBe('paused');
    expect(paused.alertsPaused).toBe(true);
    expect(trayView(snapshot({ paused: true }), ctx, false).icon.state).toBe('paused');
    expect(trayView(snapshot({ alertsPausedUntil: NOW - 1 }), ctx, false).alertsPaused).toBe(false);
  });

  it('always says demo in demo mode, with the count', () => {
    const view = trayView(snapshot({ pending: two }), { ...ctx, demo: true }, false);
    expect(view.icon).toEqual({ state: 'demo', count: 2 });
    expect(view.tooltip.startsWith('DEMO · 2 orders waiting')).toBe(true);
  });

  it('labels the menu in the language of the context', () => {
    expect(trayView(snapshot(), ctx, false).menu.checkNow).toBe('Check now');
    expect(trayView(snapshot(), { ...ctx, language: 'ru' }, false).menu.checkNow).toBe('Проверить сейчас');
    expect(trayView(snapshot(), { ...ctx, language: 'az' }, false).tooltip).toBe('Gözləyən sifariş yoxdur · son yoxlama 12:03:10');
  });
});
