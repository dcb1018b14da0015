/** The timestamp forms the Clopos docs show (docs/clopos-api.md "Dates and money"). */

import type { TimestampFormat } from './types';

export type NativeTimestampStyle = 'zone-less' | 'iso-seconds' | 'iso-micro';

const zoneFormatters = new Map<string, Intl.DateTimeFormat>();

function zoneFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = zoneFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    zoneFormatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError for an unknown IANA zone, so a typo fails at start-up rather than per reply. */
export function assertTimeZone(timeZone: string): void {
  zoneFormatter(timeZone);
}

function localParts(ms: number, timeZone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of zoneFormatter(timeZone).formatToParts(new Date(ms))) parts[part.type] = part.value;
  return parts;
}

/** "2025-08-18 13:44:10" in the given zone, with no zone marker. */
export function zoneLess(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/** "2025-08-18" in the given zone: what `date[0]`/`date[1]` filters compare against. */
export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

export function formatTimestamp(
  ms: number,
  native: NativeTimestampStyle,
  format: TimestampFormat,
  timeZone: string,
): string | number {
  if (format === 'epoch-seconds') return Math.floor(ms / 1000);
  if (format === 'epoch-ms') return ms;
  const iso = new Date(ms).toISOString();
  switch (native) {
    case 'zone-less':
      return zoneLess(ms, timeZone);
    case 'iso-seconds':
      return `${iso.slice(0, 19)}Z`;
    case 'iso-micro':
      return `${iso.slice(0, 23)}000Z`;
  }
}
