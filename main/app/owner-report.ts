/**
 * The owner's report over the ledger: the figures for a period (the window's report screen and
 * the CLI) and the period's orders as CSV, saved where a person chooses in main's save dialog.
 * The window only names the period; main builds the file and the dialog picks the place, so no
 * script in the window can write anywhere. Electron-free.
 */
import type { OrderLife, ReportData, ReportRange } from '../../common/report';
import { appError, err, ok, type Result } from '../../common/result';
import type { Language, Settings } from '../../common/settings';
import type { Ledger, ReportQuery } from '../ledger/types';
import type { Clock } from '../watch/types';
import type { DesktopPorts, LogFn } from './ports';

export interface OwnerReportDeps {
  /** The ledger of what is watched now (the restaurant's or the demo's). */
  ledger(): Ledger | null;
  settings(): Settings;
  clock: Clock;
  saveFile: DesktopPorts['saveFile'];
  log: LogFn;
}

export interface OwnerReport {
  report(range: ReportRange): Result<ReportData>;
  exportCsv(range: ReportRange): Promise<Result<{ file: string | null }>>;
}

/** The period as the settings say to count it: the connection's time zone ('' = this PC's) and the escalation time. */
export function reportQuery(range: ReportRange, settings: Settings, now: number): ReportQuery {
  return { range, now, timeZone: settings.connection.timeZone, escalationMinutes: settings.alerts.escalationMinutes };
}

const HEADERS: Record<Language, string[]> = {
  en: ['Order', 'Order id', 'Venue', 'Channel', 'Total', 'Created', 'First seen', 'Announced', 'Seen', 'Seen on', 'Left pending', 'Outcome', 'Seconds to Seen', 'Seconds to accept'],
  az: ['Sifariş', 'Sifariş id', 'Filial', 'Kanal', 'Cəmi', 'Yaradılıb', 'İlk görülüb', 'Bildirilib', 'Gördüm', 'Harada görülüb', 'Gözləmədən çıxıb', 'Nəticə', 'Gördüm üçün saniyə', 'Qəbul üçün saniyə'],
  ru: ['Заказ', 'Id заказа', 'Филиал', 'Канал', 'Сумма', 'Создан', 'Впервые замечен', 'Оповещение', 'Вижу', 'Где отмечен', 'Вышел из ожидания', 'Итог', 'Секунд до «Вижу»', 'Секунд до принятия'],
};

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * One CSV cell: control characters dropped, quoted when needed, and text a spreadsheet would run
 * as a formula (= + - @ at the start; order numbers and names come from the network) made plain text.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value.replace(CONTROL, ' ');
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** "2026-12-05 13:04:11" in the report's zone (sv-SE formats dates the ISO way). */
function timeText(zone: string): (at: number | null) => string | null {
  const format = new Intl.DateTimeFormat('sv-SE', {
    ...(zone ? { timeZone: zone } : {}),
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => (at === null ? null : format.format(new Date(at)));
}

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.round(ms / 1000));

/** The period's orders as CSV (UTF-8 with a byte-order mark, so spreadsheets read Azerbaijani and Russian right). */
export function ordersCsv(orders: readonly OrderLife[], language: Language, zone: string): string {
  const time = timeText(zone);
  const rows = orders.map((o) => {
    const created = o.createdAt ?? o.firstSeenAt;
    return [
      o.number,
      o.id,
      o.venueId,
      o.channel,
      o.total,
      time(created),
      time(o.firstSeenAt),
      time(o.announcedAt),
      time(o.acknowledgedAt),
      o.acknowledgedOn,
      time(o.leftAt),
      o.outcome ?? 'pending',
      seconds(o.acknowledgedAt === null ? null : Math.max(0, o.acknowledgedAt - created)),
      seconds(o.acceptMs),
    ];
  });
  return `\uFEFF${[HEADERS[language], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const NO_HISTORY = 'The order history could not be opened, so there is no report. The log has the details.';

export function createOwnerReport(deps: OwnerReportDeps): OwnerReport {
  const query = (range: ReportRange) => reportQuery(range, deps.settings(), deps.clock.now());
  return {
    report(range) {
      const ledger = deps.ledger();
      if (!ledger) return err(appError('config', NO_HISTORY));
      try {
        return ok(ledger.report(query(range)));
      } catch (cause) {
        deps.log('error', `The report could not be made: ${cause instanceof Error ? cause.message : String(cause)}`);
        return err(appError('internal', 'The report could not be made from the order history. The log has the details.'));
      }
    },
    async exportCsv(range) {
      const settings = deps.settings();
      const ledger = deps.ledger();
      if (!ledger) return err(appError('config', NO_HISTORY));
      let content: string;
      try {
        content = ordersCsv(ledger.orders(query(range)), settings.language, settings.connection.timeZone);
      } catch (cause) {
        deps.log('error', `The CSV could not be made: ${cause instanceof Error ? cause.message : String(cause)}`);
        return err(appError('internal', 'The order history could not be read for the export. The log has the details.'));
      }
      const day = timeText(settings.connection.timeZone)(deps.clock.now())?.slice(0, 10) ?? 'report';
      const saved = await deps.saveFile({
        title: { en: 'Export orders as CSV', az: 'Sifarişləri CSV kimi ixrac et', ru: 'Экспорт заказов в CSV' }[settings.language],
        defaultName: `orders-${range}-${day}.csv`,
        filterName: 'CSV',
        extension: 'csv',
        content,
      });
      if (saved.ok && saved.value.file) deps.log('info', `The ${range} report's orders were saved to ${saved.value.file}.`);
      return saved;
    },
  };
}
