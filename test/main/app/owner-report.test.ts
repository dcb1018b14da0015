/**
 * The owner's report in main (main/app/owner-report.ts): the period's orders as CSV a spreadsheet
 * reads safely, saved only where a person chose in main's save dialog.
 */
import { describe, expect, it } from 'vitest';
import type { OrderLife } from '../../../common/report';
import { appError, err, ok } from '../../../common/result';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings';
import { createOwnerReport, csvCell, ordersCsv } from '../../../main/app/owner-report';
import type { SaveFileRequest } from '../../../main/app/ports';
import type { Ledger, ReportQuery } from '../../../main/ledger/types';
import { emptyReport, FIXED_NOW } from '../../renderer/fixtures';
import { ManualClock } from './fake-clock';

const life = (overrides: Partial<OrderLife> = {}): OrderLife => ({
  id: '10001',
  venueId: '1',
  number: 'W-1042',
  channel: 'Wolt',
  total: 24.5,
  createdAt: Date.parse('2026-03-02T11:58:00Z'),
  firstSeenAt: Date.parse('2026-03-02T11:58:04Z'),
  announcedAt: Date.parse('2026-03-02T11:58:04Z'),
  acknowledgedAt: Date.parse('2026-03-02T11:58:40Z'),
  acknowledgedOn: 'COUNTER-1',
  leftAt: Date.parse('2026-03-02T12:01:10Z'),
  outcome: 'accepted',
  acceptMs: 190_000,
  ...overrides,
});

describe('the report as CSV', () => {
  it('one row per order with times in the report\'s zone, the PC that saw it and the seconds to Seen and to accept', () => {
    const csv = ordersCsv([life()], 'en', 'Asia/Baku');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const [header, row] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toBe('Order,Order id,Venue,Channel,Total,Created,First seen,Announced,Seen,Seen on,Left pending,Outcome,Seconds to Seen,Seconds to accept');
    // Baku is UTC+4.
    expect(row).toBe('W-1042,10001,1,Wolt,24.5,2026-03-02 15:58:00,2026-03-02 15:58:04,2026-03-02 15:58:04,2026-03-02 15:58:40,COUNTER-1,2026-03-02 16:01:10,accepted,40,190');
  });

  it('headers in the settings\' language; a pending order says so and leaves its times empty', () => {
    const csv = ordersCsv([life({ acknowledgedAt: null, acknowledgedOn: null, leftAt: null, outcome: null, acceptMs: null })], 'ru', 'UTC');
    const [header, row] = csv.slice(1).trimEnd().split('\r\n');
    expect(header).toContain('Заказ,Id заказа,Филиал');
    expect(row).toMatch(/,,,pending,,$/);
  });

  it('text from the network can never run as a spreadsheet formula or break a row', () => {
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell('+994501234567')).toBe("'+994501234567");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('two\nlines\u0000')).toBe('two lines ');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
    const csv = ordersCsv([life({ number: '=1+1', channel: 'Wolt\r\nInjected,row' })], 'en', 'UTC');
    expect(csv.slice(1).trimEnd().split('\r\n')).toHaveLength(2);
  });
});

describe('the owner report in main', () => {
  function setup(options: { saveAs?: string | null; saveError?: string; failReport?: boolean } = {}) {
    const queries: ReportQuery[] = [];
    const saved: SaveFileRequest[] = [];
    const ledger: Ledger = {
      record: () => undefined,
      report: (query) => {
        queries.push(query);
        if (options.failReport) throw new Error('index exploded');
        return emptyReport(query.range);
      },
      orders: (query) => (queries.push(query), [life()]),
      warning: () => null,
      prune: () => undefined,
      close: () => undefined,
    };
    const settings: Settings = { ...DEFAULT_SETTINGS, language: 'az', connection: { ...DEFAULT_SETTINGS.connection, timeZone: 'Asia/Baku' }, alerts: { ...DEFAULT_SETTINGS.alerts, escalationMinutes: 4 } };
    const logs: string[] = [];
    const owner = createOwnerReport({
      ledger: () => ledger,
      settings: () => settings,
      clock: new ManualClock(FIXED_NOW),
      saveFile: async (request) => {
        saved.push(request);
        if (options.saveError) return err(appError('internal', options.saveError));
        return ok({ file: options.saveAs ?? null });
      },
      log: (_level, message) => logs.push(message),
    });
    return { owner, queries, saved, logs };
  }

  it('asks the ledger in the connection\'s zone with the escalation time in Settings', () => {
    const t = setup();
    expect(t.owner.report('7d')).toMatchObject({ ok: true, value: { range: '7d' } });
    expect(t.queries).toEqual([{ range: '7d', now: FIXED_NOW, timeZone: 'Asia/Baku', escalationMinutes: 4 }]);
  });

  it('a ledger that fails is an error a person can read, and the log has why', () => {
    const t = setup({ failReport: true });
    const reply = t.owner.report('today');
    expect(reply).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(t.logs.join(' ')).toContain('index exploded');
  });

  it('export offers a dated CSV file in the save dialog and says where it was saved; a cancelled dialog saves nothing', async () => {
    const t = setup({ saveAs: '/home/owner/orders.csv' });
    expect(await t.owner.exportCsv('yesterday')).toEqual({ ok: true, value: { file: '/home/owner/orders.csv' } });
    expect(t.saved[0]).toMatchObject({ defaultName: 'orders-yesterday-2026-03-02.csv', extension: 'csv', title: 'Sifarişləri CSV kimi ixrac et' });
    expect(t.saved[0]!.content).toContain('W-1042');
    const cancelled = setup({ saveAs: null });
    expect(await cancelled.owner.exportCsv('today')).toEqual({ ok: true, value: { file: null } });
    const refused = setup({ saveError: 'The file could not be written to /x.csv (EACCES). Choose another folder.' });
    expect(await refused.owner.exportCsv('today')).toMatchObject({ ok: false, error: { message: expect.stringContaining('EACCES') } });
  });
});
