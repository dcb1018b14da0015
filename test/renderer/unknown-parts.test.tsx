// @vitest-environment jsdom
/**
 * An order whose creation time or total Clopos sent in a form the app cannot read is shown all the
 * same: "time unknown" and "total unknown", and its wait counted from when the app first saw it.
 */
import { act, cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBridge } from './fake-bridge';
import { connectedSettings, FIXED_NOW, makeOrder, makeSettingsView, makeSnapshot, tracked } from './fixtures';
import { renderApp } from './render-app';

/** Clopos sent neither a readable creation time nor a readable total; the app first saw it 5 minutes ago. */
const unknownParts = () =>
  tracked(makeOrder({ createdAt: null, total: null }), { firstSeenAt: FIXED_NOW - 5 * 60_000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(FIXED_NOW);
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('an order with unreadable parts', () => {
  it('is on the board with its wait counted from first sight, "time unknown" and "total unknown"', async () => {
    renderApp(new FakeBridge({ snapshot: makeSnapshot({ pending: [unknownParts()] }) }));
    const li = (await screen.findByText('A-001')).closest('li')!;
    const age = within(li).getByText('05:00');
    expect(age.getAttribute('aria-label')).toBe('waiting 05:00 since the app first saw it (order time unknown)');
    expect(li.querySelector('.order-meta')?.textContent).toBe('NOTEWolt2 items· time unknown');
    expect(li.querySelector('.order-total')?.textContent).toBe('—total unknown');
    act(() => void vi.advanceTimersByTime(3000));
    expect(within(li).getByText('05:03')).toBeTruthy();
  });

  it('shows "time unknown" as the creation time and "total unknown" as the total in the detail', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [unknownParts()] }) });
    renderApp(fake);
    act(() => fake.emit('notifier:select-order', { id: 'ord-1' }));
    const header = (await screen.findByRole('heading', { name: 'Order A-001' })).parentElement!;
    expect(within(header).getByText('05:00')).toBeTruthy();
    const details = screen.getByRole('heading', { name: 'Details' }).nextElementSibling as HTMLElement;
    expect(within(details).getByText('Created', { selector: 'dt' }).nextElementSibling?.textContent).toBe('time unknown');
    const footer = screen.getByRole('table').querySelector('tfoot')!;
    expect(footer.textContent).toContain('total unknown');
  });

  it('says so in Azerbaijani and Russian too', async () => {
    for (const [language, time, total] of [
      ['az', 'vaxtı bilinmir', 'məbləğ bilinmir'],
      ['ru', 'время неизвестно', 'сумма неизвестна'],
    ] as const) {
      const fake = new FakeBridge({
        snapshot: makeSnapshot({ pending: [unknownParts()] }),
        view: makeSettingsView({ settings: connectedSettings({ language }) }),
      });
      renderApp(fake);
      const li = (await screen.findByText('A-001')).closest('li')!;
      expect(li.querySelector('.order-meta')?.textContent, language).toContain(time);
      expect(li.querySelector('.order-total')?.textContent, language).toContain(total);
      cleanup();
    }
  });
});
