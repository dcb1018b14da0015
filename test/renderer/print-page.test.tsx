// @vitest-environment jsdom
/**
 * The page main's hidden print window loads (renderer/src/print-app.tsx): only the slip, and a
 * title that tells main when it is complete — never before the receipt's figures are in.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { printSlipRequest } from '../../renderer/src/orders/order-slip';
import { PrintApp } from '../../renderer/src/print-app';
import { FakeBridge } from './fake-bridge';
import { makeOrder, makeReceipt, makeSnapshot, tracked } from './fixtures';

afterEach(cleanup);

const withReceipt: boolean[] = [];

/** Every title the page sets, in order; `withReceipt` says whether the receipt's payment line was on the page then. */
function recordTitles(): string[] {
  const titles: string[] = [];
  withReceipt.length = 0;
  const original = Object.getOwnPropertyDescriptor(Document.prototype, 'title')!;
  Object.defineProperty(document, 'title', {
    configurable: true,
    get: () => original.get!.call(document),
    set: (value: string) => {
      titles.push(value);
      withReceipt.push(document.body.textContent?.includes('Card') ?? false);
      original.set!.call(document, value);
    },
  });
  return titles;
}

describe('print page', () => {
  it('reads the order and venue from the fragment, and nothing else', () => {
    expect(printSlipRequest('#print-slip?id=W%2F1&venue=2')).toEqual({ id: 'W/1', venueId: '2' });
    expect(printSlipRequest('#print-slip?venue=2')).toBeNull();
    expect(printSlipRequest('#settings')).toBeNull();
    expect(printSlipRequest('')).toBeNull();
  });

  it('says "slip-ready" only once the receipt is in: the slip never goes to paper without its fee, totals and payment', async () => {
    const titles = recordTitles();
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(makeOrder({ receiptId: 'rc-77' }))] }),
      receipts: [makeReceipt({ id: 'rc-77' })],
    });
    render(<PrintApp bridge={fake} id="ord-1" venueId="1" />);
    const slip = await screen.findByRole('article', { name: 'Slip 42' });
    await screen.findByText('Card');
    await new Promise((resolve) => setTimeout(resolve, 20));
    const ready = titles.flatMap((t, i) => (t.startsWith('slip-ready') ? [withReceipt[i]] : []));
    expect(ready.length).toBeGreaterThan(0);
    // Every verdict, the first included, came with the receipt on the page.
    expect(ready.every(Boolean)).toBe(true);
    expect(slip.querySelector('.slip-number')?.textContent).toBe('42');
    expect(titles.every((t) => !t.startsWith('slip-failed'))).toBe(true);
    expect(fake.callsOf('getReceipt')).toEqual([{ id: 'rc-77', venueId: '1' }]);
    expect(document.documentElement.classList.contains('printing')).toBe(true);
  });

  it('says "slip-failed" with the reason when the order cannot be read, so main reports it instead of printing', async () => {
    const titles = recordTitles();
    render(<PrintApp bridge={new FakeBridge({ failures: { getOrder: { kind: 'offline', message: 'No network.' } } })} id="ord-1" venueId="1" />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(titles).toContain('slip-failed: offline');
    expect(titles.some((t) => t.startsWith('slip-ready'))).toBe(false);
  });

  it('says "slip-failed" when main cannot give it the settings (language, currency, paper width)', async () => {
    const titles = recordTitles();
    render(<PrintApp bridge={new FakeBridge({ failures: { getSettings: { kind: 'internal', message: 'Settings unreadable.' } } })} id="ord-1" venueId="1" />);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(titles).toContain('slip-failed: internal');
  });
});
