// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeBridge } from './fake-bridge';
import { connectedSettings, makeOrder, makeReceipt, makeSettingsView, makeSnapshot, tracked } from './fixtures';
import { renderApp } from './render-app';

afterEach(cleanup);

function openOrder(fake: FakeBridge, id = 'ord-1') {
  renderApp(fake);
  act(() => fake.emit('notifier:select-order', { id }));
}

describe('order detail', () => {
  it('puts the comment and payment first, then items with quantity, modifiers, unit price and line total, customer and times', async () => {
    const order = makeOrder({ receiptId: null, updatedAt: '2026-03-02T12:01:00Z', paymentStatus: 'unpaid', comment: 'Peanut allergy! Ring twice' });
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(order)] }) });
    openOrder(fake);
    await screen.findByRole('heading', { name: 'Order A-001' });
    // Urgent facts at the top, before the item table: an allergy note is never below the fold.
    const facts = document.querySelector('.urgent-facts') as HTMLElement;
    expect(facts.querySelector('.comment-callout')?.textContent).toBe('Comment: Peanut allergy! Ring twice');
    expect(within(facts).getByText('Not paid').className).toContain('pay-unpaid');
    expect(within(facts).getByText('Delivery')).toBeTruthy();
    expect(within(facts).getByText('Wolt').className).toContain('ch-wolt');
    const table = screen.getByRole('table');
    expect(facts.compareDocumentPosition(table) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    const plov = within(table).getByText('Plov').closest('tr')!;
    expect([...plov.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Plov+ Extra saffron', '2', '8.50 AZN', '17.00 AZN']);
    expect(within(table).getByText('24.50 AZN')).toBeTruthy();
    expect(screen.getByText('+994 50 123 45 67')).toBeTruthy();
    expect(screen.getByText('Nizami küç. 10, Bakı')).toBeTruthy();
    const details = screen.getByRole('heading', { name: 'Details' }).nextElementSibling as HTMLElement;
    expect([...details.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Created', 'Updated']);
    expect(screen.getByText('2 Mar 2026, 12:01', { exact: false })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Order slip' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reject order' })).toBeNull();
  });

  it('says nothing of "Updated" it does not know, and names the venue only where this PC watches several', async () => {
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(makeOrder({ updatedAt: null, venueId: '2' }))] }),
      view: makeSettingsView({ settings: connectedSettings({ connection: { ...connectedSettings().connection, venues: ['1', '2'] } }) }),
    });
    openOrder(fake);
    await screen.findByRole('heading', { name: 'Order A-001' });
    const details = screen.getByRole('heading', { name: 'Details' }).nextElementSibling as HTMLElement;
    expect([...details.querySelectorAll('dt')].map((dt) => dt.textContent)).toEqual(['Created', 'Venue']);
  });

  it('shows the fetched details even for an order the board does not know, and errors with their kind', async () => {
    const fake = new FakeBridge({ orders: [{ order: makeOrder({ id: 'x-9', number: 'X-9' }), receipt: null }] });
    openOrder(fake, 'x-9');
    expect(await screen.findByRole('heading', { name: 'Order X-9' })).toBeTruthy();

    cleanup();
    const failing = new FakeBridge({ failures: { getOrder: { kind: 'offline', message: 'No network.' } } });
    openOrder(failing, 'gone');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the order');
    expect(alert.textContent).toContain('No internet connection');
    expect(alert.textContent).toContain("Check this PC's internet connection");
    expect(alert.querySelector('[lang="en"]')?.textContent).toBe('No network.');
    failing.failures = {};
    failing.orders.set('gone', { order: makeOrder({ id: 'gone', number: 'G-1' }), receipt: null });
    fireEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('heading', { name: 'Order G-1' })).toBeTruthy();
  });

  it('opens the order slip with the receipt’s daily number, fee and payment, prints it through main, and links the receipt from the template', async () => {
    const order = makeOrder({ receiptId: 'rc/77' });
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(order)] }),
      receipts: [makeReceipt({ id: 'rc/77' })],
      view: makeSettingsView({ settings: connectedSettings({ receiptUrlTemplate: 'https://bo.example/receipts/{id}?v=1', printing: { printer: 'XP-80C', paperWidthMm: 58, printEachNewOrder: false } }) }),
    });
    openOrder(fake);
    fireEvent.click(await screen.findByRole('button', { name: /Open receipt in browser/ }));
    expect(fake.callsOf('openExternal')).toEqual([{ url: 'https://bo.example/receipts/rc%2F77?v=1' }]);

    fireEvent.click(screen.getByRole('button', { name: 'Order slip' }));
    expect(await screen.findByRole('heading', { name: 'Slip 42' })).toBeTruthy();
    const slip = await screen.findByRole('article', { name: 'Slip 42' });
    expect(fake.callsOf('getReceipt')).toEqual([{ id: 'rc/77', venueId: '1' }]);
    expect(slip.className).toContain('slip-58');
    expect(slip.querySelector('.slip-number')?.textContent).toBe('42');
    expect(within(slip).getByText('Order 006')).toBeTruthy();
    expect(within(slip).getByText('+ Extra saffron')).toBeTruthy();
    expect(slip.querySelector('.slip-comment')?.textContent).toBe('Comment: Ring twice');
    expect(within(slip).getByText('Delivery fee').nextElementSibling?.textContent).toBe('3.00 AZN');
    expect(within(slip).getByText('Total', { selector: 'dt' }).nextElementSibling?.textContent).toBe('27.50 AZN');
    expect(within(slip).getByText('Card').nextElementSibling?.textContent).toBe('27.50 AZN');
    // The number once, no receipt or order status on a slip.
    expect(within(slip).getAllByText('42')).toHaveLength(1);
    expect(slip.textContent).not.toMatch(/In progress|Open/);

    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(await screen.findByText('Sent to XP-80C.')).toBeTruthy();
    expect(fake.callsOf('printSlip')).toEqual([{ id: 'ord-1', venueId: '1' }]);
    fireEvent.click(screen.getByRole('button', { name: /Back to order/ }));
    expect(await screen.findByRole('heading', { name: 'Order A-001' })).toBeTruthy();
  });

  it('a slip without a receipt or a fee has no fee line; a failed print says so', async () => {
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(makeOrder({ receiptId: null }))] }),
      failures: { printSlip: { kind: 'config', message: 'The printer "XP-80C" is not installed on this PC.' } },
    });
    openOrder(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Order slip' }));
    const slip = await screen.findByRole('article', { name: 'Slip A-001' });
    expect(within(slip).queryByText('Delivery fee')).toBeNull();
    expect(within(slip).queryByText('Subtotal')).toBeNull();
    expect(within(slip).getByText('Total', { selector: 'dt' }).nextElementSibling?.textContent).toBe('24.50 AZN');
    expect(within(slip).getByText('Paid')).toBeTruthy();
    expect(fake.callsOf('getReceipt')).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Print' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('The slip did not print');
    expect(alert.textContent).toContain('The printer "XP-80C" is not installed on this PC.');
  });

  it('rejects only when enabled, and only after confirming', async () => {
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(makeOrder())] }),
      view: makeSettingsView({ settings: connectedSettings({ allowReject: true }) }),
    });
    openOrder(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'Reject order' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Reject order A-001?' });
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'No, keep it' }));
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(screen.getByRole('heading', { name: 'Order A-001' })).toBeTruthy();
    expect(fake.callsOf('rejectOrder')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Reject order' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, reject' }));
    expect(await screen.findByText('Order rejected.')).toBeTruthy();
    expect(fake.callsOf('rejectOrder')).toEqual([{ id: 'ord-1', venueId: '1' }]);
  });

  it('translates Clopos codes for delivery, payment and channel, and title-cases unknown ones', async () => {
    const order = makeOrder({ deliveryType: 'pickup', paymentStatus: 'pending', source: 'call_center_new' });
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(order)] }),
      view: makeSettingsView({ settings: connectedSettings({ language: 'az' }) }),
    });
    openOrder(fake);
    await screen.findByRole('heading', { name: 'Sifariş A-001' });
    const facts = () => (document.querySelector('.urgent-facts .facts-line') as HTMLElement).textContent;
    expect(facts()).toBe('Ödəniş gözlənilirÖzü aparırÇağrı mərkəzi');

    cleanup();
    const odd = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(makeOrder({ deliveryType: 'drone_drop', paymentStatus: 'PARTLY_PAID', source: 'glovo' }))] }),
    });
    openOrder(odd);
    await screen.findByRole('heading', { name: 'Order A-001' });
    expect(facts()).toBe('Partly PaidDrone DropGlovo');
  });

  it('acknowledges from the detail', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder())] }) });
    openOrder(fake);
    const header = (await screen.findByRole('heading', { name: 'Order A-001' })).parentElement!;
    fireEvent.click(within(header).getByRole('button', { name: 'Seen' }));
    expect(fake.callsOf('acknowledge')).toEqual([{ id: 'ord-1' }]);
  });
});
