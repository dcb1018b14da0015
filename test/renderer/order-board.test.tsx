// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeBridge } from './fake-bridge';
import { FIXED_NOW, makeOrder, makeSnapshot, manyPendingOrders, tracked } from './fixtures';
import { renderApp } from './render-app';

/**
 * Counts renders of the real components through what each calls once per render: the board its
 * virtualiser hook, a row the display number of its order.
 */
const renders = vi.hoisted(() => ({ board: 0, rows: 0 }));
vi.mock('@tanstack/react-virtual', async (importOriginal) => {
  const original = await importOriginal<typeof import('@tanstack/react-virtual')>();
  return {
    ...original,
    useVirtualizer: ((...args: Parameters<typeof original.useVirtualizer>) => {
      renders.board++;
      return original.useVirtualizer(...args);
    }) as typeof original.useVirtualizer,
  };
});
vi.mock('../../renderer/src/orders/board-model', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../renderer/src/orders/board-model')>();
  return {
    ...original,
    displayNumber: (...args: Parameters<typeof original.displayNumber>) => {
      renders.rows++;
      return original.displayNumber(...args);
    },
  };
});

const history = () => screen.getByRole('combobox', { name: 'History' });
const rows = () => screen.getAllByRole('listitem').filter((li) => li.classList.contains('order-row'));

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(FIXED_NOW);
  renders.board = 0;
  renders.rows = 0;
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('order board', () => {
  it('shows a pending order with number, ticking age, channel, customer, item count, total and a Seen button', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder())] }) });
    renderApp(fake);
    const row = await screen.findByText('A-001');
    const li = row.closest('li')!;
    expect(within(li).getByText('00:30')).toBeTruthy();
    expect(within(li).getByText('Aysel Məmmədova')).toBeTruthy();
    expect(li.querySelector('.order-channel')?.textContent).toBe('Wolt');
    // Lines, not quantities: 2 × Plov and 3 × Ayran are 2 items.
    expect(li.querySelector('.order-items')?.textContent).toBe('2 items');
    // Nobody has seen it: NEW; the customer wrote a comment: NOTE, with the comment as its title.
    expect(within(li).getByText('NEW')).toBeTruthy();
    expect(within(li).getByText('NOTE').getAttribute('title')).toBe('Ring twice');
    expect(within(li).getByText('24.50 AZN')).toBeTruthy();
    expect(within(li).getByRole('button', { name: 'Seen A-001' })).toBeTruthy();

    act(() => void vi.advanceTimersByTime(2000));
    expect(within(li).getByText('00:32')).toBeTruthy();
  });

  it('colours the age by wait, with the late threshold following the escalation setting', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder({ createdAt: new Date(FIXED_NOW - 55_000).toISOString() }))] }) });
    renderApp(fake);
    const age = await screen.findByText('00:55');
    expect(age.className).toContain('age-fresh');
    act(() => void vi.advanceTimersByTime(10_000));
    expect(screen.getByText('01:05').className).toContain('age-waiting');
    act(() => void vi.advanceTimersByTime(2 * 60_000));
    expect(screen.getByText('03:05').className).toContain('age-late');

    // With escalation at 5 minutes the same wait is only "waiting".
    act(() => fake.setView({ settings: { ...fake.view.settings, alerts: { ...fake.view.settings.alerts, escalationMinutes: 5 } } }));
    expect(screen.getByText('03:05').className).toContain('age-waiting');
  });

  it('marks a computed total with ≈ and a note', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder({ total: 12, totalIsComputed: true }))] }) });
    renderApp(fake);
    expect(await screen.findByText('≈ 12.00 AZN')).toBeTruthy();
    expect(screen.getByText('computed from items')).toBeTruthy();
  });

  it('uses the currency label and decimals from settings', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder({ total: 42000 }))] }) });
    fake.view = { ...fake.view, settings: { ...fake.view.settings, currency: { label: '₼', decimals: 0 } } };
    renderApp(fake);
    expect(await screen.findByText('42,000 ₼')).toBeTruthy();
  });

  it('lists unacknowledged orders first and acknowledges one or all through the bridge', async () => {
    const older = tracked(makeOrder({ id: 'o1', number: 'A-001', createdAt: new Date(FIXED_NOW - 90_000).toISOString() }), { acknowledged: true });
    const newer = tracked(makeOrder({ id: 'o2', number: 'A-002' }));
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [older, newer] }) });
    renderApp(fake);
    await screen.findByText('A-002');
    expect(rows().map((li) => li.dataset.orderId)).toEqual(['o2', 'o1']);
    expect(within(rows()[1]!).getByText(/Accept on the POS/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Seen A-002' }));
    expect(fake.callsOf('acknowledge')).toEqual([{ id: 'o2' }]);
    await screen.findByRole('button', { name: 'All seen (0)' });
    expect(screen.queryByRole('button', { name: 'Seen A-002' })).toBeNull();
  });

  it('acknowledges all with one button', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: manyPendingOrders(3) }) });
    renderApp(fake);
    fireEvent.click(await screen.findByRole('button', { name: 'All seen (3)' }));
    expect(fake.callsOf('acknowledgeAll')).toHaveLength(1);
    expect(await screen.findByRole('button', { name: 'All seen (0)' })).toHaveProperty('disabled', true);
  });

  it('updates as orders arrive and leave, and filters the history by status', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder())] }) });
    renderApp(fake);
    await screen.findByText('A-001');
    act(() => fake.addPending(makeOrder({ id: 'o2', number: 'A-002', customer: null })));
    expect(rows().map((r) => r.dataset.orderId)).toEqual(['ord-1', 'o2']);
    expect(within(rows()[1]!).getByText('No name')).toBeTruthy();
    // It arrived with the window open: its card is over the board too; Later puts it aside.
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'A-002' })).getByRole('button', { name: 'Later' }));

    act(() => fake.leavePending('ord-1', 'accepted'));
    expect(screen.queryByText('A-001')).toBeNull();
    // One "History" control holds what left pending, with counts.
    fireEvent.change(history(), { target: { value: 'accepted' } });
    expect(within(history()).getByRole('option', { name: 'Accepted (1)' })).toBeTruthy();
    const li = (await screen.findByText('A-001')).closest('li')!;
    expect(within(li).getByText('Accepted')).toBeTruthy();
    expect(within(li).queryByRole('button', { name: /^Seen/ })).toBeNull();
    fireEvent.change(history(), { target: { value: 'cancelled' } });
    expect(screen.getByText('No orders here yet')).toBeTruthy();
    fireEvent.change(history(), { target: { value: 'all' } });
    expect(rows().map((r) => r.dataset.orderId)).toEqual(['o2', 'ord-1']);
  });

  it('searches by number, customer name and phone digits', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: manyPendingOrders(30) }) });
    renderApp(fake);
    const search = await screen.findByRole('searchbox', { name: 'Search by number, name or phone' });
    fireEvent.change(search, { target: { value: 'b-0007' } });
    expect(rows().map((r) => r.dataset.orderId)).toEqual(['bulk-7']);
    fireEvent.change(search, { target: { value: 'leyla 13' } });
    expect(rows().map((r) => r.dataset.orderId)).toEqual(['bulk-13']);
    fireEvent.change(search, { target: { value: '55 000 021' } });
    expect(rows().map((r) => r.dataset.orderId)).toEqual(['bulk-22']);
    fireEvent.change(search, { target: { value: 'nobody' } });
    expect(screen.getByText('No orders match “nobody”')).toBeTruthy();
  });

  it('moves with the arrow keys, acknowledges with A and opens with Enter', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: manyPendingOrders(3) }) });
    renderApp(fake);
    const first = within((await screen.findByText('B-0001')).closest('li')!).getAllByRole('button')[0]!;
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    const second = rows()[1]!.querySelector('button.order-open');
    expect(document.activeElement).toBe(second);
    fireEvent.keyDown(second!, { key: 'a', code: 'KeyA' });
    expect(fake.callsOf('acknowledge')).toEqual([{ id: 'bulk-2' }]);
    // Russian layout: the A key types "ф" but its code is still KeyA.
    fireEvent.keyDown(second!, { key: 'End' });
    fireEvent.keyDown(document.activeElement!, { key: 'ф', code: 'KeyA' });
    expect(fake.callsOf('acknowledge')).toEqual([{ id: 'bulk-2' }, { id: 'bulk-3' }]);
    // Enter on a focused button is a click.
    fireEvent.click(document.activeElement!);
    expect(await screen.findByRole('heading', { name: 'Order B-0003' })).toBeTruthy();
  });

  it('renders only a window of 1,000 orders and re-renders neither the board nor a row when the ages tick', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: manyPendingOrders(1000) }) });
    renderApp(fake);
    await screen.findByText('B-0001');
    expect(rows().length).toBeLessThan(30);
    expect(screen.getByRole('button', { name: 'All seen (1000)' })).toBeTruthy();
    const firstAge = rows()[0]!.querySelector('.order-age')!;
    const before = firstAge.textContent;
    const counted = { ...renders };
    expect(counted.board).toBeGreaterThan(0);
    expect(counted.rows).toBeGreaterThan(0);

    act(() => void vi.advanceTimersByTime(3000));
    expect(firstAge.textContent).not.toBe(before);
    expect(renders).toEqual(counted);

    // The counters do see a real re-render: a new order renders the board and the new row.
    act(() => fake.addPending(makeOrder({ id: 'late-comer', number: 'Z-1' })));
    expect(renders.board).toBeGreaterThan(counted.board);
    expect(renders.rows).toBeGreaterThan(counted.rows);
  });

  it('names channels in words instead of Clopos codes', async () => {
    const codes = ['call_center_new', 'CALL_CENTER_ORDER', 'wolt', 'bolt_food', 'web', 'uber_eats'];
    const fake = new FakeBridge({
      snapshot: makeSnapshot({ pending: codes.map((source, index) => tracked(makeOrder({ id: `c${index}`, number: `C-${index}`, source }))) }),
    });
    renderApp(fake);
    await screen.findByText('C-0');
    expect(rows().map((row) => row.querySelector('.order-channel')?.textContent)).toEqual([
      'Call centre',
      'Call centre',
      'Wolt',
      'Bolt Food',
      'Website',
      'Uber Eats',
    ]);
    act(() => fake.setView({ settings: { ...fake.view.settings, language: 'ru' } }));
    expect(await screen.findAllByText('Колл-центр')).toHaveLength(2);
  });

  it('fits waits of an hour or more as h:mm:ss in a smaller type', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: [tracked(makeOrder({ createdAt: new Date(FIXED_NOW - 3_701_000).toISOString() }))] }) });
    renderApp(fake);
    const age = await screen.findByText('1:01:41');
    expect(age.className).toContain('with-hours');
  });

  it('says when a search or filter hides new orders, and shows them with one click', async () => {
    const fake = new FakeBridge({ snapshot: makeSnapshot({ pending: manyPendingOrders(3) }) });
    renderApp(fake);
    const search = await screen.findByRole('searchbox');
    fireEvent.change(search, { target: { value: 'B-0002' } });
    expect(screen.getByText(/2 new orders are hidden by the filter/)).toBeTruthy();
    fireEvent.change(history(), { target: { value: 'accepted' } });
    act(() => fake.addPending(makeOrder({ id: 'fresh', number: 'F-1' })));
    fireEvent.click(within(await screen.findByRole('dialog', { name: 'F-1' })).getByRole('button', { name: 'Later' }));
    expect(screen.getByText(/4 new orders are hidden by the filter/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(screen.getByText('F-1')).toBeTruthy();
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('');
    expect(screen.getByRole('button', { name: /Pending 4/ }).getAttribute('aria-pressed')).toBe('true');
    expect((history() as HTMLSelectElement).value).toBe('');
    expect(screen.queryByText(/hidden by the filter/)).toBeNull();

    // Acknowledged orders are not "new": hiding them raises no bar.
    fireEvent.click(screen.getByRole('button', { name: 'All seen (4)' }));
    await screen.findByRole('button', { name: 'All seen (0)' });
    fireEvent.change(history(), { target: { value: 'cancelled' } });
    expect(screen.queryByText(/hidden by the filter/)).toBeNull();
  });
});
