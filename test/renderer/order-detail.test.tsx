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
  it('shows items with quantity, modifiers, unit price and line total, customer, comment and times', async () => {
    const order = makeOrder({ receiptId: null, updatedAt: '2026-03-02T12:01:00Z' });
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(order)] }) });
    openOrder(fake);
    await screen.findByRole('heading', { name: 'Order A-001' });
    const table = screen.getByRole('table');
    const plov = within(table).getByText('Plov').closest('tr')!;
    expect([...plov.querySelectorAll('td')].map((td) => td.textContent)).toEqual(['Plov+ Extra saffron', '2', '8.50 AZN', '17.00 AZN']);
    expect(within(table).getByText('24.50 AZN')).toBeTruthy();
    expect(screen.getByText('+994 50 123 45 67')).toBeTruthy();
    expect(screen.getByText('Nizami küç. 10, Bakı')).toBeTruthy();
    expect(screen.getByText('Ring twice')).toBeTruthy();
    const details = screen.getByRole('heading', { name: 'Details' }).nextElementSibling as HTMLElement;
    const valueOf = (label: string) => within(details).getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;
    expect(valueOf('Delivery')).toBe('Delivery');
    expect(valueOf('Payment')).toBe('Paid');
    expect(valueOf('Channel')).toBe('Wolt');
    expect(screen.getByText('2 Mar 2026, 12:01', { exact: false })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'View receipt' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reject order' })).toBeNull();
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

  it('opens the receipt fetched through main, and the external link from the template', async () => {
    const order = makeOrder({ receiptId: 'rc/77' });
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(order)] }),
      receipts: [makeReceipt({ id: 'rc/77' })],
      view: makeSettingsView({ settings: connectedSettings({ receiptUrlTemplate: 'https://bo.example/receipts/{id}?v=1' }) }),
    });
    openOrder(fake);
    fireEvent.click(await screen.findByRole('button', { name: /Open receipt in browser/ }));
    expect(fake.callsOf('openExternal')).toEqual([{ url: 'https://bo.example/receipts/rc%2F77?v=1' }]);

    fireEvent.click(screen.getByRole('button', { name: 'View receipt' }));
    expect(await screen.findByRole('heading', { name: 'Receipt 006' })).toBeTruthy();
    expect(fake.callsOf('getReceipt')).toEqual([{ id: 'rc/77', venueId: '1' }]);
    const side = screen.getByText('Daily number').closest('dl')!;
    expect(within(side).getByText('42')).toBeTruthy();
    expect(within(side).getByText('Order status').nextElementSibling?.textContent).toBe('In progress');
    expect(screen.getAllByText('Open').length).toBeGreaterThan(0);
    expect(screen.getByText('Card').nextSibling?.textContent).toBe('27.50 AZN');
    expect(screen.getByText('Delivery fee').nextSibling?.textContent).toBe('3.00 AZN');
    fireEvent.click(screen.getByRole('button', { name: /Back to order/ }));
    expect(await screen.findByRole('heading', { name: 'Order A-001' })).toBeTruthy();
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

  it('translates Clopos codes for delivery, payment, channel and receipt status, and title-cases unknown ones', async () => {
    const order = makeOrder({ deliveryType: 'pickup', paymentStatus: 'pending', source: 'call_center_new', receiptId: 'rc-77' });
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(order)] }),
      receipts: [makeReceipt({ orderStatus: 'PICKED_UP' })],
      view: makeSettingsView({ settings: connectedSettings({ language: 'az' }) }),
    });
    openOrder(fake);
    await screen.findByRole('heading', { name: 'Sifariş A-001' });
    const details = screen.getByRole('heading', { name: 'Təfərrüatlar' }).nextElementSibling as HTMLElement;
    const valueOf = (label: string) => within(details).getByText(label).nextElementSibling?.textContent;
    expect(valueOf('Çatdırılma')).toBe('Özü aparır');
    expect(valueOf('Ödəniş')).toBe('Ödəniş gözlənilir');
    expect(valueOf('Kanal')).toBe('Çağrı mərkəzi');
    fireEvent.click(screen.getByRole('button', { name: 'Çekə bax' }));
    const status = await screen.findByText('Sifariş statusu');
    expect(status.nextElementSibling?.textContent).toBe('Götürülüb');

    cleanup();
    const odd = new FakeBridge({
      snapshot: makeSnapshot({ pending: [tracked(makeOrder({ deliveryType: 'drone_drop', paymentStatus: 'PARTLY_PAID', source: 'glovo' }))] }),
    });
    openOrder(odd);
    await screen.findByRole('heading', { name: 'Order A-001' });
    const oddDetails = screen.getByRole('heading', { name: 'Details' }).nextElementSibling as HTMLElement;
    expect([...oddDetails.querySelectorAll('dd')].slice(0, 3).map((dd) => dd.textContent)).toEqual(['Drone Drop', 'Partly Paid', 'Glovo']);
  });

  it('acknowledges from the detail', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder())] }) });
    openOrder(fake);
    const header = (await screen.findByRole('heading', { name: 'Order A-001' })).parentElement!;
    fireEvent.click(within(header).getByRole('button', { name: 'Acknowledge' }));
    expect(fake.callsOf('acknowledge')).toEqual([{ id: 'ord-1' }]);
  });
});
