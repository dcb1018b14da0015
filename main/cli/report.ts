/**
 * `report --since …`: the owner's report from the app's ledger on this PC, as text or JSON. It
 * opens the ledger read-only: the app may be running and appending to it.
 */
import { existsSync } from 'node:fs';
import type { ReportData, ReportFigures, ReportGroup } from '../../common/report';
import { openLedger } from '../ledger';
import type { ReportCommand } from './args';
import type { Output } from './output';

const minutes = (ms: number): string => `${(ms / 60_000).toFixed(1)} min`;

/** "2 min 5 s", "45 s", "—". */
export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  const total = Math.round(ms / 1000);
  if (total < 60) return `${total} s`;
  const m = Math.floor(total / 60);
  const s = total % 60;
  if (m >= 60) return `${Math.floor(m / 60)} h ${m % 60} min`;
  return s === 0 ? `${m} min` : `${m} min ${s} s`;
}

function figureLines(f: ReportFigures, escalationMinutes: number): string[] {
  return [
    `Orders:                          ${f.orders}`,
    `Accepted:                        ${f.accepted}`,
    `Time to accept (median / p90):   ${durationText(f.acceptMedianMs)} / ${durationText(f.acceptP90Ms)}`,
    `Time to Seen (median / p90):     ${durationText(f.seenMedianMs)} / ${durationText(f.seenP90Ms)}`,
    `Waited over ${escalationMinutes} min unseen:`.padEnd(33) + String(f.waitedOverThreshold),
    `Never accepted:                  ${f.neverAccepted}`,
    `Still pending:                   ${f.stillPending}`,
    `Clopos unreachable:              ${minutes(f.unreachableMs)}`,
  ];
}

function groupTable(title: string, groups: readonly ReportGroup[], unknown: string): string[] {
  if (groups.length === 0) return [];
  const header = ['', 'orders', 'accepted', 'accept median', 'accept p90', 'seen median', 'waited', 'never accepted', 'unreachable'];
  const rows = groups.map((g) => [
    g.key || unknown,
    String(g.orders),
    String(g.accepted),
    durationText(g.acceptMedianMs),
    durationText(g.acceptP90Ms),
    durationText(g.seenMedianMs),
    String(g.waitedOverThreshold),
    String(g.neverAccepted),
    minutes(g.unreachableMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return ['', title, line(header), ...rows.map(line)];
}

export function formatReport(report: ReportData): string {
  const when = (at: number) => new Date(at).toLocaleString('en-GB', { timeZone: report.timeZone, dateStyle: 'medium', timeStyle: 'short' });
  const lines = [`Report ${report.range}: ${when(report.from)} – ${when(report.to)} (${report.timeZone})`, ''];
  if (report.ledgerWarning) lines.push(`warning: ${report.ledgerWarning}`, '');
  lines.push(...figureLines(report.totals, report.escalationMinutes));
  lines.push(...groupTable('Per channel', report.byChannel, '(unknown channel)'));
  lines.push(...groupTable('Per venue', report.byVenue, '(unknown venue)'));
  const busy = report.byHour.filter((h) => h.orders > 0);
  if (busy.length > 0) {
    lines.push('', 'By hour (orders, median time to accept)');
    for (const h of busy) lines.push(`  ${String(h.hour).padStart(2, '0')}:00  ${String(h.orders).padStart(4)}  ${durationText(h.acceptMedianMs)}`);
  }
  if (report.slowest.length > 0) {
    lines.push('', 'Slowest to accept');
    for (const o of report.slowest) lines.push(`  ${(o.number ?? o.id).padEnd(12)} ${(o.channel ?? '').padEnd(14)} venue ${o.venueId.padEnd(6)} ${durationText(o.acceptMs)}`);
  }
  return lines.join('\n');
}

export function runReport(command: ReportCommand, io: Output, now: () => number = Date.now): number {
  if (!existsSync(command.ledgerDir)) {
    io.err(`No order history in ${command.ledgerDir}: the app has not kept any on this PC yet (or give the folder with --ledger).`);
    return 1;
  }
  const ledger = openLedger({ dir: command.ledgerDir, now, readOnly: true, log: (level, message) => (level === 'warn' || level === 'error' ? io.err(`${level}: ${message}`) : undefined) });
  try {
    const report = ledger.report({ range: command.since, now: now(), timeZone: command.timeZone, escalationMinutes: command.escalationMinutes });
    io.out(command.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return 0;
  } finally {
    ledger.close();
  }
}
