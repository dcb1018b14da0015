/**
 * How the report's figures read: durations in words ("1 min 40 s", "45 s", "—" for none), the
 * unreachable time in whole minutes, hours of the day, and the one-sentence summaries that stand in
 * for the charts for screen readers.
 */
import type { ReportHour } from '../../../common/report';
import type { Messages } from '../i18n/en';
import type { Formatters } from '../i18n/format';

/** A duration as a person says it: "45 s", "1 min 40 s", "2 h 5 min"; "—" when there is none. */
export function formatDuration(ms: number | null, t: Messages): string {
  if (ms === null || !Number.isFinite(ms)) return t.notGiven;
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return t.report.seconds(seconds);
  if (seconds < 3600) return t.report.minutes(Math.floor(seconds / 60), seconds % 60);
  const minutes = Math.round(seconds / 60);
  return t.report.hours(Math.floor(minutes / 60), minutes % 60);
}

/** A longer stretch (Clopos unreachable) in whole minutes: "0 min", "12 min", "2 h 5 min"; under a minute but not none: "45 s". */
export function formatMinutes(ms: number, t: Messages): string {
  const safe = Math.max(0, ms);
  if (safe > 0 && safe < 60_000) return formatDuration(safe, t);
  const minutes = Math.round(safe / 60_000);
  return minutes < 60 ? t.report.minutes(minutes, 0) : t.report.hours(Math.floor(minutes / 60), minutes % 60);
}

/** "09:00": an hour of the day, the same in every language. */
export const hourLabel = (hour: number): string => `${String(hour).padStart(2, '0')}:00`;

/** What the orders-by-hour chart shows, in one sentence. */
export function ordersChartSummary(hours: readonly ReportHour[], t: Messages, format: Formatters): string {
  const total = hours.reduce((sum, hour) => sum + hour.orders, 0);
  const peak = hours.reduce<ReportHour | null>((best, hour) => (best === null || hour.orders > best.orders ? hour : best), null);
  return t.report.ordersChartSummary(format.number(total), hourLabel(peak?.hour ?? 0), format.number(peak?.orders ?? 0));
}

/** What the acceptance-by-hour chart shows, in one sentence: its slowest hour. */
export function acceptChartSummary(hours: readonly ReportHour[], t: Messages): string {
  let slowest: ReportHour | null = null;
  for (const hour of hours) {
    if (hour.acceptMedianMs !== null && (slowest === null || hour.acceptMedianMs > (slowest.acceptMedianMs ?? 0))) slowest = hour;
  }
  return slowest ? t.report.acceptChartSummary(hourLabel(slowest.hour), formatDuration(slowest.acceptMedianMs, t)) : t.report.noneAccepted;
}
