// @vitest-environment jsdom
/**
 * The owner's report in the app (jsdom): reached in one click from the board, asks main for the
 * chosen period, shows the figures of the ReportData it gets in words, opens the slowest orders,
 * exports the CSV and says where it went, and warns when the ledger was damaged. jsdom draws no
 * canvas: the charts are checked through their accessible twins (label and table) here, and drawn
 * for real in test/browser/report.test.ts.
 */
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderLife, ReportData, ReportGroup } from '../../common/report';
import { FakeBridge, type FakeBridgeInit } from './fake-bridge';
import { APP_INFO, connectedSettings, emptyReport, FIXED_NOW, makeOrder, makeSettingsView } from './fixtures';
import { renderApp } from './render-app';

afterEach(cleanup);

const group = (key: string, overrides: Partial<ReportGroup> = {}): ReportGroup => ({
  key,
  orders: 10,
  accepted: 9,
  neverAccepted: 1,
  stillPending: 0,
  acceptMedianMs: 90_000,
  acceptP90Ms: 240_000,
  seenMedianMs: 30_000,
  seenP90Ms: 70_000,
  waitedOverThreshold: 2,
  unreachableMs: 0,
  ...overrides,
});

const slowOrder = (overrides: Partial<OrderLife> = {}): OrderLife => ({
  id: 'ord-77',
  venueId: '2',
  number: 'W-3310',
  channel: 'wolt',
  total: 38.4,
  createdAt: FIXED_NOW - 3_600_000,
  firstSeenAt: FIXED_NOW - 3_597_000,
  announcedAt: FIXED_NOW - 3_597_000,
  acknowledgedAt: FIXED_NOW - 3_300_000,
  acknowledgedOn: 'COUNTER-1',
  leftAt: FIXED_NOW - 3_000_000,
  outcome: 'accepted',
  acceptMs: 600_000,
  ...overrides,
});

/** A day with 23 orders over two channels and two venues; hour 12 is the busiest (9) and 19 the slowest. */
function busyDay(overrides: Partial<ReportData> = {}): ReportData {
  const orders = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 9, 4, 1, 0, 0, 0, 0, 3, 0, 0, 0, 0];
  return {
    ...emptyReport('today'),
    escalationMinutes: 5,
    totals: {
      orders: 23,
      accepted: 20,
      neverAccepted: 2,
      stillPending: 1,
      acceptMedianMs: 125_000,
      acceptP90Ms: null,
      seenMedianMs: 45_000,
      seenP90Ms: 100_000,
      waitedOverThreshold: 3,
      unreachableMs: 12 * 60_000 + 20_000,
    },
    byChannel: [group('wolt', { orders: 13 }), group('call_center'), group('', { orders: 0, accepted: 0, acceptMedianMs: null })],
    byVenue: [group('1', { orders: 15 }), group('2', { orders: 8 })],
    byHour: orders.map((count, hour) => ({ hour, orders: count, acceptMedianMs: count === 0 ? null : hour === 19 ? 380_000 : 100_000 })),
    slowest: [slowOrder(), slowOrder({ id: 'ord-78', venueId: '1', number: null, channel: 'call_center', total: null, acceptMs: 310_000 })],
    ...overrides,
  };
}

async function openReport(init: FakeBridgeInit = {}) {
  const fake = new FakeBridge(init);
  renderApp(fake);
  fireEvent.click(await screen.findByRole('button', { name: 'Report' }));
  await screen.findByRole('heading', { name: 'Report' });
  return fake;
}

/** The value a headline tile shows, by its label. */
const tile = (label: string) => {
  const term = screen.getByText(label, { selector: 'dt' });
  return term.parentElement!.querySelector('.report-tile-value')!.textContent;
};

describe('the owner report', () => {
  it('opens in one click from the board and asks for today, then again for each period chosen', async () => {
    const fake = await openReport();
    expect(fake.callsOf('getReport')).toEqual([{ range: 'today' }]);
    // The board is out of sight; the report's nav button is the current page.
    expect(screen.getByRole('button', { name: 'Report' }).getAttribute('aria-current')).toBe('page');
    expect(screen.getByRole('radio', { name: 'Today' })).toHaveProperty('checked', true);

    fireEvent.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    await waitFor(() => expect(fake.callsOf('getReport')).toEqual([{ range: 'today' }, { range: '7d' }]));
    expect(screen.getByRole('radio', { name: 'Last 7 days' })).toHaveProperty('checked', true);
    fireEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }));
    fireEvent.click(screen.getByRole('radio', { name: 'Yesterday' }));
    await waitFor(() => expect(fake.callsOf('getReport').slice(2)).toEqual([{ range: '30d' }, { range: 'yesterday' }]));

    // Back returns to the board.
    fireEvent.click(screen.getByRole('button', { name: /Back to orders/ }));
    expect(screen.queryByRole('heading', { name: 'Report' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Orders' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows the headline figures of the report in words', async () => {
    await openReport({ reports: { today: busyDay() } });
    await screen.findByText('Time to accept (median)', { selector: 'dt' });
    expect(tile('Orders')).toBe('23');
    expect(tile('Accepted')).toBe('20');
    expect(tile('Never accepted')).toBe('2');
    expect(tile('Still pending')).toBe('1');
    expect(tile('Unseen over 5 min')).toBe('3');
    expect(tile('Time to accept (median)')).toBe('2 min 5 s');
    expect(tile('Time to accept (90%)')).toBe('—');
    expect(tile('Time to Seen (median)')).toBe('45 s');
    expect(tile('Time to Seen (90%)')).toBe('1 min 40 s');
    expect(tile('Clopos unreachable')).toBe('12 min');
    expect(screen.queryByText('No orders in this period yet')).toBeNull();

    // Per channel in the board's words (an unknown channel named so), per venue as there are two.
    const channels = within(screen.getByRole('region', { name: 'By channel' })).getAllByRole('row');
    expect(channels.map((row) => row.querySelector('th')?.textContent)).toEqual(['Channel', 'Wolt', 'Call centre', 'Unknown channel']);
    expect(channels[1]!.textContent).toContain('1 min 30 s');
    const venues = within(screen.getByRole('region', { name: 'By venue' })).getAllByRole('row');
    expect(venues.map((row) => row.querySelector('th')?.textContent)).toEqual(['Venue', '1', '2']);
    // The unreachable time is each venue's own; for channels it is the whole watch's, the same on every row, so not repeated there.
    expect(venues[0]!.textContent).toContain('Clopos unreachable');
    expect(channels[0]!.textContent).not.toContain('Clopos unreachable');
  });

  it('shows one venue without a venue table, and an empty period as such', async () => {
    const fake = await openReport({ reports: { today: busyDay({ byVenue: [group('1')] }) } });
    await screen.findByRole('region', { name: 'By channel' });
    expect(screen.queryByRole('region', { name: 'By venue' })).toBeNull();

    fireEvent.click(screen.getByRole('radio', { name: 'Yesterday' }));
    expect(await screen.findByText('No orders in this period yet')).toBeTruthy();
    expect(fake.callsOf('getReport')).toEqual([{ range: 'today' }, { range: 'yesterday' }]);
    expect(screen.queryByText('Time to accept (median)', { selector: 'dt' })).toBeNull();
    expect(screen.queryByRole('img')).toBeNull();
    expect((screen.getByRole('button', { name: 'Export CSV' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('gives each chart a summary and a table of the 24 hours', async () => {
    await openReport({ reports: { today: busyDay() } });
    expect(await screen.findByRole('img', { name: 'Orders by hour of day: 23 in all, the most at 12:00 (9)' })).toBeTruthy();
    expect(screen.getByRole('img', { name: 'Time to accept by hour: the slowest at 19:00, 6 min 20 s' })).toBeTruthy();

    const ordersTable = screen.getByRole('table', { name: 'Orders by hour of day' });
    const rows = within(ordersTable).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(24);
    expect(rows.map((row) => row.textContent)).toContain('12:009');
    expect(rows[0]!.textContent).toBe('00:000');
    const acceptRows = within(screen.getByRole('table', { name: 'Time to accept by hour (median, minutes)' })).getAllByRole('row').slice(1);
    expect(acceptRows[19]!.textContent).toBe('19:006 min 20 s');
    expect(acceptRows[3]!.textContent).toBe('03:00—');

    // The table is for screen readers until someone asks to see it.
    expect(ordersTable.closest('.report-sr-only')).not.toBeNull();
    const toggle = screen.getAllByRole('button', { name: 'Show as table' })[0]!;
    fireEvent.click(toggle);
    expect(ordersTable.closest('.report-sr-only')).toBeNull();
    expect(ordersTable.closest('[role="region"]')?.getAttribute('tabindex')).toBe('0');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toBe('Hide table');
  });

  it('opens a slowest order in its venue, and Back returns to the report in the same period', async () => {
    const detail = { order: makeOrder({ id: 'ord-77', number: 'W-3310', venueId: '2', status: 'accepted' }), receipt: null };
    const fake = await openReport({ reports: { '7d': busyDay({ range: '7d' }) }, orders: [detail] });
    fireEvent.click(screen.getByRole('radio', { name: 'Last 7 days' }));
    const slowest = await screen.findByRole('region', { name: 'Slowest to accept' });
    const rows = within(slowest).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('10 min');
    expect(rows[1]!.textContent).toContain('ord-78');
    expect(rows[1]!.textContent).toContain('Call centre');

    fireEvent.click(within(slowest).getByRole('button', { name: 'W-3310' }));
    expect(await screen.findByRole('heading', { name: 'Order W-3310' })).toBeTruthy();
    await waitFor(() => expect(fake.callsOf('getOrder')).toEqual([{ id: 'ord-77', venueId: '2' }]));

    fireEvent.click(screen.getByRole('button', { name: /Back to report/ }));
    await screen.findByRole('heading', { name: 'Report' });
    expect(screen.getByRole('radio', { name: 'Last 7 days' })).toHaveProperty('checked', true);
    await waitFor(() => expect(fake.callsOf('getReport').at(-1)).toEqual({ range: '7d' }));
  });

  it('exports the period as CSV and says where it was saved', async () => {
    const fake = await openReport({ reports: { '30d': busyDay({ range: '30d' }) }, exportFile: '/home/owner/Documents/orders-30d.csv' });
    fireEvent.click(screen.getByRole('radio', { name: 'Last 30 days' }));
    await screen.findByRole('region', { name: 'By channel' });
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    expect(await screen.findByText('Saved to /home/owner/Documents/orders-30d.csv')).toBeTruthy();
    expect(fake.callsOf('exportReport')).toEqual([{ range: '30d' }]);
  });

  it('says nothing was saved when the save dialog was cancelled, and shows a failed export', async () => {
    const fake = await openReport({ reports: { today: busyDay() }, exportFile: '' });
    const button = await screen.findByRole('button', { name: 'Export CSV' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    await waitFor(() => expect(fake.callsOf('exportReport')).toEqual([{ range: 'today' }]));
    // The answer came back: the button is usable again, and nothing claims a file was saved.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Export CSV' }).hasAttribute('disabled')).toBe(false));
    expect(screen.queryByText(/Saved to/)).toBeNull();
    expect(screen.queryByText('Could not save the CSV file')).toBeNull();

    fake.failures.exportReport = { kind: 'internal', message: 'EACCES: permission denied, open /media/usb/orders.csv' };
    fireEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    const problem = (await screen.findByText('Could not save the CSV file')).closest('[role="alert"]')!;
    expect(problem.textContent).toContain('EACCES: permission denied');
    expect(screen.queryByText(/Saved to/)).toBeNull();
  });

  it('warns that the damaged history was set aside, with main’s words behind Technical details', async () => {
    await openReport({ reports: { today: busyDay({ ledgerWarning: 'ledger-2026-03.jsonl line 412 unreadable; kept as ledger-2026-03.damaged-1.jsonl' }) } });
    const warning = (await screen.findByText(/The order history file was damaged and set aside/)).closest('.warning-box')!;
    expect(warning.textContent).toContain('Some orders are missing from this report.');
    const details = within(warning as HTMLElement).getByText('Technical details').closest('details')!;
    expect(details.open).toBe(false);
    expect(details.textContent).toContain('line 412 unreadable');
  });

  it('warns from the app info when the report carries no warning, and not at all when all is well', async () => {
    await openReport({ reports: { today: busyDay() }, appInfo: { ...APP_INFO, ledgerWarning: 'Could not write ledger-2026-03.jsonl: ENOSPC' } });
    expect(await screen.findByText(/The order history file was damaged and set aside/)).toBeTruthy();
    expect(screen.getByText(/ENOSPC/)).toBeTruthy();
    cleanup();
    await openReport({ reports: { today: busyDay() } });
    await screen.findByRole('region', { name: 'By channel' });
    expect(screen.queryByText(/The order history file was damaged/)).toBeNull();
  });

  it('shows a report that could not be made as an error with a retry', async () => {
    const fake = await openReport({ failures: { getReport: { kind: 'internal', message: 'ledger folder unreadable' } } });
    const problem = (await screen.findByText('Could not load the report')).closest('[role="alert"]') as HTMLElement;
    expect(problem.textContent).toContain('ledger folder unreadable');
    delete fake.failures.getReport;
    fake.reports.today = busyDay();
    fireEvent.click(within(problem).getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Time to accept (median)', { selector: 'dt' })).toBeTruthy();
    expect(fake.callsOf('getReport')).toEqual([{ range: 'today' }, { range: 'today' }]);
  });

  it('speaks Azerbaijani and Russian', async () => {
    for (const [language, nav, median] of [
      ['az', 'Hesabat', '2 dəq 5 san'],
      ['ru', 'Отчёт', '2 мин 5 с'],
    ] as const) {
      const fake = new FakeBridge({ view: makeSettingsView({ settings: connectedSettings({ language }) }), reports: { today: busyDay() } });
      renderApp(fake);
      fireEvent.click(await screen.findByRole('button', { name: nav }));
      await screen.findByRole('heading', { name: nav });
      const label = language === 'az' ? 'Qəbul müddəti (median)' : 'Время до принятия (медиана)';
      await screen.findByText(label, { selector: 'dt' });
      expect(tile(label)).toBe(median);
      cleanup();
    }
  });
});
